/*
 * The county staff's booking page: find a case, choose a leader of the case's office or above, choose a
 * reception room, pick a free slot, invite departments, book; then see, reschedule and cancel the office's
 * bookings. This module starts the page, holds the page state `S` and wires the parts; everything shown is rebuilt
 * from the state, so the language switch re-renders it all. The parts, by what they do:
 *   case-search.js         1. find and choose the case
 *   new-booking.js         2. leader, 3. reception room, 5. departments to invite, and the book button
 *   free-slots.js          4. the leader's free slots (their buttons serve the reschedule dialog too)
 *   officials.js           who may take part: leaders of the case's office and above, their departments' officials
 *   booking-list.js        the office's bookings and their actions
 *   reschedule-dialog.js, invite-dialog.js, cancel-dialog.js, history-dialog.js: those actions
 */
import { renderNav } from '/js/nav.js';
import { DEFAULT_ZONE, markReady, repaintMessages, startPage } from '/js/page.js';
import { bookingList } from '/booking/booking-list.js';
import { cancelDialog } from '/booking/cancel-dialog.js';
import { caseSearch } from '/booking/case-search.js';
import { freeSlots } from '/booking/free-slots.js';
import { historyDialog } from '/booking/history-dialog.js';
import { inviteDialog } from '/booking/invite-dialog.js';
import { newBooking } from '/booking/new-booking.js';
import { rescheduleDialog } from '/booking/reschedule-dialog.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import bookingMessages from '/i18n/booking.js';

/** The page-wide state and the new booking being put together (the list and the dialogs keep their own). */
const S = {
  page: null,           // from startPage: me, offices, zone
  me: null,
  offices: new Map(),
  zone: DEFAULT_ZONE,
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
  booking: false        // a booking request is on its way
};

async function start() {
  /** After a booking changed: the list again, and the free slots when they are that leader's. */
  const bookingChanged = (b) => {
    list.load();
    if (S.leaderId === b.officialId) slots.load();
  };
  const slots = freeSlots(S, { changed: () => form.renderSummary() });
  const form = newBooking(S, {
    renderAll: () => renderAll(),
    loadSlots: () => slots.load(),
    selectedSlot: () => slots.selected(),
    booked: (b) => list.markFresh(b.id),
    bookingTried: () => { slots.load(); list.load(); }
  });
  const cases = caseSearch(S, form);
  const reschedule = rescheduleDialog(S, { rescheduled: (b) => { list.markFresh(b.id); bookingChanged(b); } });
  const cancel = cancelDialog(S, { cancelled: bookingChanged });
  const invite = inviteDialog(S, { invited: () => list.load() });
  const history = historyDialog(S);
  const list = bookingList(S, { reschedule: reschedule.open, invite: invite.open, cancel: cancel.open,
    history: history.open });

  function renderAll() {
    renderNav(document.getElementById('nav-more'), S.me, 'booking', ['inbox', 'supervision']);
    slots.renderZone();
    cases.render();
    form.renderLeaders();
    form.renderTerminals();
    form.renderInvitees();
    slots.render();
    form.renderSummary();
    list.render();
    reschedule.render();
    cancel.render();
    invite.render();
    history.render();
    repaintMessages();
  }

  const page = await startPage({ messages: [commonMessages, errorMessages, bookingMessages], onLanguageChange: renderAll });
  if (!page) return;
  S.page = page;
  S.me = page.me;
  S.offices = page.offices;
  S.zone = page.zone;
  slots.showTwoWeeks();
  renderAll();
  markReady();
  form.loadTerminals();
  list.load();
  cases.search();
}

start();
