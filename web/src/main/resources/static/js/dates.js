/* Dates and times in an office's zone, in the current language's locale. */
import { locale } from '/js/i18n.js';

/** YYYY-MM-DD of an instant in a zone. */
export function isoDate(date, zone) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(date);
  const get = t => parts.find(p => p.type === t).value;
  return get('year') + '-' + get('month') + '-' + get('day');
}

/** YYYY-MM-DD plus n days (calendar arithmetic, no zone). */
export function addDays(isoDay, n) {
  const [y, m, d] = isoDay.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().substring(0, 10);
}

export function formatDay(instant, zone) {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, month: 'long', day: 'numeric', weekday: 'long' })
    .format(new Date(instant));
}

export function formatTime(instant, zone) {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(instant));
}

/** "12月1日星期二 09:00–09:30" in the zone. */
export function formatRange(start, end, zone) {
  const dateText = new Intl.DateTimeFormat(locale(), {
    timeZone: zone, year: 'numeric', month: 'short', day: 'numeric', weekday: 'short'
  }).format(new Date(start));
  return dateText + ' ' + formatTime(start, zone) + '–' + formatTime(end, zone);
}

export function formatDateTime(instant, zone) {
  return new Intl.DateTimeFormat(locale(), {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    second: '2-digit', hourCycle: 'h23'
  }).format(new Date(instant));
}
