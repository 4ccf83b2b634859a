/*
 * The county staff's booking page: find a case, choose a leader of the case's office or above, choose a
 * reception room, pick a free slot, invite departments, book; then see, reschedule and cancel the office's
 * bookings. Everything shown is rebuilt from `S` (the page state) so the language switch re-renders it all.
 */
import { errorMessage, get, post } from '/js/api.js';
import { addDays, formatDateTime, formatDay, formatRange, formatTime, isoDate } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { lang, t } from '/js/i18n.js';
import { DEFAULT_ZONE, markReady, officeName, repaintMessages, say, sayError, startPage } from '/js/page.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import bookingMessages from '/i18n/booking.js';

const $ = byId;
const TERMINAL_STATES = ['CANCELLED', 'COMPLETED', 'NO_SHOW', 'INTERRUPTED'];

const S = {
  page: null,           // from startPage: me, offices, zone
  me: null,
  offices: new Map(),
  zone: DEFAULT_ZONE,
  cases: null,          // search results, null before the first search
  caseQuery: '',
  selectedCase: null,
  leaders: [],          // [{official, office}]
  leaderId: null,
  allTerminals: [],     // terminals of the staff's office subtree
  terminals: [],        // those at or above the case's office
  terminalId: null,
  deptOfficials: [],    // [{official, office}]
  invitees: new Set(),
  slots: null,          // free slots of the leader, null when not loaded
  slotStart: null,
  slotsLoading: false,
  slotsError: null,
  slotsFor: null,       // {leaderId, terminalId} the slots were searched for
  booking: false,
  bookings: null,
  freshBookingId: null,
  showAll: false,
  resched: null,        // {booking, slots, start, loading}
  cancelling: null,
  inviting: null,       // {booking, candidates, chosen}
  historyOf: null,
  history: null
};

function officeNameById(id) {
  return S.page ? S.page.officeName(id) : String(id);
}

// ------------------------------------------------------------------ start

async function start() {
  $('case-search-form').addEventListener('submit', (e) => { e.preventDefault(); searchCases(); });
  $('leader').addEventListener('change', onLeaderChange);
  $('terminal').addEventListener('change', onTerminalChange);
  $('range-form').addEventListener('submit', (e) => { e.preventDefault(); loadSlots(); });
  $('book').addEventListener('click', book);
  $('refresh').addEventListener('click', () => loadBookings());
  $('show-all').addEventListener('change', (e) => { S.showAll = e.target.checked; loadBookings(); });
  wireDialogs();

  const page = await startPage({ messages: [commonMessages, errorMessages, bookingMessages], onLanguageChange: renderAll });
  if (!page) return;
  S.page = page;
  S.me = page.me;
  S.offices = page.offices;
  S.zone = page.zone;
  const today = isoDate(new Date(), S.zone);
  $('from').value = today;
  $('to').value = addDays(today, 13);
  renderAll();
  markReady();
  loadTerminals();
  loadBookings();
  searchCases();
}

function renderAll() {
  renderZone();
  renderCases();
  renderLeaders();
  renderTerminals();
  renderInvitees();
  renderSlots();
  renderSummary();
  renderBookings();
  renderReschedule();
  renderCancel();
  renderInvite();
  renderHistory();
  repaintMessages();
}

function renderZone() {
  if (!S.me) return;
  $('slots-zone').textContent = t('slots.zone', { zone: S.zone });
}

// ------------------------------------------------------------------ 1. case

async function searchCases() {
  S.caseQuery = $('case-q').value.trim();
  $('case-status').textContent = t('case.searching');
  try {
    const q = encodeURIComponent(S.caseQuery);
    S.cases = await get('/api/v1/cases?q=' + q + '&limit=20');
    $('case-status').textContent = '';
  } catch (err) {
    S.cases = [];
    $('case-status').textContent = errorMessage(err);
  }
  if (S.selectedCase) unselectCase(true); else renderCases();
}

