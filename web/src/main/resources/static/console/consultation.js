/*
 * Remote consultations (远程会商) in the official console: the consultations I host or am invited to; open one
 * (title, optional case, recording); the host invites officials of any office by walking the office tree (the
 * server decides whose officials the caller may list); join the room in the console's room panel (same video grid
 * and host controls as a session, no lobby, no petitioner); the host ends it (in the room or from the list).
 * The console (console/console.js) mounts it with its room panel (console/room.js) and starts it once the page
 * knows who is signed in.
 */
import { api, errorMessage, get, post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { applyI18n, t } from '/js/i18n.js';
import { officeName } from '/js/page.js';

const $ = byId;
const API = '/api/v1/consultations';

const S = {
  list: null,       // consultations, newest first
  listError: null,
  cases: new Map(), // caseId → case number (or null while loading / unknown)
  creating: null,   // {found: [cases], caseId, error}
  inviting: null,   // {consultation, expanded: Set(officeId), officials: Map(officeId → list | Error | null), error, sent}
  joined: null      // the consultation whose room is open
};

let roomPanel = null; // the console's room panel (console/room.js)
let page = null;  // who is signed in and the offices (from startPage), once loaded

const me = () => page && page.me;
const offices = () => (page ? page.offices : new Map());
const isHostOf = (c) => !!me() && me().officialId != null && c.hostOfficialId === me().officialId;

// ------------------------------------------------------------------ the panel

function buildPanel() {
  const panel = $('consultations-panel');
  panel.replaceChildren(
    el('div', { class: 'section-head row' },
      el('h1', { id: 'consultations-title', 'data-i18n': 'consult.title' }),
      el('span', { class: 'spacer' }),
      el('button', { type: 'button', id: 'consult-new', class: 'primary', 'data-testid': 'consult-new',
        'data-i18n': 'consult.new', onclick: openCreate }),
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
  const dialogs = [createDialog(), inviteDialog()];
  document.body.append(...dialogs);
  applyI18n(panel);
  dialogs.forEach(d => applyI18n(d));
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
    const invitees = (c.participants || []).map(p => p.officialName).join('、');
    body.appendChild(el('tr', { 'data-testid': 'consult-row', dataset: { consultationId: c.id, state: c.state } },
      el('td', null, el('span', { class: 'strong' }, c.title),
        c.recording ? el('span', { class: 'rec', title: t('consult.recording') }, t('consult.rec')) : null),
      el('td', null, caseText(c)),
      el('td', null, c.hostName + (host ? ' ' + t('consult.me') : '')),
      el('td', null, el('span', { class: 'state consult-' + c.state }, t('consult.state.' + c.state))),
      el('td', null, invitees || t('consult.noInvitees')),
      el('td', { class: 'actions' },
        open ? el('button', { type: 'button', class: 'primary', 'data-testid': 'consult-join', onclick: () => join(c) },
          t('consult.join')) : null,
        open && host ? el('button', { type: 'button', 'data-testid': 'consult-invite', onclick: () => openInvite(c) },
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

// ------------------------------------------------------------------ create

function createDialog() {
  return el('dialog', { id: 'consult-dialog', 'data-testid': 'consult-dialog', 'aria-labelledby': 'cd-title' },
    el('form', { class: 'dialog-body', onsubmit: (e) => { e.preventDefault(); create(); } },
      el('h2', { id: 'cd-title', 'data-i18n': 'consult.new' }),
      el('label', { for: 'cd-title-input', 'data-i18n': 'consult.field.title' }),
      el('input', { id: 'cd-title-input', 'data-testid': 'cd-title', required: true, maxlength: 200, autocomplete: 'off',
        'data-i18n-placeholder': 'consult.field.titleHint' }),
      el('label', { for: 'cd-case-q', 'data-i18n': 'consult.field.case' }),
      el('div', { class: 'row case-pick' },
        el('input', { id: 'cd-case-q', 'data-testid': 'cd-case-q', autocomplete: 'off',
          'data-i18n-placeholder': 'consult.field.caseHint', oninput: searchCases }),
        el('select', { id: 'cd-case', 'data-testid': 'cd-case', onchange: (e) => {
          if (S.creating) S.creating.caseId = e.target.value ? Number(e.target.value) : null;
        } })),
      el('div', { class: 'check' },
        el('input', { type: 'checkbox', id: 'cd-recording', 'data-testid': 'cd-recording' }),
        el('label', { for: 'cd-recording', 'data-i18n': 'consult.field.recording' })),
      el('div', { id: 'cd-error', class: 'message err', role: 'alert', 'data-testid': 'cd-error' }),
      el('div', { class: 'dialog-actions' },
        el('button', { type: 'button', 'data-i18n': 'dialog.back', onclick: () => { S.creating = null; $('consult-dialog').close(); } }),
        el('button', { type: 'submit', id: 'cd-create', 'data-testid': 'cd-create', class: 'primary',
          'data-i18n': 'consult.create' }))));
}

function openCreate() {
  S.creating = { found: [], caseId: null, error: null, seq: 0 };
  $('cd-title-input').value = '';
  $('cd-case-q').value = '';
  $('cd-recording').checked = false;
  renderCreate();
  $('consult-dialog').showModal();
  $('cd-title-input').focus();
}

async function searchCases() {
  const cr = S.creating;
  if (!cr) return;
  const q = $('cd-case-q').value.trim();
  const seq = ++cr.seq;
  if (!q) { cr.found = []; cr.caseId = null; renderCreate(); return; }
  try {
    const found = (await get('/api/v1/cases?limit=20&q=' + encodeURIComponent(q))) || [];
    if (S.creating !== cr || seq !== cr.seq) return;
    cr.found = found;
    cr.caseId = found.length ? found[0].id : null;
    cr.error = null;
  } catch (err) {
    if (S.creating !== cr || seq !== cr.seq) return;
    cr.found = [];
    cr.caseId = null;
    cr.error = err;
  }
  renderCreate();
}

function renderCreate() {
  const cr = S.creating;
  if (!cr) return;
  const select = $('cd-case');
  select.replaceChildren(el('option', { value: '' }, t('consult.noCase')),
    ...cr.found.map(k => el('option', { value: k.id, selected: k.id === cr.caseId },
      k.caseNumber + ' · ' + (k.subject || ''))));
  if (cr.caseId == null) select.value = '';
  $('cd-error').textContent = cr.error ? errorMessage(cr.error) : '';
}

async function create() {
  const cr = S.creating;
  if (!cr) return;
  const title = $('cd-title-input').value.trim();
  if (!title) { cr.error = new Error(t('consult.field.titleMissing')); renderCreate(); return; }
  $('cd-create').disabled = true;
  try {
    const c = await post(API, { title: title, caseId: cr.caseId, recording: $('cd-recording').checked });
    const chosen = cr.found.find(k => k.id === cr.caseId);
    if (chosen) S.cases.set(chosen.id, chosen.caseNumber);
    S.creating = null;
    $('consult-dialog').close();
    await load();
    openInvite(c); // the next step is nearly always inviting someone
  } catch (err) {
    cr.error = err;
    renderCreate();
  } finally {
    $('cd-create').disabled = false;
  }
}

// ------------------------------------------------------------------ invite: walk the office tree

function inviteDialog() {
  return el('dialog', { id: 'consult-invite-dialog', 'data-testid': 'consult-invite-dialog', 'aria-labelledby': 'ci-title' },
    el('form', { method: 'dialog', class: 'dialog-body' },
      el('h2', { id: 'ci-title', 'data-i18n': 'consult.inviteTitle' }),
      el('p', { id: 'ci-sub', class: 'muted small' }),
      el('ul', { id: 'ci-tree', class: 'office-tree', role: 'tree', 'data-testid': 'ci-tree' }),
      el('div', { id: 'ci-info', class: 'message ok', role: 'status', 'data-testid': 'ci-info' }),
      el('div', { id: 'ci-error', class: 'message err', role: 'alert', 'data-testid': 'ci-error' }),
      el('div', { class: 'dialog-actions' },
        el('button', { type: 'button', id: 'ci-close', 'data-testid': 'ci-close', 'data-i18n': 'dialog.close', onclick: closeInvite }))));
}

function openInvite(c) {
  const expanded = new Set();
  // start with the caller's own office and its chain up to the root open
  let o = offices().get(me().officeId);
  const seen = new Set();
  while (o && !seen.has(o.id)) { seen.add(o.id); expanded.add(o.id); o = o.parentId == null ? null : offices().get(o.parentId); }
  S.inviting = { consultation: c, expanded: expanded, officials: new Map(), error: null, sent: null };
  for (const id of expanded) loadOfficials(id);
  renderInvite();
  $('consult-invite-dialog').showModal();
}

function closeInvite() {
  S.inviting = null;
  $('consult-invite-dialog').close();
  load();
}

async function loadOfficials(officeId) {
  const inv = S.inviting;
  if (!inv || inv.officials.has(officeId)) return;
  inv.officials.set(officeId, null);
  let result;
  try {
    result = ((await get('/api/v1/offices/' + officeId + '/officials?subtree=false')) || [])
      .filter(f => f.active !== false);
  } catch (err) {
    result = err;
  }
  if (S.inviting !== inv) return;
  inv.officials.set(officeId, result);
  renderInvite();
}

function toggle(officeId) {
  const inv = S.inviting;
  if (!inv) return;
  if (inv.expanded.has(officeId)) inv.expanded.delete(officeId);
  else { inv.expanded.add(officeId); loadOfficials(officeId); }
  renderInvite();
}

function renderInvite() {
  const inv = S.inviting;
  const tree = $('ci-tree');
  tree.replaceChildren();
  if (!inv) return;
  const c = inv.consultation;
  $('ci-sub').textContent = t('consult.inviteSub', { title: c.title });
  const children = new Map();
  const roots = [];
  for (const o of offices().values()) {
    if (o.parentId == null || !offices().has(o.parentId)) roots.push(o);
    else {
      if (!children.has(o.parentId)) children.set(o.parentId, []);
      children.get(o.parentId).push(o);
    }
  }
  // offices of a level first, then departments; each by its code
  const order = (a, b) => ((a.level === 'DEPARTMENT') - (b.level === 'DEPARTMENT'))
    || String(a.code).localeCompare(String(b.code));
  roots.sort(order);
  children.forEach(list => list.sort(order));
  const invited = new Set((c.participants || []).map(p => p.officialId));
  const node = (o) => {
    const open = inv.expanded.has(o.id);
    const kids = children.get(o.id) || [];
    const li = el('li', { role: 'treeitem', 'aria-expanded': open ? 'true' : 'false', 'data-testid': 'office-node',
      dataset: { officeId: o.id, code: o.code, level: o.level } },
      el('button', { type: 'button', class: 'twisty', 'data-testid': 'office-toggle', onclick: () => toggle(o.id) },
        el('span', { class: 'caret', 'aria-hidden': 'true' }, open ? '▾' : '▸'),
        el('span', { class: 'strong' }, officeName(o)),
        el('span', { class: 'level' }, t('consult.level.' + o.level))));
    if (open) {
      const sub = el('ul', { role: 'group' });
      const list = inv.officials.get(o.id);
      if (list === null || list === undefined) {
        sub.appendChild(el('li', { class: 'muted small' }, t('list.loading')));
      } else if (list instanceof Error) {
        sub.appendChild(el('li', { class: 'muted small' }, t('consult.officialsHidden')));
      } else {
        for (const f of list) {
          const self = me().officialId === f.id;
          const already = invited.has(f.id) || f.id === c.hostOfficialId;
          sub.appendChild(el('li', { class: 'official', 'data-testid': 'tree-official', dataset: { officialId: f.id } },
            el('span', null, t('invite.option', { name: f.name, title: f.title || '', office: officeName(o) })),
            already || self
              ? el('span', { class: 'muted small' }, f.id === c.hostOfficialId ? t('consult.isHost') : t('consult.invited'))
              : el('button', { type: 'button', class: 'primary', 'data-testid': 'invite-official',
                onclick: () => invite(f) }, t('consult.inviteOne'))));
        }
        if (!list.length) sub.appendChild(el('li', { class: 'muted small' }, t('consult.noOfficials')));
      }
      for (const k of kids) sub.appendChild(node(k));
      li.appendChild(sub);
    }
    return li;
  };
  for (const r of roots) tree.appendChild(node(r));
  $('ci-info').textContent = inv.sent ? t('consult.invitedOne', { name: inv.sent }) : '';
  $('ci-error').textContent = inv.error ? errorMessage(inv.error) : '';
}

async function invite(official) {
  const inv = S.inviting;
  if (!inv) return;
  try {
    inv.consultation = await post(API + '/' + inv.consultation.id + '/invitations', { officialId: official.id });
    inv.sent = official.name;
    inv.error = null;
    if (S.joined && S.joined.id === inv.consultation.id) {
      inv.consultation.recording = S.joined.recording; // as the host last set it in this room
      S.joined = inv.consultation;
    }
  } catch (err) {
    inv.error = err;
    inv.sent = null;
  }
  if (S.inviting === inv) renderInvite();
}

// ------------------------------------------------------------------ the room

function join(c) {
  S.joined = c;
  roomPanel.open({
    consultationId: c.id,
    title: () => t('consult.roomTitle', { title: S.joined.title }),
    sub: () => t('consult.roomSub', { host: S.joined.hostName })
      + (S.joined.caseId != null ? ' · ' + t('session.case', { number: caseText(S.joined) }) : '')
      + (S.joined.recording ? ' · ' + t('consult.recording') : ''),
    grant: () => post(API + '/' + c.id + '/join-token'),
    lobby: false,
    invite: () => openInvite(S.joined),
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

// ------------------------------------------------------------------ recording in the room panel

/*
 * The room head shows whether the room is recorded: a reception always is (a permanent red badge); a
 * consultation when its host turned recording on, and the host has a Record toggle calling
 * PUT /api/v1/consultations/{id}/recording. The room panel re-renders the room head on every change (title, status);
 * we follow it through a MutationObserver so the reception room needs no code of ours.
 */
const REC_STYLE = 'display:inline-block;padding:2px 10px;border-radius:10px;background:#d93025;color:#fff;'
  + 'font-weight:600;font-size:.9em;';
let recBusy = false;
let recError = null;

function recArea() {
  let area = $('rec-area');
  if (!area) {
    area = el('div', { id: 'rec-area', class: 'rec-area', 'data-testid': 'rec-area',
      style: 'display:flex;align-items:center;gap:8px;flex-wrap:wrap;' });
    const head = document.querySelector('#room-panel .room-head');
    const actions = head && head.querySelector('.room-actions');
    if (!head) return null;
    head.insertBefore(area, actions);
  }
  return area;
}

function renderRecording() {
  const area = recArea();
  if (!area) return;
  const room = roomPanel.current();
  area.replaceChildren();
  if (!room || $('room-panel').hidden) return;
  const consultation = S.joined && room.consultationId === S.joined.id ? S.joined : null;
  const on = consultation ? !!consultation.recording : true; // a reception is always recorded
  if (on) {
    area.appendChild(el('span', { class: 'rec-badge', 'data-testid': 'rec-badge', role: 'status', style: REC_STYLE },
      '● ' + t('rec.badge')));
  }
  if (consultation && isHostOf(consultation) && consultation.state === 'OPEN') {
    area.appendChild(el('label', { class: 'inline', 'data-testid': 'rec-toggle-label' },
      el('input', { type: 'checkbox', id: 'rec-toggle', 'data-testid': 'rec-toggle', checked: on, disabled: recBusy,
        onchange: (e) => setRecording(consultation, e.target.checked) }),
      ' ' + t('consult.recordToggle')));
  }
  if (recError) {
    area.appendChild(el('span', { class: 'message err small', 'data-testid': 'rec-error', style: 'margin:0;padding:2px 8px;' },
      errorMessage(recError)));
  }
}

async function setRecording(c, on) {
  recBusy = true;
  recError = null;
  renderRecording();
  try {
    const r = await api('PUT', API + '/' + c.id + '/recording', { on: on });
    c.recording = !!r.recording;
  } catch (err) {
    recError = err;
  }
  recBusy = false;
  const room = roomPanel.current();
  if (room && room.sub) $('room-sub').textContent = room.sub();
  renderRecording();
}

function followRoomPanel() {
  const panel = $('room-panel');
  const title = $('room-title');
  if (!panel || !title) return;
  const observer = new MutationObserver(() => {
    const room = roomPanel.current();
    const key = room ? (room.consultationId ? 'c' + room.consultationId : 'b') + ':' + panel.hidden : 'none';
    if (key !== followRoomPanel.last) { recError = null; followRoomPanel.last = key; }
    renderRecording();
  });
  observer.observe(panel, { attributes: true, attributeFilter: ['hidden'] });
  observer.observe(title, { childList: true, characterData: true, subtree: true });
}

// ------------------------------------------------------------------ start

function renderAll() {
  renderList();
  renderCreate();
  renderInvite();
  renderRecording();
}

/** Builds the consultations panel beside the console's room panel; returns {start(page), render()}. */
export function consultationsPanel(room) {
  roomPanel = room;
  buildPanel();
  followRoomPanel();
  return { start: start, render: renderAll };
}

/** Once the console knows who is signed in: only officials with an official record take part in consultations. */
function start(context) {
  page = context;
  const m = me();
  $('consult-new').hidden = !(m && m.officialId != null && (m.role === 'LEADER' || m.role === 'OFFICIAL'));
  if (!(m && m.officialId != null)) $('consultations-panel').dataset.off = 'true';
  load();
}
