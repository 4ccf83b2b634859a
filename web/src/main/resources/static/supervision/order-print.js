/*
 * The printable 督办单 (supervision order): number, case, supervising and supervised unit, mode, reason,
 * requirements, deadline and the date it was issued, laid out as the paper form; printed alone (@media print in
 * supervision.css hides the page around it).
 */
import { byId, el } from '/js/dom.js';
import { t, tNode } from '/js/i18n.js';
import { longDay, unitNode } from '/supervision/items.js';
import { isoDate } from '/js/dates.js';

const $ = byId;

/** Returns {print(item), render()}. */
export function orderSheet(S) {
  let item = null;
  window.addEventListener('afterprint', () => { $('print-sheet').hidden = true; });

  function print(it) {
    if (!it) return;
    item = it;
    render();
    $('print-sheet').hidden = false;
    window.print();
  }

  function line(key, ...value) {
    return el('tr', null, el('th', { scope: 'row' }, t(key)), el('td', null, ...value));
  }

  function render() {
    const box = $('print-sheet');
    if (!item) { box.replaceChildren(); return; }
    const created = (item.history || []).find(h => h.kind === 'CREATED');
    box.replaceChildren(
      el('h1', { id: 'print-title' }, t('sv.print.heading')),
      el('p', { class: 'print-number', 'data-testid': 'print-number' }, tNode('sv.print.number', { number: item.number }, ['number'])),
      el('table', { class: 'print-table' }, el('tbody', null,
        line('sv.field.case', el('span', { translate: 'no' }, (item.caseNumber || '') + (item.caseSubject ? ' · ' + item.caseSubject : ''))),
        line('sv.field.supervisor', unitNode(item.supervisingOffice)),
        line('sv.field.supervised', unitNode(item.unit)),
        line('sv.order.mode', item.mode ? t('sv.mode.' + item.mode) : t('sv.kind.' + item.kind)),
        line('sv.order.reason', el('span', { translate: 'no', class: 'sv-text' }, item.title || '')),
        line('sv.order.requirements', el('span', { translate: 'no', class: 'sv-text' }, item.requirements || '')),
        line('sv.order.deadline', longDay(item.deadline)),
        line('sv.print.issued', created ? longDay(isoDate(new Date(created.at), S.zone)) : longDay(item.acceptedOn)))),
      el('p', { class: 'print-foot' }, t('sv.print.foot')));
  }

  return { print: print, render: render };
}