function renderCases() {
  const list = $('case-results');
  const chosen = S.selectedCase;
  list.hidden = !!chosen;
  $('case-selected').hidden = !chosen;
  if (chosen) {
    const office = S.offices.get(chosen.officeId);
    $('case-selected').replaceChildren(
      el('div', { class: 'small muted', text: t('case.selected') }),
      el('div', { class: 'case-line strong', 'data-testid': 'selected-case-number' },
        t('case.line', { number: chosen.caseNumber, petitioner: chosen.petitionerName, subject: chosen.subject })),
      el('div', { class: 'small muted' },
        [t('case.office', { office: officeName(office) || chosen.officeId }),
          chosen.idMasked ? t('case.id', { id: chosen.idMasked }) : null,
          chosen.phoneMasked ? t('case.phone', { phone: chosen.phoneMasked }) : null,
          t('case.status.' + chosen.status)].filter(Boolean).join(' · ')),
      el('button', { type: 'button', id: 'case-change', class: 'link', 'data-testid': 'case-change',
        onclick: () => { unselectCase(true); $('case-q').focus(); } }, t('case.change')));
    return;
  }
  list.replaceChildren();
  if (S.cases === null) return;
  if (!S.cases.length) {
    list.appendChild(el('li', { class: 'muted small', text: t('case.none') }));
    return;
  }
  for (const c of S.cases) {
    const office = S.offices.get(c.officeId);
    list.appendChild(el('li', null,
      el('button', {
        type: 'button', class: 'case-option', 'data-testid': 'case-option',
        dataset: { caseId: c.id, caseNumber: c.caseNumber, status: c.status }, onclick: () => selectCase(c)
      },
      el('span', { class: 'case-line' },
        t('case.line', { number: c.caseNumber, petitioner: c.petitionerName, subject: c.subject })),
      el('span', { class: 'small muted' }, officeName(office) + ' · ' + t('case.status.' + c.status)))));
  }
}

function unselectCase(render) {
  S.selectedCase = null;
  S.leaders = []; S.leaderId = null;
  S.terminals = []; S.terminalId = null;
  S.deptOfficials = []; S.invitees = new Set();
  S.slots = null; S.slotStart = null; S.slotsError = null;
  if (render) renderAll();
}

async function selectCase(c) {
  unselectCase(false);
  S.selectedCase = c;
  say($('book-result'), null);
  say($('book-error'), null);
  renderAll();
  $('leader').focus();
  await Promise.all([loadLeadersAndDepartments(c), filterTerminals()]);
  if (S.selectedCase !== c) return;
  renderAll();
}

/** The case's office and every office above it, nearest first (departments skipped). */
function chainOf(officeId) {
  const chain = [];
  let o = S.offices.get(officeId);
  const seen = new Set();
  while (o && !seen.has(o.id)) {
    seen.add(o.id);
    if (o.level !== 'DEPARTMENT') chain.push(o);
    o = o.parentId == null ? null : S.offices.get(o.parentId);
  }
  if (!chain.length) chain.push({ id: officeId, name: String(officeId), level: 'COUNTY' });
  return chain;
}

async function officialsOf(office) {
  try {
    const list = await get('/api/v1/offices/' + office.id + '/officials?subtree=false');
    return (list || []).filter(f => f.active !== false).map(f => ({ official: f, office: office }));
  } catch (err) {
    return []; // an office the user may not look into: skip it
  }
}

/**
 * Department officials who may join a reception for a case of this office: those of the departments under the
 * case's office and under every office above it, nearest first. Departments the user may not look into are skipped.
 */
async function departmentOfficialsFor(caseOfficeId) {
  const chain = chainOf(caseOfficeId);
  const rank = new Map(chain.map((o, i) => [o.id, i]));
  const departments = [...S.offices.values()].filter(o => o.level === 'DEPARTMENT' && rank.has(o.parentId));
  const found = await Promise.all(departments.map(officialsOf));
  return found.flat().filter(x => x.official.kind === 'DEPARTMENT_OFFICIAL')
    .sort((a, b) => rank.get(a.office.parentId) - rank.get(b.office.parentId));
}

