/*
 * The reschedule dialog (改期) of a booked reception: the same leader and reception room, a free slot between two
 * dates (the current one left out), confirm.
 */
import { errorMessage, get, post } from '/js/api.js';
import { addDays, formatRange, isoDate } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';
import { slotButtons } from '/booking/free-slots.js';
import { plural } from '/js/sentence.js';

const $ = byId;

/** Wires the dialog; {@code rescheduled(booking)} is told of the moved booking. Returns {open(booking), render()}. */
export function rescheduleDialog(S, { rescheduled }) {
  let resched = null; // {booking, slots, start, loading, error}

  $('r-close').addEventListener('click', () => $('reschedule-dialog').close());
  $('r-find').addEventListener('click', loadSlots);
  $('r-confirm').addEventListener('click', confirm);
  $('reschedule-dialog').addEventListener('close', () => { resched = null; });

  function open(b) {
    resched = { booking: b, slots: null, start: null, loading: false, error: null };
    const today = isoDate(new Date(), S.zone);
    $('r-from').value = today;
    $('r-to').value = addDays(today, 13);
    say($('r-error'), null);
    render();
    $('reschedule-dialog').showModal();
    loadSlots();
  }

  async function loadSlots() {
    const r = resched;
    if (!r) return;
    const from = $('r-from').value;
    const to = $('r-to').value;
    if (!from || !to || to < from) { r.error = t('slots.badRange'); render(); return; }
    r.loading = true; r.error = null;
    render();
    try {
      const slots = await get('/api/v1/officials/' + r.booking.officialId + '/free-slots?from=' + from + '&to=' + to
        + '&terminalId=' + r.booking.terminalId);
      if (resched !== r) return;
      r.slots = (slots || []).filter(s => s.start !== r.booking.start);
      if (r.start && !r.slots.some(s => s.start === r.start)) r.start = null;
    } catch (err) {
      if (resched !== r) return;
      r.slots = null;
      r.error = errorMessage(err);
    }
    r.loading = false;
    render();
  }

  function render() {
    const r = resched;
    if (!r) return;
    const b = r.booking;
    $('reschedule-current').replaceChildren(el('span', { translate: 'no' }, b.code + ' · ' + b.officialName + ' · '
      + b.terminalName), ' · ' + t('reschedule.current', { time: formatRange(b.start, b.end, S.zone) }));
    const box = $('r-slots');
    box.replaceChildren();
    const status = $('r-status');
    if (r.error) status.textContent = r.error;
    else if (r.loading) status.textContent = t('slots.loading');
    else if (r.slots) {
      status.textContent = r.slots.length ? plural('slots.count.', r.slots.length) : t('slots.none');
      box.append(...slotButtons(r.slots, r.start, (s) => { r.start = s.start; render(); }, 'r-slot', S.zone));
    } else status.textContent = '';
    $('r-confirm').disabled = !r.start;
  }

  async function confirm() {
    const r = resched;
    if (!r || !r.start) return;
    $('r-confirm').disabled = true;
    say($('r-error'), null);
    try {
      const b = await post('/api/v1/bookings/' + r.booking.id + '/reschedule',
        { start: r.start, terminalId: r.booking.terminalId });
      $('reschedule-dialog').close();
      say($('list-message'), () => t('reschedule.success', { code: b.code, time: formatRange(b.start, b.end, S.zone) }));
      rescheduled(b);
    } catch (err) {
      sayError($('r-error'), err);
      $('r-confirm').disabled = false;
      loadSlots();
    }
  }

  return { open: open, render: render };
}
