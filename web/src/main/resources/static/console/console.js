/*
 * The official console (leader, department official, staff): today's sessions, each with the petitioner's matter
 * (case subject, petitioner, case number: GET /api/v1/cases/{id}, which answers only those whose jurisdiction holds
 * the case — the leader of the case's office or above); open one to join it live with a join token in the room panel
 * (console/room.js: lobby, video grid, mute / remove, end, own microphone and camera); the host invites a
 * department official during the session. Remote consultations have their own panel (console/consultation.js)
 * and use the same room panel. Rebuilt from `S` on language change.
 */
import { errorMessage, get, post } from '/js/api.js';
import { formatRange, isoDate, sessionTimes, todayAndSoon } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { joinToken } from '/js/live.js';
import { renderNav } from '/js/nav.js';
import { DEFAULT_ZONE, markReady, officeName, repaintMessages, say, sayError, startPage } from '/js/page.js';
import { consultationsPanel } from '/console/consultation.js';
import { data, joined, message } from '/console/names.js';
import { instructionsPanel } from '/console/instructions.js';
import { roomPanel } from '/console/room.js';
import commonMessages from '/i18n/common.js';
import consoleMessages from '/i18n/console.js';
import errorMessages from '/i18n/errors.js';
import liveMessages from '/i18n/live.js';
import supervisionMessages from '/i18n/supervision.js';

const $ = byId;
const OPENABLE = ['BOOKED', 'CHECKED_IN', 'IN_SESSION'];

const S = {
  me: null,
  offices: new Map(),
  zone: DEFAULT_ZONE,
  sessions: null,
  booking: null,  // the booking whose room is open
  cases: new Map(), // caseId → the case file, or null while loading or when this user may not see it
  inviting: null  // {candidates, chosen}
};

let room = null;          // the room panel
let consultations = null; // the consultations panel
let instructions = null;  // the leader's instructions of the open booking

async function start() {
  const starting = startPage({
    messages: [commonMessages, errorMessages, liveMessages, consoleMessages, supervisionMessages],
    onLanguageChange: renderAll,
    beforeLogout: () => room.stop()
  });
  room = roomPanel();
  consultations = consultationsPanel(room);
  instructions = instructionsPanel({ me: () => S.me, offices: () => S.offices, zone: () => S.zone,
    booking: () => (room.current() ? S.booking : null), acceptedOn: acceptedOn });
  room.onRender(() => instructions.sync());
  $('sessions-refresh').addEventListener('click', loadSessions);
  $('i-close').addEventListener('click', () => { S.inviting = null; $('invite-dialog').close(); });
  $('i-confirm').addEventListener('click', sendInvite);
  const page = await starting;
  if (!page) return;
  S.me = page.me;
  S.offices = page.offices;
  S.zone = page.zone;
  renderAll();
  consultations.start(page);
  markReady();
  loadSessions();
}

function renderAll() {
  renderNav($('nav'), S.me, 'console');
  renderSessions();
  room.render();
  renderInvite();
  repaintMessages();
  consultations.render();
  instructions.render();
}

/** The day the open booking's case was accepted (its case file's creation, in the office's zone), once known. */
function acceptedOn() {
  const c = S.booking ? S.cases.get(S.booking.caseId) : null;
  return c && c.createdAt ? isoDate(new Date(c.createdAt), S.zone) : null;
}

// ------------------------------------------------------------------ sessions

async function loadSessions() {
  if (!S.me) return;
  $('sessions-status').textContent = t('list.loading');
  const days = todayAndSoon(S.zone);
  S.sessionsDay = days.today;
  const who = S.me.officialId != null ? 'officialId=' + S.me.officialId : 'officeId=' + S.me.officeId;
  try {
    const list = await get('/api/v1/bookings?' + who + '&from=' + days.from + '&to=' + days.to);
    S.sessions = (list || []).filter(days.keep).sort((a, b) => String(a.start).localeCompare(String(b.start)));
    $('sessions-status').textContent = '';
  } catch (err) {
    S.sessions = [];
    $('sessions-status').textContent = errorMessage(err);
  }
  renderSessions();
}

function renderSessions() {
  const body = $('sessions');
  body.replaceChildren();
  $('sessions-empty').hidden = !(S.sessions && S.sessions.length === 0);
  for (const b of S.sessions || []) {
    const invited = joined((b.invitations || []).map(i => el('span', null, data(i.officialName),
      t('console.inviteeState', { state: t('invitation.' + i.state) }))));
    body.appendChild(el('tr', { 'data-testid': 'session-row', dataset: { bookingId: b.id, code: b.code, caseId: b.caseId } },
      el('td', null, sessionTimes(b, S.zone, S.sessionsDay)),
      el('td', null, el('span', { class: 'state state-' + b.state }, t('state.' + b.state))),
      el('td', { class: 'matter-cell' }, matterCell(b)),
      el('td', null, data(b.officialName)),
      el('td', null, data(b.terminalName)),
      el('td', null, invited.length ? invited : t('list.noInvitations')),
      el('td', null, OPENABLE.includes(b.state)
        ? el('button', { type: 'button', class: 'primary', 'data-testid': 'open-session', onclick: () => openRoom(b) },
          t('console.open'))
        : null)));
  }
}