async function loadLeadersAndDepartments(c) {
  const chain = chainOf(c.officeId);
  const [leaders, depts] = await Promise.all([
    Promise.all(chain.map(officialsOf)),
    departmentOfficialsFor(c.officeId)
  ]);
  if (S.selectedCase !== c) return;
  S.leaders = leaders.flat().filter(x => x.official.kind === 'LEADER');
  S.deptOfficials = depts;
}

// ------------------------------------------------------------------ 2. leader

function renderLeaders() {
  const select = $('leader');
  const note = $('leader-note');
  note.removeAttribute('data-i18n');
  select.replaceChildren();
  if (!S.selectedCase) {
    select.disabled = true;
    note.textContent = t('leader.needCase');
    return;
  }
  if (!S.leaders.length) {
    select.disabled = true;
    note.textContent = t('leader.none');
    return;
  }
  select.disabled = false;
  select.appendChild(el('option', { value: '' }, t('leader.placeholder')));
  const groups = new Map();
  for (const { official, office } of S.leaders) {
    if (!groups.has(office.id)) {
      const g = el('optgroup', { label: officeName(office), dataset: { level: office.level } });
      groups.set(office.id, g);
      select.appendChild(g);
    }
    groups.get(office.id).appendChild(el('option', {
      value: official.id, dataset: { level: office.level, officeId: office.id },
      selected: official.id === S.leaderId
    }, t('leader.option', { name: official.name, title: official.title || '' })));
  }
  select.value = S.leaderId == null ? '' : String(S.leaderId);
  const chosen = S.leaders.find(x => x.official.id === S.leaderId);
  note.textContent = chosen ? t('leader.slot', { minutes: chosen.official.slotMinutes }) : '';
}

function onLeaderChange() {
  const v = $('leader').value;
  S.leaderId = v ? Number(v) : null;
  S.slotStart = null;
  renderLeaders();
  loadSlots();
}

// ------------------------------------------------------------------ 3. terminal

async function loadTerminals() {
  try {
    S.allTerminals = await get('/api/v1/offices/' + S.me.officeId + '/terminals') || [];
  } catch (err) {
    S.allTerminals = [];
    $('terminal-note').textContent = errorMessage(err);
  }
  if (S.selectedCase) { filterTerminals(); renderTerminals(); renderSummary(); }
}

/** Terminals at the case's office or above it (the staff's own subtree only). */
function filterTerminals() {
  const c = S.selectedCase;
  if (!c) { S.terminals = []; return; }
  const caseOffice = S.offices.get(c.officeId);
  const chainIds = new Set(chainOf(c.officeId).map(o => o.id));
  S.terminals = S.allTerminals.filter(term => {
    const o = S.offices.get(term.officeId);
    if (o && caseOffice) return caseOffice.path.startsWith(o.path);
    return chainIds.has(term.officeId);
  });
  const current = S.terminals.find(x => x.id === S.terminalId && x.status === 'ACTIVE');
  if (!current) {
    const active = S.terminals.filter(x => x.status === 'ACTIVE');
    S.terminalId = active.length === 1 ? active[0].id : null;
  }
}

function renderTerminals() {
  const select = $('terminal');
  const note = $('terminal-note');
  select.replaceChildren();
  note.textContent = '';
  if (!S.selectedCase) { select.disabled = true; return; }
  if (!S.terminals.length) {
    select.disabled = true;
    note.textContent = t('terminal.none');
    return;
  }
  select.disabled = false;
  select.appendChild(el('option', { value: '' }, t('terminal.placeholder')));
  for (const term of S.terminals) {
    const usable = term.status === 'ACTIVE';
    let label = t('terminal.option', { name: term.name, office: officeNameById(term.officeId) });
    if (!usable) label += ' — ' + t('terminal.maintenance');
    select.appendChild(el('option', {
      value: term.id, disabled: !usable, dataset: { status: term.status }
    }, label));
  }
  select.value = S.terminalId == null ? '' : String(S.terminalId);
  const chosen = S.terminals.find(x => x.id === S.terminalId);
  if (chosen && chosen.location) note.textContent = chosen.location;
}

