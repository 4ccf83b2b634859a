/*
 * Step 4 of a new booking: the chosen leader's free slots between two dates (at the chosen reception room, when one
 * is chosen), grouped by day in the office's zone, and picking one. The slot buttons serve the reschedule dialog too.
 * Its state is the page's `S` (booking.js): slots, slotStart, slotsLoading, slotsError, slotsFor.
 */
import { errorMessage, get } from '/js/api.js';
import { addDays, formatDay, formatTime, isoDate } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { locale, t } from '/js/i18n.js';
import { plural } from '/js/sentence.js';

const $ = byId;

/** The zone's name in the page's language ("中国标准时间", "China Standard Time"); its id if there is none. */
function zoneName(zone) {
  try {
    const part = new Intl.DateTimeFormat(locale(), { timeZone: zone, timeZoneName: 'long' }).formatToParts(new Date())
      .find(p => p.type === 'timeZoneName');
    return part ? part.value : zone;
  } catch (e) {
    return zone;
  }
}

/** Slots grouped by day in the office zone, as buttons; `pick` gets the chosen slot. */
export function slotButtons(slots, chosenStart, pick, testid, zone) {
  const days = new Map();
  for (const s of slots) {
    const day = isoDate(new Date(s.start), zone);
    if (!days.has(day)) days.set(day, []);
    days.get(day).push(s);
  }
  const out = [];
  for (const [day, list] of days) {
    out.push(el('div', { class: 'day', dataset: { day: day } },
      el('h4', { class: 'day-title' }, formatDay(list[0].start, zone)),
      el('div', { class: 'slot-list', role: 'group', 'aria-label': formatDay(list[0].start, zone) },
        list.map(s => el('button', {
          type: 'button', class: 'slot', 'data-testid': testid, 'aria-pressed': String(s.start === chosenStart),
          dataset: { start: s.start, end: s.end, day: day }, onclick: () => pick(s)
        }, formatTime(s.start, zone) + '–' + formatTime(s.end, zone))))));
  }
  return out;
}

/**
 * Wires the date range form. {@code changed()} is told whenever the slots or the chosen slot changed (the book
 * button follows them). Returns {showTwoWeeks(), load(), selected(), render(), renderZone()}.
 */
export function freeSlots(S, { changed }) {
  let request = 0;

  $('range-form').addEventListener('submit', (e) => { e.preventDefault(); load(); });

  /** The range from today to 13 days later, in the office's zone. */
  function showTwoWeeks() {
    const today = isoDate(new Date(), S.zone);
    $('from').value = today;
    $('to').value = addDays(today, 13);
  }

  async function load() {
    const from = $('from').value;
    const to = $('to').value;
    S.slotsError = null;
    if (!S.leaderId) { S.slots = null; render(); changed(); return; }
    if (!from || !to || to < from) {
      S.slots = null;
      S.slotsError = t('slots.badRange');
      render(); changed();
      return;
    }
    const mine = ++request;
    S.slotsLoading = true;
    S.slots = null;
    render();
    changed();
    let url = '/api/v1/officials/' + S.leaderId + '/free-slots?from=' + from + '&to=' + to;
    if (S.terminalId) url += '&terminalId=' + S.terminalId;
    try {
      const slots = await get(url);
      if (mine !== request) return;
      S.slots = slots || [];
      S.slotsFor = { leaderId: S.leaderId, terminalId: S.terminalId };
      if (S.slotStart && !S.slots.some(s => s.start === S.slotStart)) S.slotStart = null;
    } catch (err) {
      if (mine !== request) return;
      S.slots = null;
      S.slotStart = null;
      S.slotsError = errorMessage(err);
    }
    S.slotsLoading = false;
    render();
    changed();
  }

  /** The chosen slot, if it is among those shown. */
  function selected() {
    return S.slots && S.slots.find(s => s.start === S.slotStart);
  }

  function renderZone() {
    if (!S.me) return;
    $('slots-zone').textContent = t('slots.zone', { zone: zoneName(S.zone) });
  }

  function render() {
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
    status.textContent = S.slots.length ? plural('slots.count.', S.slots.length) : t('slots.none');
    box.dataset.leader = String(S.slotsFor.leaderId);
    box.dataset.terminal = S.slotsFor.terminalId == null ? '' : String(S.slotsFor.terminalId);
    box.append(...slotButtons(S.slots, S.slotStart, (s) => {
      S.slotStart = s.start;
      render();
      changed();
    }, 'slot', S.zone));
  }

  return { showTwoWeeks: showTwoWeeks, load: load, selected: selected, render: render, renderZone: renderZone };
}
