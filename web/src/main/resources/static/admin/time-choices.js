/*
 * Times and dates chosen from lists instead of the browser's date and time inputs, whose format follows the
 * browser's locale rather than the page's language (a Chinese page showed 12/04/2026 and 08:30 AM): times every
 * 15 minutes in 24-hour form (and 23:59, the end of a day), dates of the next three months named in the page's
 * language. Touch-friendly, and the same on every browser.
 */
import { addDays, isoDate } from '/js/dates.js';
import { el } from '/js/dom.js';
import { locale } from '/js/i18n.js';

/** The last minute of a day: a window that lasts until midnight ends here. */
export const END_OF_DAY = '23:59';
/** How many days ahead a blocked period can be chosen (a little more than the booking horizon). */
export const DATE_DAYS = 92;

function times() {
  const list = [];
  for (let m = 0; m < 24 * 60; m += 15) {
    list.push(String(Math.floor(m / 60)).padStart(2, '0') + ':' + String(m % 60).padStart(2, '0'));
  }
  list.push(END_OF_DAY);
  return list;
}
const TIMES = times();

/** Fills a select with the times of a day, {@code value} chosen (added if it is off the 15-minute grid). */
export function fillTimes(select, value) {
  const list = value && !TIMES.includes(value) ? TIMES.concat([value]).sort() : TIMES;
  select.replaceChildren(...list.map(v => el('option', { value: v }, v)));
  select.value = value || '';
}

/** Fills a select with the dates from today (in the zone) for DATE_DAYS days, named in the page's language. */
export function fillDates(select, zone, value) {
  const today = isoDate(new Date(), zone);
  const year = today.substring(0, 4);
  const days = [];
  for (let i = 0; i < DATE_DAYS; i++) days.push(addDays(today, i));
  if (value && !days.includes(value)) days.unshift(value);
  select.replaceChildren(...days.map(day => el('option', { value: day }, dateLabel(day, year))));
  select.value = value === undefined ? today : value;
}

function dateLabel(day, thisYear) {
  const options = { timeZone: 'UTC', month: 'long', day: 'numeric', weekday: 'short' };
  if (day.substring(0, 4) !== thisYear) options.year = 'numeric';
  return new Intl.DateTimeFormat(locale(), options).format(new Date(day + 'T00:00:00Z'));
}