function onTerminalChange() {
  const v = $('terminal').value;
  S.terminalId = v ? Number(v) : null;
  renderTerminals();
  if (S.leaderId) loadSlots(); else renderSummary();
}

// ------------------------------------------------------------------ 4. slots

let slotRequest = 0;

async function loadSlots() {
  const from = $('from').value;
  const to = $('to').value;
  S.slotsError = null;
  if (!S.leaderId) { S.slots = null; renderSlots(); renderSummary(); return; }
  if (!from || !to || to < from) {
    S.slots = null;
    S.slotsError = t('slots.badRange');
    renderSlots(); renderSummary();
    return;
  }
  const mine = ++slotRequest;
  S.slotsLoading = true;
  S.slots = null;
  renderSlots();
  renderSummary();
  let url = '/api/v1/officials/' + S.leaderId + '/free-slots?from=' + from + '&to=' + to;
  if (S.terminalId) url += '&terminalId=' + S.terminalId;
  try {
    const slots = await get(url);
    if (mine !== slotRequest) return;
    S.slots = slots || [];
    S.slotsFor = { leaderId: S.leaderId, terminalId: S.terminalId };
    if (S.slotStart && !S.slots.some(s => s.start === S.slotStart)) S.slotStart = null;
  } catch (err) {
    if (mine !== slotRequest) return;
    S.slots = null;
    S.slotStart = null;
    S.slotsError = errorMessage(err);
  }
  S.slotsLoading = false;
  renderSlots();
  renderSummary();
}

/** Slots grouped by day in the office zone, as buttons; `pick` gets the chosen slot. */
function slotButtons(slots, chosenStart, pick, testid) {
  const days = new Map();
  for (const s of slots) {
    const day = isoDate(new Date(s.start), S.zone);
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(s);
  }
  const out = [];
  for (const [day, list] of days) {
    out.push(el('div', { class: 'day', dataset: { day: day } },
      el('h4', { class: 'day-title' }, formatDay(list[0].start, S.zone)),
      el('div', { class: 'slot-list', role: 'group', 'aria-label': formatDay(list[0].start, S.zone) },
        list.map(s => el('button', {
          type: 'button', class: 'slot', 'data-testid': testid, 'aria-pressed': String(s.start === chosenStart),
          dataset: { start: s.start, end: s.end, day: day }, onclick: () => pick(s)
        }, formatTime(s.start, S.zone) + '–' + formatTime(s.end, S.zone))))));
  }
  return out;
}

function renderSlots() {
  const box = $('slots');
  const status = $('slots-status');
  $('find-slots').disabled = !S.leaderId;
  box.replaceChildren();
  // what the shown slots were searched for (tests wait on these)
  delete box.dataset.leader;
  delete box.dataset.terminal;
  if (S.slotsError) { status.textContent = S.slotsError; return; }
  if (!S.leaderId) { status.textContent = S.selectedCase ? t('slots.needLeader') : ''; return; }
  if (S.slotsLoading) { status.textContent = t('slots.loading'); box.setAttribute('aria-busy', 'true'); return; }
  box.removeAttribute('aria-busy');
  if (!S.slots) { status.textContent = ''; return; }
  status.textContent = S.slots.length ? t('slots.count', { count: S.slots.length }) : t('slots.none');
  box.dataset.leader = String(S.slotsFor.leaderId);
  box.dataset.terminal = S.slotsFor.terminalId == null ? '' : String(S.slotsFor.terminalId);
  box.append(...slotButtons(S.slots, S.slotStart, (s) => {
    S.slotStart = s.start;
    renderSlots();
    renderSummary();
  }, 'slot'));
}

