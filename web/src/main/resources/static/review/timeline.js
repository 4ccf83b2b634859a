/* A recording's timeline: its events (joined, notice shown, muted, …) and its gaps, in red, in time order. */
import { formatTime } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { locale, t } from '/js/i18n.js';
import { dateTime, roleName } from '/review/recording-texts.js';

const $ = byId;

function gapReason(reason) {
  if (!reason) return '';
  const key = 'review.gapReason.' + reason;
  const text = t(key);
  return text === key ? reason : text;
}

/** Renders the timeline of the open recording (S.detail) in the office's zone. */
export function renderTimeline(S) {
  const ol = $('timeline');
  ol.replaceChildren();
  const items = [];
  for (const e of S.detail.timeline) items.push({ at: e.at, entry: e });
  for (const g of S.detail.gaps) items.push({ at: g.from, gap: g });
  items.sort((a, b) => new Date(a.at) - new Date(b.at));
  if (!items.length) {
    ol.appendChild(el('li', { class: 'muted' }, t('review.timeline.empty')));
    return;
  }
  for (const it of items) {
    if (it.gap) {
      const g = it.gap;
      ol.appendChild(el('li', { class: 'gap', 'data-testid': 'timeline-gap' },
        el('span', { class: 'at' }, formatTime(g.from, S.zone)),
        el('span', null, t('review.gap', { to: g.to ? formatTime(g.to, S.zone) : '…',
          reason: gapReason(g.reason) }))));
      continue;
    }
    const e = it.entry;
    const key = 'review.event.' + e.type;
    let label = t(key);
    if (label === key) label = e.type;
    const who = [e.participantId, e.role ? roleName(e.role) : null].filter(Boolean).join(' · ');
    ol.appendChild(el('li', { 'data-testid': 'timeline-entry', dataset: { type: e.type } },
      el('span', { class: 'at', title: dateTime(e.at, S.zone) },
        new Intl.DateTimeFormat(locale(), { timeZone: S.zone, hour: '2-digit',
          minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(e.at))),
      el('span', null, label + (who ? '（' + who + '）' : '') + (e.detail ? ' ' + e.detail : ''))));
  }
}
