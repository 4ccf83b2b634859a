/*
 * What the supervision pages (the workplace, the unit inbox, the case page and the console's instructions) share:
 * the REST paths of the supervision contract, and how an item (督办事项) reads — its state with 逾期, its deadline as a
 * date in the unit's zone and a countdown, its unit, its history. Dates are calendar days (yyyy-MM-dd, the unit's
 * office zone) shown as "2027年1月1日" / "1 January 2027".
 */
import { formatDateTime, formatLongDay } from '/js/dates.js';
import { DOCUMENTS } from '/supervision/paths.js';
import { el } from '/js/dom.js';
import { lang, t } from '/js/i18n.js';
import { officeName } from '/js/page.js';

export { API, DOCUMENTS, INBOX, ITEMS, ORDERS, bookingPath, casePath } from '/supervision/paths.js';

/** The states an item can be in, in the order a person works through them; OVERDUE is the derived filter. */
export const STATES = ['PENDING_SIGN', 'IN_PROGRESS', 'REPLIED', 'COMPLETED', 'RETURNED'];
export const KINDS = ['ASSIGNMENT', 'ORDER', 'ESCALATION', 'REVIEW', 'RE_REVIEW'];
export const MODES = ['DOCUMENT', 'TALK', 'ON_SITE', 'JOINT'];
const DAY_MS = 24 * 3600 * 1000;

/** A calendar day (yyyy-MM-dd) in full: "2027年1月1日", "1 January 2027". */
export const longDay = formatLongDay;

/** An instant as date and time in the zone. */
export function when(instant, zone) {
  return instant ? formatDateTime(instant, zone) : '';
}

/** A unit or office ({id, name, nameEn}) by name in the page's language, as data. */
export function unitNode(office) {
  return el('span', { translate: 'no' }, officeName(office) || '–');
}

/** Whole days from now to the item's end of deadline (negative once passed); null without a deadline. */
export function daysLeft(item, now) {
  if (!item || !item.dueAt) return null;
  const ms = new Date(item.dueAt).getTime() - (now || Date.now());
  return ms >= 0 ? Math.floor(ms / DAY_MS) : -Math.ceil(-ms / DAY_MS);
}

/** Whether the item's work is done (no countdown any more). */
export function settled(item) {
  return item.state === 'COMPLETED' || item.state === 'REPLIED';
}

/** The state badge: 待签收 … 退回重办, and 逾期 beside it when overdue. */
export function stateBadges(item) {
  return [
    el('span', { class: 'badge sv-state sv-state-' + item.state, 'data-testid': 'item-state',
      dataset: { state: item.state } }, t('sv.state.' + item.state)),
    item.overdue ? el('span', { class: 'badge sv-overdue', 'data-testid': 'item-overdue' }, t('sv.state.OVERDUE')) : null
  ];
}

/** "2027年1月1日 · 剩 12 天" / "… · 逾期 3 天" / "… · 今天到期" (no countdown once replied or completed). */
export function deadlineNode(item, now) {
  if (!item.deadline) return el('span', { class: 'muted' }, '–');
  const left = settled(item) ? null : daysLeft(item, now);
  let countdown = null;
  if (left !== null) {
    const key = left < 0 ? 'sv.countdown.overdue' : left === 0 ? 'sv.countdown.today' : 'sv.countdown.left';
    countdown = el('span', { class: 'sv-countdown' + (left < 0 ? ' late' : left <= 7 ? ' near' : ''),
      'data-testid': 'countdown', dataset: { days: left } }, t(key, { days: Math.abs(left) }));
  }
  return el('span', { class: 'sv-deadline' }, longDay(item.deadline), countdown ? ' · ' : null, countdown);
}

/** The item's kind, and for an order its mode: "督办单 · 约谈". */
export function kindText(item) {
  const kind = t('sv.kind.' + item.kind);
  return item.mode ? kind + t('sv.sep') + t('sv.mode.' + item.mode) : kind;
}

/** The item's history, oldest first: when, who, what, and the words given. */
export function historyList(item, zone) {
  const list = el('ol', { class: 'sv-history', 'data-testid': 'item-history' });
  for (const h of item.history || []) {
    list.appendChild(el('li', { 'data-testid': 'history-entry', dataset: { kind: h.kind } },
      el('span', { class: 'muted' }, when(h.at, zone)), ' ',
      el('strong', null, t('sv.history.' + h.kind)), ' ',
      el('span', { class: 'muted' }, t('sv.by'), el('span', { translate: 'no' }, h.actor === 'system' ? t('sv.system') : h.actor)),
      h.text ? el('div', { class: 'sv-history-text' }, el('span', { translate: 'no' }, h.text)) : null));
  }
  if (!list.children.length) list.appendChild(el('li', { class: 'muted' }, t('sv.history.none')));
  return list;
}

/** A document's name, type and size, linked to its bytes. */
export function documentLink(doc) {
  return el('span', { class: 'sv-doc' },
    el('a', { href: DOCUMENTS + '/' + encodeURIComponent(doc.id), 'data-testid': 'document-link', translate: 'no',
      download: doc.name || '' }, doc.name || ('#' + doc.id)),
    el('span', { class: 'muted small' }, ' (' + sizeText(doc.size) + ')'));
}

/** 12 KB, 1.5 MB (bytes under 1 KB as bytes). */
export function sizeText(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1024) return n + (lang() === 'en' ? ' bytes' : ' 字节');
  if (n < 1024 * 1024) return (n / 1024).toFixed(n < 10 * 1024 ? 1 : 0) + ' KB';
  return (n / 1024 / 1024).toFixed(1) + ' MB';
}

/** A 404 on an item: "not found, or not yours" (the server does not say which, and neither do we). */
export function notFoundOrNotYours(err) {
  return !!err && err.status === 404;
}