// ------------------------------------------------------------------ 5. invitees

function renderInvitees() {
  const box = $('invitees');
  box.replaceChildren();
  if (!S.selectedCase) {
    box.appendChild(el('span', { class: 'muted small', text: t('invite.needCase') }));
    return;
  }
  if (!S.deptOfficials.length) {
    box.appendChild(el('span', { class: 'muted small', text: t('invite.none') }));
    return;
  }
  for (const { official, office } of S.deptOfficials) {
    const id = 'invitee-' + official.id;
    box.appendChild(el('div', { class: 'check' },
      el('input', {
        type: 'checkbox', id: id, value: official.id, 'data-testid': 'invitee',
        checked: S.invitees.has(official.id),
        onchange: (e) => {
          if (e.target.checked) S.invitees.add(official.id); else S.invitees.delete(official.id);
          renderSummary();
        }
      }),
      el('label', { for: id }, t('invite.option', {
        name: official.name, title: official.title || '', office: officeName(office)
      }))));
  }
}

// ------------------------------------------------------------------ book

function selectedSlot() {
  return S.slots && S.slots.find(s => s.start === S.slotStart);
}

function renderSummary() {
  const slot = selectedSlot();
  const leader = S.leaders.find(x => x.official.id === S.leaderId);
  const terminal = S.terminals.find(x => x.id === S.terminalId);
  const ready = S.selectedCase && leader && terminal && terminal.status === 'ACTIVE' && slot;
  $('book').disabled = !ready || S.booking;
  $('book').textContent = S.booking ? t('book.busy') : t('book.submit');
  $('book-summary').textContent = ready
    ? t('book.summary', {
      case: S.selectedCase.caseNumber, leader: leader.official.name,
      time: formatRange(slot.start, slot.end, S.zone), terminal: terminal.name
    })
    : t('book.incomplete');
}

async function book() {
  const slot = selectedSlot();
  if (!slot || !S.selectedCase || !S.leaderId || !S.terminalId) return;
  say($('book-result'), null);
  say($('book-error'), null);
  S.booking = true;
  renderSummary();
  try {
    const b = await post('/api/v1/bookings', {
      officialId: S.leaderId, terminalId: S.terminalId, caseId: S.selectedCase.id, start: slot.start,
      inviteeIds: [...S.invitees]
    });
    S.freshBookingId = b.id;
    say($('book-result'), () => el('span', null, t('book.success'),
      el('strong', { class: 'code', 'data-testid': 'booking-code' }, b.code),
      t('book.successTail', { time: formatRange(b.start, b.end, S.zone) })));
    S.slotStart = null;
    S.invitees = new Set();
    renderInvitees();
  } catch (err) {
    sayError($('book-error'), err);
  } finally {
    S.booking = false;
    renderSummary();
  }
  loadSlots();
  loadBookings();
}

// ------------------------------------------------------------------ the office's bookings

let listRequest = 0;

async function loadBookings() {
  if (!S.me) return;
  const mine = ++listRequest;
  let url = '/api/v1/bookings?officeId=' + S.me.officeId;
  if (!S.showAll) url += '&from=' + encodeURIComponent(new Date(Date.now() - 3600_000).toISOString());
  try {
    const list = await get(url);
    if (mine !== listRequest) return;
    S.bookings = (list || []).slice().sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
    say($('list-error'), null);
  } catch (err) {
    if (mine !== listRequest) return;
    sayError($('list-error'), err);
  }
  renderBookings();
}

