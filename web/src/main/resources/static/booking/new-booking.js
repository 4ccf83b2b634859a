/*
 * The new-booking form around the case and the slot: what choosing or changing the case resets and loads, step 2
 * (the leader), step 3 (the reception room), step 5 (departments to invite), and the summary with the book button.
 * Steps 1 and 4 are case-search.js and free-slots.js. Its state is the page's `S` (booking.js): selectedCase,
 * leaders, leaderId, allTerminals, terminals, terminalId, deptOfficials, invitees, booking.
 */
import { errorMessage, get, post } from '/js/api.js';
import { formatRange } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { officeName, say, sayError } from '/js/page.js';
import { chainOf, departmentOfficialsFor, leadersFor } from '/booking/officials.js';
import { data, sentence } from '/js/sentence.js';

const $ = byId;

/**
 * Wires the leader and terminal selects and the book button. {@code parts}: renderAll() of the page; the free
 * slots' loadSlots() and selectedSlot(); booked(booking) after a booking was made, and bookingTried() after every
 * try (the slots and the list are loaded again).
 * Returns {chooseCase(c), clearCase(), loadTerminals(), renderLeaders(), renderTerminals(), renderInvitees(),
 * renderSummary()}.
 */
export function newBooking(S, { renderAll, loadSlots, selectedSlot, booked, bookingTried }) {
  $('leader').addEventListener('change', onLeaderChange);
  $('terminal').addEventListener('change', onTerminalChange);
  $('book').addEventListener('click', book);

  function officeNameById(id) {
    return S.page ? S.page.officeName(id) : String(id);
  }

  // ---------------------------------------------------------------- the case: start over

  function reset() {
    S.selectedCase = null;
    S.leaders = []; S.leaderId = null;
    S.terminals = []; S.terminalId = null;
    S.deptOfficials = []; S.invitees = new Set();
    S.slots = null; S.slotStart = null; S.slotsError = null;
  }

  /** No case chosen: the form is empty again. */
  function clearCase() {
    reset();
    renderAll();
  }

  async function chooseCase(c) {
    reset();
    S.selectedCase = c;
    say($('book-result'), null);
    say($('book-error'), null);
    renderAll();
    $('leader').focus();
    await Promise.all([loadLeadersAndDepartments(c), filterTerminals()]);
    if (S.selectedCase !== c) return;
    renderAll();
  }

  async function loadLeadersAndDepartments(c) {
    const [leaders, depts] = await Promise.all([
      leadersFor(S.offices, c.officeId),
      departmentOfficialsFor(S.offices, c.officeId)
    ]);
    if (S.selectedCase !== c) return;
    S.leaders = leaders;
    S.deptOfficials = depts;
  }

  // ---------------------------------------------------------------- 2. leader

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
        selected: official.id === S.leaderId, translate: 'no' // a name and a title: data
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

  // ---------------------------------------------------------------- 3. terminal

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
    const chainIds = new Set(chainOf(S.offices, c.officeId).map(o => o.id));
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
        value: term.id, disabled: !usable, dataset: { status: term.status }, translate: 'no' // the room's name
      }, label));
    }
    select.value = S.terminalId == null ? '' : String(S.terminalId);
    const chosen = S.terminals.find(x => x.id === S.terminalId);
    if (chosen && chosen.location) note.replaceChildren(el('span', { translate: 'no' }, chosen.location));
  }

  function onTerminalChange() {
    const v = $('terminal').value;
    S.terminalId = v ? Number(v) : null;
    renderTerminals();
    if (S.leaderId) loadSlots(); else renderSummary();
  }

  // ---------------------------------------------------------------- 5. invitees

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
        el('label', { for: id }, sentence('invite.option', {
          name: data(official.name), title: data(official.title || ''), office: officeName(office)
        }))));
    }
  }

  // ---------------------------------------------------------------- book

  function renderSummary() {
    const slot = selectedSlot();
    const leader = S.leaders.find(x => x.official.id === S.leaderId);
    const terminal = S.terminals.find(x => x.id === S.terminalId);
    const ready = S.selectedCase && leader && terminal && terminal.status === 'ACTIVE' && slot;
    $('book').disabled = !ready || S.booking;
    $('book').textContent = S.booking ? t('book.busy') : t('book.submit');
    $('book-summary').replaceChildren(...(ready
      ? sentence('book.summary', {
        case: data(S.selectedCase.caseNumber), leader: data(leader.official.name),
        time: formatRange(slot.start, slot.end, S.zone), terminal: data(terminal.name)
      })
      : [t('book.incomplete')]));
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
      booked(b);
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
    bookingTried();
  }

  return {
    chooseCase: chooseCase, clearCase: clearCase, loadTerminals: loadTerminals, renderLeaders: renderLeaders,
    renderTerminals: renderTerminals, renderInvitees: renderInvitees, renderSummary: renderSummary
  };
}
