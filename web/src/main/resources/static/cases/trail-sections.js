/*
 * The parts of a matter's trail on the case page: its receptions with their recordings (each linked to the review
 * page), the leader's instructions — each with a jump to its moment in the recording of its reception (the offset
 * from the recording's start to the instruction's saidAt, opened as /review/?recording=<id>&t=<s>) — the items with
 * their history, and the evaluations with who recorded them.
 */
import { formatRange } from '/js/dates.js';
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { deadlineNode, historyList, kindText, stateBadges, unitNode, when } from '/supervision/items.js';
import { itemExtension, itemReply, itemTask } from '/supervision/item-view.js';

/**
 * The recording of {@code bookingId} that covers {@code at} (started before it; ended after it, or not yet ended),
 * and the second of it: {recording, seconds}, or null.
 */
export function momentIn(recordings, bookingId, at) {
  const ms = new Date(at).getTime();
  for (const r of recordings || []) {
    if (r.bookingId !== bookingId || !r.startedAt || r.status === 'DELETED') continue;
    const start = new Date(r.startedAt).getTime();
    const end = r.endedAt ? new Date(r.endedAt).getTime() : Infinity;
    if (ms >= start && ms <= end) return { recording: r, seconds: Math.floor((ms - start) / 1000) };
  }
  return null;
}

/** "mm:ss" or "h:mm:ss". */
export function clock(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n) => String(n).padStart(2, '0');
  return (h ? h + ':' + two(m) : String(m)) + ':' + two(s);
}

function empty(list, key) {
  if (!list.children.length) list.appendChild(el('li', { class: 'muted' }, t(key)));
}

/** The case's receptions (bookings) with their recordings. */
export function renderReceptions(list, bookings, recordings, zone) {
  list.replaceChildren();
  for (const b of bookings || []) {
    const recs = (recordings || []).filter(r => r.bookingId === b.id);
    list.appendChild(el('li', { 'data-testid': 'reception', dataset: { bookingId: b.id } },
      el('div', { class: 'strong' }, formatRange(b.start, b.end, zone), ' · ', t('state.' + b.state)),
      el('div', { class: 'muted' }, el('span', { translate: 'no' }, b.officialName || ''), ' · ',
        el('span', { translate: 'no' }, b.terminalName || '')),
      recs.length ? el('ul', null, ...recs.map(r => el('li', null,
        el('a', { href: '/review/?recording=' + r.id, 'data-testid': 'recording-link', dataset: { recordingId: r.id } },
          t('sv.case.recording', { id: r.id })), ' · ', when(r.startedAt, zone)))) : null));
  }
  empty(list, 'sv.case.noReceptions');
}

/** The instructions, each with its items and the jump to its moment in the recording. */
export function renderInstructions(list, instructions, recordings, zone) {
  list.replaceChildren();
  for (const ins of instructions || []) {
    const moment = momentIn(recordings, ins.bookingId, ins.saidAt);
    list.appendChild(el('li', { 'data-testid': 'instruction', dataset: { id: ins.id } },
      el('div', { class: 'muted' }, when(ins.saidAt, zone), ' · ', t('sv.instr.by'), el('span', { translate: 'no' }, ins.createdBy || '')),
      ins.text ? el('p', { class: 'sv-text', translate: 'no' }, ins.text) : null,
      moment
        ? el('a', { href: '/review/?recording=' + moment.recording.id + '&t=' + moment.seconds, 'data-testid': 'instruction-jump',
          dataset: { recordingId: moment.recording.id, seconds: moment.seconds },
          'aria-label': t('sv.case.jumpLabel', { time: clock(moment.seconds) }) }, t('sv.case.jump'), ' (' + clock(moment.seconds) + ')')
        : el('span', { class: 'muted small' }, t('sv.case.noRecordingAt')),
      el('ul', null, ...(ins.items || []).map(item => el('li', null, el('span', { translate: 'no' }, item.number), ' · ',
        unitNode(item.unit), ' · ', deadlineNode(item), ' ', ...stateBadges(item))))));
  }
  empty(list, 'sv.case.noInstructions');
}

/** The items with their history (folded: a <details> per item). */
export function renderItems(list, items, zone) {
  list.replaceChildren();
  for (const item of items || []) {
    list.appendChild(el('li', { 'data-testid': 'trail-item', dataset: { id: item.id, state: item.state } },
      el('details', null,
        el('summary', null, el('span', { translate: 'no' }, item.number), ' · ', kindText(item), ' · ', unitNode(item.unit),
          ' · ', deadlineNode(item), ' ', ...stateBadges(item)),
        itemTask(item), itemExtension(item, zone), itemReply(item, zone),
        el('h3', null, t('sv.history.title')), historyList(item, zone))));
  }
  empty(list, 'sv.case.noItems');
}

/** The evaluations: the answer, the channel, when, and who recorded it. */
export function renderEvaluations(list, evaluations, zone) {
  list.replaceChildren();
  for (const e of evaluations || []) {
    list.appendChild(el('li', { 'data-testid': 'evaluation', dataset: { result: e.result, channel: e.channel } },
      el('strong', null, t('sv.eval.' + e.result)), ' · ', t('sv.eval.channel.' + e.channel), ' · ', when(e.at, zone),
      e.recordedBy ? el('span', { class: 'muted' }, ' · ', t('sv.case.recordedBy'), el('span', { translate: 'no' }, e.recordedBy)) : null,
      e.note ? el('div', { class: 'sv-text', translate: 'no' }, e.note) : null));
  }
  empty(list, 'sv.case.noEvaluations');
}