/** The case file of a booking as this user may see it (null while loading or when out of their jurisdiction). */
function caseOf(b) {
  if (!S.cases.has(b.caseId)) {
    S.cases.set(b.caseId, null);
    get('/api/v1/cases/' + encodeURIComponent(b.caseId))
      .then(c => {
        S.cases.set(b.caseId, c);
        // only the matter cells change (the rows and their buttons stay, as a person may be about to press one)
        for (const row of document.querySelectorAll('#sessions tr[data-case-id="' + CSS.escape(String(b.caseId)) + '"]')) {
          const booking = (S.sessions || []).find(x => String(x.id) === row.dataset.bookingId);
          if (booking) row.querySelector('.matter-cell').replaceChildren(matterCell(booking));
        }
        room.render();
      })
      .catch(() => { /* not in this user's jurisdiction: the case number is all they are shown */ });
  }
  return S.cases.get(b.caseId);
}

/** The petitioner's matter: the case subject, the petitioner and the case number (what the user may see of it). */
function matterCell(b) {
  const c = caseOf(b);
  if (!c) return el('div', { class: 'matter' }, data(b.caseNumber));
  return el('div', { class: 'matter' },
    data(c.subject, { class: 'strong' }),
    el('div', { class: 'muted small' }, data(c.petitionerName), ' · ', data(b.caseNumber)));
}

// ------------------------------------------------------------------ a session's room

function openRoom(b) {
  S.booking = b;
  room.open({
    bookingId: b.id,
    // the petitioner's matter, not the leader's own name
    title: () => {
      const c = caseOf(S.booking);
      return c ? message('console.roomTitle', { subject: c.subject, number: S.booking.caseNumber })
        : message('console.roomTitleCase', { number: S.booking.caseNumber });
    },
    sub: () => {
      const parts = [formatRange(S.booking.start, S.booking.end, S.zone), ' · ',
        ...message('session.room', { name: S.booking.terminalName })];
      if (!S.me || S.me.officialId !== S.booking.officialId) {
        parts.push(' · ', ...message('console.roomLeader', { name: S.booking.officialName }));
      }
      return parts;
    },
    petitioner: () => {
      const c = caseOf(S.booking);
      return c ? { name: c.petitionerName, subject: c.subject } : null;
    },
    grant: () => joinToken(b.id),
    lobby: true,
    invite: openInvite,
    inviteLabel: 'console.invite',
    mayInvite: () => !!S.me && (S.me.role === 'LEADER' || S.me.role === 'ADMIN' || S.me.role === 'SCHEDULER'),
    endLabel: 'console.end',
    endConfirm: 'console.endConfirm',
    statusKey: (status) => 'console.status.' + status,
    roleKey: (role) => 'live.role.' + role,
    onLeave: () => { S.booking = null; loadSessions(); }
  });
}

// ------------------------------------------------------------------ invite during the session

/** The offices from the booking's terminal office up to the root. */
function chainOf(officeId) {
  const chain = [];
  const seen = new Set();
  let o = S.offices.get(officeId);
  while (o && !seen.has(o.id)) { seen.add(o.id); chain.push(o); o = o.parentId == null ? null : S.offices.get(o.parentId); }
  return chain;
}

async function openInvite() {
  const b = S.booking;
  if (!b) return;
  S.inviting = { candidates: null, chosen: null };
  say($('i-error'), null);
  renderInvite();
  $('invite-dialog').showModal();
  const chain = new Set(chainOf(b.terminalOfficeId).map(o => o.id));
  const depts = [...S.offices.values()].filter(o => o.level === 'DEPARTMENT' && chain.has(o.parentId));
  const already = new Set((b.invitations || []).map(i => i.officialId));
  const lists = await Promise.all(depts.map(async (o) => {
    try {
      return ((await get('/api/v1/offices/' + o.id + '/officials?subtree=false')) || [])
        .filter(f => f.active !== false && f.kind === 'DEPARTMENT_OFFICIAL' && !already.has(f.id))
        .map(f => ({ official: f, office: o }));
    } catch (e) {
      return [];
    }
  }));
  if (!S.inviting) return;
  S.inviting.candidates = lists.flat();
  renderInvite();
}

function renderInvite() {
  const box = $('i-list');
  const inv = S.inviting;
  box.replaceChildren();
  $('i-confirm').disabled = !inv || inv.chosen == null;
  if (!inv) return;
  if (inv.candidates === null) { box.appendChild(el('p', { class: 'muted', text: t('list.loading') })); return; }
  if (!inv.candidates.length) { box.appendChild(el('p', { class: 'muted', text: t('console.inviteNone') })); return; }
  for (const { official, office } of inv.candidates) {
    const id = 'inv-' + official.id;
    box.appendChild(el('div', { class: 'check' },
      el('input', { type: 'radio', name: 'invitee', id: id, value: official.id, 'data-testid': 'invitee',
        checked: inv.chosen === official.id, onchange: () => { inv.chosen = official.id; renderInvite(); } }),
      el('label', { for: id }, ...message('invite.option', { name: official.name, title: official.title || '',
        office: officeName(office) }))));
  }
}

async function sendInvite() {
  const inv = S.inviting;
  if (!inv || inv.chosen == null || !S.booking) return;
  $('i-confirm').disabled = true;
  const chosen = inv.candidates.find(c => c.official.id === inv.chosen);
  try {
    S.booking = await post('/api/v1/bookings/' + S.booking.id + '/invitations', { officialId: inv.chosen });
    S.inviting = null;
    $('invite-dialog').close();
    say($('room-info'), () => el('span', null, ...message('console.inviteSent', { name: chosen ? chosen.official.name : '' })));
  } catch (err) {
    sayError($('i-error'), err);
    $('i-confirm').disabled = false;
  }
}

start();
