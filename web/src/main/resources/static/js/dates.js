/* Dates and times in an office's zone, in the current language's locale. */
import { locale } from '/js/i18n.js';

/** Shown until the page knows the signed-in user's office (page.js sets it). */
export const DEFAULT_ZONE = 'Asia/Shanghai';
let zoneOfPage = DEFAULT_ZONE;

/** The zone the page tells times in: the signed-in user's office's (set by page.js once it knows it). */
export function pageZone() {
  return zoneOfPage;
}

export function setPageZone(zone) {
  zoneOfPage = zone || DEFAULT_ZONE;
}

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

/** A calendar day (YYYY-MM-DD, no zone) in full with its year: "2027年1月1日", "1 January 2027". */
export function formatLongDay(isoDay) {
  if (!isoDay) return '';
  const [y, m, d] = String(isoDay).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

/** A calendar day (YYYY-MM-DD, no zone): "12月1日星期二", "Tuesday 1 December". */
export function formatIsoDay(isoDay) {
  const [y, m, d] = isoDay.split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', month: 'long', day: 'numeric', weekday: 'long' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

export function formatTime(instant, zone) {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(instant));
}

/** "12月1日周二 09:30", "Tue 1 Dec 09:30" in the zone. */
export function formatDayTime(instant, zone) {
  const day = new Intl.DateTimeFormat(locale(), { timeZone: zone, month: 'short', day: 'numeric', weekday: 'short' })
    .format(new Date(instant));
  return day + ' ' + formatTime(instant, zone);
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

/** How far ahead a list of "today's" sessions also looks: a session just after midnight belongs to tonight's list. */
const SOON_HOURS = 12;

/**
 * The days to ask for a list of today's sessions in the zone — today, and the next day too once it begins within
 * twelve hours — and {@code keep(b)}, true for a session of today or one that starts within those twelve hours.
 * {@code today} is the list's own day, for {@link sessionTimes}.
 */
export function todayAndSoon(zone, now = new Date()) {
  const today = isoDate(now, zone);
  const horizon = now.getTime() + SOON_HOURS * 3600 * 1000;
  return {
    today,
    from: today,
    to: isoDate(new Date(horizon), zone),
    keep: b => isoDate(new Date(b.start), zone) === today || new Date(b.start).getTime() < horizon
  };
}

/** A session's times on a list of the day {@code today}: "09:00–09:30", with its day in front when not that day. */
export function sessionTimes(b, zone, today) {
  const times = formatTime(b.start, zone) + '–' + formatTime(b.end, zone);
  if (isoDate(new Date(b.start), zone) === today) return times;
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, month: 'short', day: 'numeric', weekday: 'short' })
    .format(new Date(b.start)) + ' ' + times;
}