function renderBookings() {
  const body = $('booking-rows');
  body.replaceChildren();
  if (!S.bookings) return;
  $('list-empty').hidden = S.bookings.length > 0;
  for (const b of S.bookings) {
    const active = !TERMINAL_STATES.includes(b.state);
    const invitations = (b.invitations || []).length
      ? el('ul', { class: 'plain' }, b.invitations.map(i => el('li', { 'data-testid': 'invitation' },
        t('list.invitation', { name: i.officialName, state: t('invitation.' + i.state) }))))
      : el('span', { class: 'muted' }, t('list.noInvitations'));
    body.appendChild(el('tr', {
      'data-testid': 'booking-row', class: b.id === S.freshBookingId ? 'fresh' : null,
      dataset: { bookingId: b.id, code: b.code, state: b.state, start: b.start }
    },
    el('td', { 'data-testid': 'booking-time' }, formatRange(b.start, b.end, S.zone)),
    el('td', null,
      el('span', { class: 'state state-' + b.state, 'data-testid': 'booking-state' }, t('state.' + b.state)),
      b.cancelReason ? el('div', { class: 'small muted' }, t('list.cancelReason', { reason: b.cancelReason })) : null),
    el('td', { 'data-testid': 'booking-case' }, b.caseNumber),
    el('td', { 'data-testid': 'booking-leader' }, b.officialName),
    el('td', { 'data-testid': 'booking-terminal' }, b.terminalName),
    el('td', null, invitations),
    el('td', null, el('code', { 'data-testid': 'booking-row-code' }, b.code)),
    el('td', { class: 'actions' },
      b.state === 'BOOKED' ? el('button', {
        type: 'button', 'data-testid': 'reschedule', 'data-action': 'reschedule',
        'aria-label': t('list.reschedule') + ' ' + b.code, onclick: () => openReschedule(b)
      }, t('list.reschedule')) : null,
      b.state === 'BOOKED' ? el('button', {
        type: 'button', 'data-testid': 'invite', 'data-action': 'invite',
        'aria-label': t('list.invite') + ' ' + b.code, onclick: () => openInvite(b)
      }, t('list.invite')) : null,
      active ? el('button', {
        type: 'button', class: 'danger', 'data-testid': 'cancel', 'data-action': 'cancel',
        'aria-label': t('list.cancel') + ' ' + b.code, onclick: () => openCancel(b)
      }, t('list.cancel')) : null,
      el('button', {
        type: 'button', class: 'link', 'data-testid': 'history', 'data-action': 'history',
        'aria-label': t('list.history') + ' ' + b.code, onclick: () => openHistory(b)
      }, t('list.history')))));
  }
}

// ------------------------------------------------------------------ dialogs

function wireDialogs() {
  $('r-close').addEventListener('click', () => $('reschedule-dialog').close());
  $('c-close').addEventListener('click', () => $('cancel-dialog').close());
  $('r-find').addEventListener('click', loadRescheduleSlots);
  $('r-confirm').addEventListener('click', confirmReschedule);
  $('c-confirm').addEventListener('click', confirmCancel);
  $('reschedule-dialog').addEventListener('close', () => { S.resched = null; });
  $('cancel-dialog').addEventListener('close', () => { S.cancelling = null; });
  $('history-dialog').addEventListener('close', () => { S.historyOf = null; S.history = null; });
  $('i-close').addEventListener('click', () => $('invite-dialog').close());
  $('i-confirm').addEventListener('click', confirmInvite);
  $('invite-dialog').addEventListener('close', () => { S.inviting = null; });
}

function openReschedule(b) {
  S.resched = { booking: b, slots: null, start: null, loading: false, error: null };
  const today = isoDate(new Date(), S.zone);
  $('r-from').value = today;
  $('r-to').value = addDays(today, 13);
  say($('r-error'), null);
  renderReschedule();
  $('reschedule-dialog').showModal();
  loadRescheduleSlots();
}

