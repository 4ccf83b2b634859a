/*
 * A list of items as a table, for the workplace and the inbox: overdue first, then by deadline (as the server sends
 * them; kept so here too), each row with its number, kind, case, unit, deadline and countdown, state, and a button
 * that opens it. And the state filter as a row of toggle buttons with counts (待签收 … 逾期).
 */
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { deadlineNode, kindText, stateBadges, unitNode } from '/supervision/items.js';

/** Overdue first, then the nearest deadline, then the number. */
export function byUrgency(a, b) {
  if (!!a.overdue !== !!b.overdue) return a.overdue ? -1 : 1;
  const d = String(a.deadline || '9999').localeCompare(String(b.deadline || '9999'));
  return d !== 0 ? d : String(a.number).localeCompare(String(b.number));
}

/** Fills {@code body} (a tbody) with a row per item; open(item) opens one; the open one is marked. */
export function renderItemRows(body, items, { open, openId, showUnit }) {
  body.replaceChildren();
  for (const item of [...items].sort(byUrgency)) {
    const isOpen = openId === item.id;
    body.appendChild(el('tr', { 'data-testid': 'item-row', class: (item.overdue ? 'late' : '') + (isOpen ? ' open' : ''),
      dataset: { id: item.id, state: item.state, overdue: String(!!item.overdue) } },
    el('td', { translate: 'no', id: 'item-number-' + item.id }, item.number),
    el('td', null, kindText(item)),
    el('td', null, el('span', { translate: 'no' }, item.caseNumber || ''),
      item.caseSubject ? el('div', { class: 'muted small', translate: 'no' }, item.caseSubject) : null),
    showUnit ? el('td', null, unitNode(item.unit)) : null,
    el('td', null, deadlineNode(item)),
    el('td', null, ...stateBadges(item)),
    el('td', null, el('button', { type: 'button', 'data-testid': 'item-open', 'aria-expanded': String(isOpen),
      'aria-describedby': 'item-number-' + item.id, onclick: () => open(item) }, t('sv.open')))));
  }
}

/**
 * The state filter: 全部, each state and 逾期, as toggle buttons (aria-pressed) with their counts when known.
 * {@code counts}: state → n (ALL for the whole). choose(state) picks one ('' for all).
 */
export function renderStateFilter(box, chosen, counts, choose) {
  box.replaceChildren();
  for (const state of ['', 'PENDING_SIGN', 'IN_PROGRESS', 'REPLIED', 'COMPLETED', 'RETURNED', 'OVERDUE']) {
    const n = counts ? (counts[state || 'ALL'] || 0) : undefined;
    box.appendChild(el('button', { type: 'button', class: 'sv-filter' + (state === 'OVERDUE' ? ' late' : ''),
      'aria-pressed': String(chosen === state), 'data-testid': 'filter-' + (state || 'ALL'), dataset: { state: state },
      onclick: () => choose(state) },
    state ? t('sv.state.' + state) : t('sv.state.ALL'),
    n === undefined ? null : el('span', { class: 'sv-count', 'data-testid': 'count' }, String(n))));
  }
}
