/*
 * One item (督办事项) read in full, for the workplace, the inbox and the case page: number, kind, state, case, unit,
 * supervising office, escalation, dates, what must be done, the extension asked for, the reply with its documents,
 * and the history. Read-only: the actions are item-actions.js.
 */
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { deadlineNode, documentLink, historyList, kindText, longDay, stateBadges, unitNode, when } from '/supervision/items.js';

function row(labelKey, ...value) {
  return [el('dt', null, t(labelKey)), el('dd', null, ...value)];
}

/** The facts of the item as a definition list. */
export function itemFacts(item, zone) {
  const dl = el('dl', { class: 'sv-facts' });
  const rows = [
    row('sv.field.number', el('span', { translate: 'no', 'data-testid': 'item-number' }, item.number)),
    row('sv.field.kind', kindText(item)),
    row('sv.field.state', ...stateBadges(item)),
    row('sv.field.case', el('a', { href: '/cases/?id=' + encodeURIComponent(item.caseId), translate: 'no',
      'data-testid': 'item-case' }, item.caseNumber || ('#' + item.caseId)),
    item.caseSubject ? el('span', null, ' · ', el('span', { translate: 'no' }, item.caseSubject)) : null),
    item.category ? row('sv.field.category', el('span', { translate: 'no' }, item.category)) : [],
    row('sv.field.unit', unitNode(item.unit)),
    row('sv.field.supervisor', unitNode(item.supervisingOffice)),
    item.escalatedTo ? row('sv.field.escalatedTo', unitNode(item.escalatedTo)) : [],
    row('sv.field.acceptedOn', longDay(item.acceptedOn)),
    row('sv.field.deadline', deadlineNode(item)),
    row('sv.field.report', t(item.requiresReport ? 'sv.report.required' : 'sv.report.notRequired'))
  ];
  rows.flat().forEach(n => dl.appendChild(n));
  return dl;
}

/** What must be done: the title and the requirements (the instruction's text; an order's reason and requirements). */
export function itemTask(item) {
  return el('div', { class: 'sv-task' },
    item.title ? el('p', { class: 'strong', translate: 'no' }, item.title) : null,
    item.requirements ? el('p', { class: 'sv-text', translate: 'no' }, item.requirements) : null);
}

/** The extension asked for, and what was decided. */
export function itemExtension(item, zone) {
  const x = item.extension;
  if (!x) return null;
  return el('div', { class: 'sv-box', 'data-testid': 'item-extension', dataset: { state: x.state } },
    el('h3', null, t('sv.extension.title')),
    el('p', null, t('sv.extension.asked', { days: x.days }), ' · ', t('sv.extension.state.' + x.state),
      x.requestedAt ? el('span', { class: 'muted' }, ' · ' + when(x.requestedAt, zone)) : null),
    el('p', { class: 'sv-text', translate: 'no' }, x.reason || ''),
    x.decidedBy ? el('p', { class: 'muted' }, t('sv.extension.decided'), el('span', { translate: 'no' }, x.decidedBy),
      ' · ' + when(x.decidedAt, zone), x.note ? el('span', { translate: 'no' }, ' · ' + x.note) : null) : null);
}

/** The unit's reply, its completion report and its documents. */
export function itemReply(item, zone) {
  const r = item.reply;
  if (!r) return null;
  const docs = (r.documents || []).map(d => el('li', null, documentLink(d)));
  return el('div', { class: 'sv-box', 'data-testid': 'item-reply' },
    el('h3', null, t('sv.reply.title')),
    el('p', { class: 'muted' }, when(r.at, zone), ' · ', t('sv.by'), el('span', { translate: 'no' }, r.by || '')),
    el('p', { class: 'sv-text', translate: 'no', 'data-testid': 'reply-text' }, r.text || ''),
    r.completionReport ? el('div', null, el('h4', null, t('sv.reply.report')),
      el('p', { class: 'sv-text', translate: 'no' }, r.completionReport)) : null,
    docs.length ? el('div', null, el('h4', null, t('sv.reply.documents')), el('ul', { class: 'sv-docs' }, docs)) : null);
}

/** The whole item: facts, task, extension, reply and history. */
export function itemView(item, zone) {
  return el('div', { class: 'sv-item', 'data-testid': 'item-view', dataset: { id: item.id, state: item.state } },
    el('h2', null, el('span', { translate: 'no' }, item.number), ' ', ...stateBadges(item)),
    itemFacts(item, zone),
    itemTask(item),
    itemExtension(item, zone),
    itemReply(item, zone),
    el('h3', null, t('sv.history.title')),
    historyList(item, zone));
}