async function loadRescheduleSlots() {
  const r = S.resched;
  if (!r) return;
  const from = $('r-from').value;
  const to = $('r-to').value;
  if (!from || !to || to < from) { r.error = t('slots.badRange'); renderReschedule(); return; }
  r.loading = true; r.error = null;
  renderReschedule();
  try {
    const slots = await get('/api/v1/officials/' + r.booking.officialId + '/free-slots?from=' + from + '&to=' + to
      + '&terminalId=' + r.booking.terminalId);
    if (S.resched !== r) return;
    r.slots = (slots || []).filter(s => s.start !== r.booking.start);
    if (r.start && !r.slots.some(s => s.start === r.start)) r.start = null;
  } catch (err) {
    if (S.resched !== r) return;
    r.slots = null;
    r.error = errorMessage(err);
  }
  r.loading = false;
  renderReschedule();
}

function renderReschedule() {
  const r = S.resched;
  if (!r) return;
  const b = r.booking;
  $('reschedule-current').textContent = b.code + ' · ' + b.officialName + ' · ' + b.terminalName + ' · '
    + t('reschedule.current', { time: formatRange(b.start, b.end, S.zone) });
  const box = $('r-slots');
  box.replaceChildren();
  const status = $('r-status');
  if (r.error) status.textContent = r.error;
  else if (r.loading) status.textContent = t('slots.loading');
  else if (r.slots) {
    status.textContent = r.slots.length ? t('slots.count', { count: r.slots.length }) : t('slots.none');
    box.append(...slotButtons(r.slots, r.start, (s) => { r.start = s.start; renderReschedule(); }, 'r-slot'));
  } else status.textContent = '';
  $('r-confirm').disabled = !r.start;
}

async function confirmReschedule() {
  const r = S.resched;
  if (!r || !r.start) return;
  $('r-confirm').disabled = true;
  say($('r-error'), null);
  try {
    const b = await post('/api/v1/bookings/' + r.booking.id + '/reschedule',
      { start: r.start, terminalId: r.booking.terminalId });
    $('reschedule-dialog').close();
    S.freshBookingId = b.id;
    say($('list-message'), () => t('reschedule.success', { code: b.code, time: formatRange(b.start, b.end, S.zone) }));
    loadBookings();
    if (S.leaderId === b.officialId) loadSlots();
  } catch (err) {
    sayError($('r-error'), err);
    $('r-confirm').disabled = false;
    loadRescheduleSlots();
  }
}

function openCancel(b) {
  S.cancelling = b;
  $('cancel-reason').value = '';
  say($('c-error'), null);
  renderCancel();
  $('cancel-dialog').showModal();
  $('cancel-reason').focus();
}

function renderCancel() {
  const b = S.cancelling;
  if (!b) return;
  $('cancel-what').textContent = b.code + ' · ' + b.caseNumber + ' · ' + b.officialName + ' · '
    + formatRange(b.start, b.end, S.zone);
}

async function confirmCancel() {
  const b = S.cancelling;
  if (!b) return;
  const reason = $('cancel-reason').value.trim();
  if (!reason) {
    say($('c-error'), () => t('cancel.reasonRequired'));
    $('cancel-reason').focus();
    return;
  }
  $('c-confirm').disabled = true;
  try {
    const done = await post('/api/v1/bookings/' + b.id + '/cancel', { reason: reason });
    $('cancel-dialog').close();
    say($('list-message'), () => t('cancel.success', { code: done.code }));
    loadBookings();
    if (S.leaderId === done.officialId) loadSlots();
  } catch (err) {
    sayError($('c-error'), err);
  } finally {
    $('c-confirm').disabled = false;
  }
}

async function openInvite(b) {
  const inv = { booking: b, candidates: null, chosen: new Set() };
  S.inviting = inv;
  say($('i-error'), null);
  renderInvite();
  $('invite-dialog').showModal();
  try {
    const c = await get('/api/v1/cases/' + b.caseId);
    const invited = new Set((b.invitations || []).map(i => i.officialId));
    const all = await departmentOfficialsFor(c.officeId);
    if (S.inviting !== inv) return;
    inv.candidates = all.filter(x => !invited.has(x.official.id) && x.official.id !== b.officialId);
  } catch (err) {
    if (S.inviting !== inv) return;
    inv.candidates = [];
    sayError($('i-error'), err);
  }
  renderInvite();
}

