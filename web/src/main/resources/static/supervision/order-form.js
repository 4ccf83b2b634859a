/*
 * Sending a 督办单 (supervision order) to a unit: the case (found by its number or id), the supervised unit (an office
 * this user sees), the mode (文书 / 约谈 / 实地 / 联合), the reason, the requirements and the deadline; opened from an
 * item, it is prefilled with that item's case and unit and names the item it relates to. The supervising office is
 * the user's own (the server's rule). A refusal shows the rule's message and keeps the form as it was.
 */
import { get, post } from '/js/api.js';
import { addDays, isoDate } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { officeName, say, sayError } from '/js/page.js';
import { MODES, ORDERS } from '/supervision/items.js';

const $ = byId;
/** An order's default deadline: 15 days (the regulation's time to register and pass a matter on). */
const DEFAULT_DAYS = 15;

/** Wires #order-dialog; {@code sent(item)} gets the new order. Returns {open(relatedItem|null), render()}. */
export function orderForm(S, { sent }) {
  let related = null;
  let found = null; // the case chosen: {id, caseNumber, subject}
  let mode = 'DOCUMENT';

  $('o-case-find').addEventListener('click', findCase);
  $('o-case').addEventListener('change', () => { found = null; renderCase(); });
  $('o-cancel').addEventListener('click', () => $('order-dialog').close());
  $('order-form').addEventListener('submit', (e) => { e.preventDefault(); send(); });

  function open(item) {
    related = item || null;
    say($('o-error'), null);
    found = item ? { id: item.caseId, caseNumber: item.caseNumber, subject: item.caseSubject } : found;
    $('o-case').value = found ? found.caseNumber || String(found.id) : '';
    if (!$('o-deadline').value) $('o-deadline').value = addDays(isoDate(new Date(), S.zone), DEFAULT_DAYS);
    render();
    if (item && item.unit) $('o-unit').value = String(item.unit.id);
    $('order-dialog').showModal();
    $(found ? 'o-reason' : 'o-case').focus();
  }

  async function findCase() {
    const q = $('o-case').value.trim();
    found = null;
    if (!q) return renderCase();
    try {
      const list = await get('/api/v1/cases?q=' + encodeURIComponent(q) + '&limit=5');
      found = (list || []).find(c => c.caseNumber === q) || (list || [])[0] || null;
      if (!found && /^\d+$/.test(q)) found = await get('/api/v1/cases/' + q);
    } catch (err) {
      found = null;
    }
    renderCase();
  }

  function renderCase() {
    const box = $('o-case-found');
    box.replaceChildren(found
      ? el('span', null, t('sv.order.caseFound'), el('span', { translate: 'no', 'data-testid': 'o-case-number' },
        found.caseNumber + (found.subject ? ' · ' + found.subject : '')))
      : el('span', null, $('o-case').value.trim() ? t('sv.order.caseNone') : ''));
  }

  function render() {
    const unit = $('o-unit');
    const chosen = unit.value;
    const offices = [...S.offices.values()].filter(o => !S.me || o.id !== S.me.officeId)
      .sort((a, b) => String(a.code || a.id).localeCompare(String(b.code || b.id)));
    unit.replaceChildren(el('option', { value: '' }, t('sv.order.unitChoose')),
      ...offices.map(o => el('option', { value: o.id, translate: 'no' }, officeName(o))));
    unit.value = chosen;
    const modes = $('o-modes');
    modes.replaceChildren(...MODES.map(m => el('label', { class: 'inline' },
      el('input', { type: 'radio', name: 'o-mode', value: m, checked: mode === m, 'data-testid': 'o-mode',
        onchange: () => { mode = m; } }), ' ', t('sv.mode.' + m))));
    $('o-related').replaceChildren(related
      ? el('span', null, t('sv.order.related'), el('span', { translate: 'no' }, related.number)) : '');
    renderCase();
  }

  async function send() {
    say($('o-error'), null);
    if (!found) { await findCase(); }
    const missing = [];
    if (!found) missing.push('o-case');
    for (const id of ['o-unit', 'o-reason', 'o-requirements', 'o-deadline']) if (!$(id).value.trim()) missing.push(id);
    document.querySelectorAll('#order-form [aria-invalid]').forEach(n => n.removeAttribute('aria-invalid'));
    if (missing.length) {
      missing.forEach(id => $(id).setAttribute('aria-invalid', 'true'));
      say($('o-error'), () => t(found ? 'sv.order.incomplete' : 'sv.order.caseNone'));
      $(missing[0]).focus();
      return;
    }
    $('o-send').disabled = true;
    try {
      const item = await post(ORDERS, { caseId: found.id, unitOfficeId: Number($('o-unit').value), mode: mode,
        reason: $('o-reason').value.trim(), requirements: $('o-requirements').value.trim(),
        deadline: $('o-deadline').value.trim(), relatedItemId: related ? related.id : null });
      $('order-dialog').close();
      $('o-reason').value = '';
      $('o-requirements').value = '';
      related = null;
      sent(item);
    } catch (err) {
      sayError($('o-error'), err);
    } finally {
      $('o-send').disabled = false;
    }
  }

  return { open: open, render: render };
}
