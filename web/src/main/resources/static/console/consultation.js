/*
 * Remote consultations (远程会商) in the official console: the consultations I host or am invited to; open one
 * (title, optional case, recording: consultation-create.js); the host invites officials of any office by walking
 * the office tree (consultation-invite.js); join the room in the console's room panel (same video grid and host
 * controls as a session, no lobby, no petitioner; whether it is recorded: room-recording.js); the host ends it (in
 * the room or from the list). The console (console/console.js) mounts it with its room panel (console/room.js) and
 * starts it once the page knows who is signed in.
 */
import { errorMessage, get, post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { applyI18n, t } from '/js/i18n.js';
import { consultationCreate } from '/console/consultation-create.js';
import { consultationInvite } from '/console/consultation-invite.js';
import { data, joined as joinedNodes, message } from '/console/names.js';
import { roomRecording } from '/console/room-recording.js';

const $ = byId;
const API = '/api/v1/consultations';

/** Builds the consultations panel beside the console's room panel; returns {start(page), render()}. */
export function consultationsPanel(roomPanel) {
  const S = {
    list: null,       // consultations, newest first
    listError: null,
    cases: new Map(), // caseId → case number (or null while loading / unknown)
    joined: null      // the consultation whose room is open
  };
  let page = null;    // who is signed in and the offices (from startPage), once loaded

  const me = () => page && page.me;
  const offices = () => (page ? page.offices : new Map());
  const isHostOf = (c) => !!me() && me().officialId != null && c.hostOfficialId === me().officialId;

  buildPanel();
  const create = consultationCreate({
    created: async (c, chosenCase) => {
      if (chosenCase) S.cases.set(chosenCase.id, chosenCase.caseNumber);
      await load();
      invite.open(c); // the next step is nearly always inviting someone
    }
  });
  const invite = consultationInvite({
    me: me,
    offices: offices,
    invited: (c) => {
      if (S.joined && S.joined.id === c.id) {
        c.recording = S.joined.recording; // as the host last set it in this room
        S.joined = c;
      }
    },
    closed: () => load()
  });
  const recording = roomRecording(roomPanel, { joined: () => S.joined, isHostOf: isHostOf });

  // ---------------------------------------------------------------- the panel

  function buildPanel() {
    const panel = $('consultations-panel');
    panel.replaceChildren(
      el('div', { class: 'section-head row' },
        el('h1', { id: 'consultations-title', 'data-i18n': 'consult.title' }),
        el('span', { class: 'spacer' }),
        el('button', { type: 'button', id: 'consult-new', class: 'primary', 'data-testid': 'consult-new',
          'data-i18n': 'consult.new', onclick: () => create.open() }),
        el('button', { type: 'button', id: 'consult-refresh', 'data-testid': 'consult-refresh', 'data-i18n': 'list.refresh',
          onclick: load })),
      el('div', { id: 'consult-status', class: 'muted', role: 'status' }),
      el('div', { class: 'table-wrap' },
        el('table', { 'data-testid': 'consult-table' },
          el('thead', null, el('tr', null,
            ...['consult.col.title', 'list.col.case', 'consult.col.host', 'list.col.state', 'consult.col.invitees',
              'list.col.actions'].map(k => el('th', { scope: 'col', 'data-i18n': k })))),
          el('tbody', { id: 'consultations' }))),
      el('p', { id: 'consult-empty', class: 'muted', 'data-i18n': 'consult.none', hidden: true }));
    applyI18n(panel);
  }

  async function load() {
    if (!me()) return;
    $('consult-status').textContent = t('list.loading');
    try {
      S.list = (await get(API)) || [];
      S.listError = null;
    } catch (err) {
      S.list = [];
      S.listError = err;
    }
    $('consultations-panel').dataset.loaded = 'true';
    renderList();
  }

  function caseText(c) {
    if (c.caseId == null) return t('consult.noCase');
    if (!S.cases.has(c.caseId)) {
      S.cases.set(c.caseId, null);
      get('/api/v1/cases/' + c.caseId)
        .then(k => { S.cases.set(c.caseId, k.caseNumber); renderList(); })
        .catch(() => { S.cases.set(c.caseId, '#' + c.caseId); renderList(); });
    }
    return S.cases.get(c.caseId) || '#' + c.caseId;
  }

  function renderList() {
    $('consult-status').textContent = S.listError ? errorMessage(S.listError) : '';
    const body = $('consultations');
    body.replaceChildren();
    $('consult-empty').hidden = !(S.list && S.list.length === 0 && !S.listError);
    for (const c of S.list || []) {
      const host = isHostOf(c);
      const open = c.state === 'OPEN';
      const invitees = joinedNodes((c.participants || []).map(p => data(p.officialName)));
      body.appendChild(el('tr', { 'data-testid': 'consult-row', dataset: { consultationId: c.id, state: c.state } },
        el('td', null, data(c.title, { class: 'strong' }),
          c.recording ? el('span', { class: 'rec', title: t('consult.recording') }, t('consult.rec')) : null),
        el('td', null, c.caseId == null ? t('consult.noCase') : data(caseText(c))),
        el('td', null, data(c.hostName), host ? ' ' + t('consult.me') : null),
        el('td', null, el('span', { class: 'state consult-' + c.state }, t('consult.state.' + c.state))),
        el('td', null, invitees.length ? invitees : t('consult.noInvitees')),
        el('td', { class: 'actions' },
          open ? el('button', { type: 'button', class: 'primary', 'data-testid': 'consult-join', onclick: () => join(c) },
            t('consult.join')) : null,
          open && host ? el('button', { type: 'button', 'data-testid': 'consult-invite', onclick: () => invite.open(c) },
            t('consult.invite')) : null,
          open && host ? el('button', { type: 'button', class: 'danger', 'data-testid': 'consult-end',
            onclick: () => endFromList(c) }, t('consult.end')) : null)));
    }
  }

  async function endFromList(c) {
    if (!window.confirm(t('consult.endConfirm'))) return;
    try {
      await post(API + '/' + c.id + '/end');
    } catch (err) {
      $('consult-status').textContent = errorMessage(err);
      return;
    }
    load();
  }

  // ---------------------------------------------------------------- the room

  function join(c) {
    S.joined = c;
    roomPanel.open({
      consultationId: c.id,
      title: () => message('consult.roomTitle', { title: S.joined.title }),
      sub: () => [...message('consult.roomSub', { host: S.joined.hostName }),
        ...(S.joined.caseId != null ? [' · ', ...message('session.case', { number: caseText(S.joined) })] : []),
        S.joined.recording ? ' · ' + t('consult.recording') : ''],
      grant: () => post(API + '/' + c.id + '/join-token'),
      lobby: false,
      invite: () => invite.open(S.joined),
      inviteLabel: 'consult.invite',
      mayInvite: () => isHostOf(S.joined),
      endLabel: 'consult.end',
      endConfirm: 'consult.endConfirm',
      statusKey: (status) => (status === 'ended' || status === 'removed' || status === 'lobby')
        ? 'consult.status.' + status : 'console.status.' + status,
      roleKey: (role) => 'consult.role.' + role,
      onStatus: (status) => { if (status === 'ended') load(); },
      onLeave: () => { S.joined = null; load(); }
    });
  }

  // ---------------------------------------------------------------- start

  function renderAll() {
    renderList();
    create.render();
    invite.render();
    recording.render();
  }

  /** Once the console knows who is signed in: only officials with an official record take part in consultations. */
  function start(context) {
    page = context;
    const m = me();
    $('consult-new').hidden = !(m && m.officialId != null && (m.role === 'LEADER' || m.role === 'OFFICIAL'));
    if (!(m && m.officialId != null)) $('consultations-panel').dataset.off = 'true';
    load();
  }

  return { start: start, render: renderAll };
}