function renderInvite() {
  const inv = S.inviting;
  if (!inv) return;
  const b = inv.booking;
  $('invite-what').textContent = b.code + ' · ' + b.caseNumber + ' · ' + b.officialName + ' · '
    + formatRange(b.start, b.end, S.zone);
  const box = $('i-list');
  box.replaceChildren();
  if (inv.candidates === null) {
    box.appendChild(el('span', { class: 'muted small', text: t('list.loading') }));
  } else if (!inv.candidates.length) {
    box.appendChild(el('span', { class: 'muted small', text: t('inviteLater.none') }));
  }
  for (const { official, office } of inv.candidates || []) {
    const id = 'i-official-' + official.id;
    box.appendChild(el('div', { class: 'check' },
      el('input', {
        type: 'checkbox', id: id, value: official.id, 'data-testid': 'i-official', checked: inv.chosen.has(official.id),
        onchange: (e) => {
          if (e.target.checked) inv.chosen.add(official.id); else inv.chosen.delete(official.id);
          $('i-confirm').disabled = inv.chosen.size === 0;
        }
      }),
      el('label', { for: id }, t('invite.option', {
        name: official.name, title: official.title || '', office: officeName(office)
      }))));
  }
  $('i-confirm').disabled = inv.chosen.size === 0;
}

async function confirmInvite() {
  const inv = S.inviting;
  if (!inv || !inv.chosen.size) return;
  $('i-confirm').disabled = true;
  say($('i-error'), null);
  const names = [];
  let last = null;
  try {
    for (const id of [...inv.chosen]) {
      last = await post('/api/v1/bookings/' + inv.booking.id + '/invitations', { officialId: id });
      names.push(inv.candidates.find(x => x.official.id === id).official.name);
      inv.chosen.delete(id);
      inv.candidates = inv.candidates.filter(x => x.official.id !== id);
    }
    $('invite-dialog').close();
    const code = last.code;
    say($('list-message'), () => t('inviteLater.success', {
      names: names.join(lang() === 'en' ? ', ' : '、'), code: code
    }));
  } catch (err) {
    renderInvite();
    sayError($('i-error'), err);
  }
  loadBookings();
}

async function openHistory(b) {
  S.historyOf = b;
  S.history = null;
  say($('h-error'), null);
  renderHistory();
  $('history-dialog').showModal();
  try {
    const events = await get('/api/v1/bookings/' + b.id + '/history');
    if (S.historyOf !== b) return;
    S.history = events || [];
  } catch (err) {
    if (S.historyOf !== b) return;
    S.history = [];
    sayError($('h-error'), err);
  }
  renderHistory();
}

function renderHistory() {
  const b = S.historyOf;
  if (!b) return;
  $('history-what').textContent = b.code + ' · ' + b.caseNumber + ' · ' + b.officialName;
  const list = $('history-list');
  list.replaceChildren();
  if (S.history === null) { list.appendChild(el('li', { class: 'muted', text: t('history.loading') })); return; }
  if (!S.history.length) { list.appendChild(el('li', { class: 'muted', text: t('history.empty') })); return; }
  for (const e of S.history) {
    const kindKey = 'event.' + e.kind;
    const kind = t(kindKey) === kindKey ? e.kind : t(kindKey);
    list.appendChild(el('li', { 'data-testid': 'history-entry', dataset: { kind: e.kind } },
      el('time', { datetime: e.at, class: 'small muted' }, formatDateTime(e.at, S.zone)), ' ',
      el('strong', null, kind), ' ',
      el('span', { class: 'small muted' }, e.actor || ''),
      e.detail ? el('div', { class: 'small' }, e.detail) : null));
  }
}

start();
