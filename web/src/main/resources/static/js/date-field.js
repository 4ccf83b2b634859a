/*
 * A date field that reads the same whatever the browser: YYYY-MM-DD (2026-12-02, the order of GB/T 7408 and ISO
 * 8601) in a text field, with a calendar button that opens the browser's own date picker. Chromium draws
 * <input type=date> in the order of its UI language (12/02/2026 on an English system), whatever the page's
 * language; a petition office cannot have a Chinese page show US order.
 *
 * One line makes a date input such a field: dateField(input) (page.js does it for every input[type=date] of a
 * signed-in page at start). The input keeps its id, its label and its events; its value stays YYYY-MM-DD, as
 * before; typed dates in other forms (2026/12/2, 2026年12月2日, 20261202) are put in that form when the field is
 * left, and a date that is no date is marked invalid (the form will not submit it).
 */
import { applyI18n, onLanguageChange, t } from '/js/i18n.js';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const ICON = '<svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">'
  + '<path fill="currentColor" d="M7 2h2v2h6V2h2v2h3a1 1 0 0 1 1 1v15a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V5a1 1 0 0 1 '
  + '1-1h3V2zm12 8H5v9h14v-9zM5 6v2h14V6H5zm2 6h3v3H7v-3z"/></svg>';

/** YYYY-MM-DD for a typed date (2026-12-2, 2026/12/02, 2026.12.2, 2026年12月2日, 20261202), '' for none, null if no date. */
export function normalizeDate(text) {
  const s = String(text || '').trim();
  if (!s) return '';
  let m = s.match(/^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/) || s.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().substring(0, 10);
}

/** Makes {@code input} (an input[type=date]) a date field; returns it. Calling it again does nothing. */
export function dateField(input) {
  if (!input || input.dataset.dateField) return input;
  input.dataset.dateField = 'true';
  const picker = document.createElement('input');
  picker.type = 'date';
  picker.tabIndex = -1;
  picker.className = 'date-field-picker';
  picker.setAttribute('aria-hidden', 'true');
  picker.dataset.i18nAriaLabel = 'date.pick'; // hidden from readers and out of the tab order, but named all the same
  for (const a of ['min', 'max']) if (input.getAttribute(a)) picker.setAttribute(a, input.getAttribute(a));

  input.type = 'text';
  input.inputMode = 'numeric';
  input.autocomplete = 'off';
  input.spellcheck = false;
  input.maxLength = 12;
  input.classList.add('date-field-input');
  input.dataset.i18nPlaceholder = 'date.placeholder';

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'date-field-button';
  button.dataset.i18nAriaLabel = 'date.pick';
  button.innerHTML = ICON;

  const wrapper = document.createElement('span');
  wrapper.className = 'date-field';
  input.replaceWith(wrapper);
  wrapper.append(input, button, picker);
  applyI18n(wrapper);

  function check() {
    const iso = normalizeDate(input.value);
    if (iso === null) {
      input.setCustomValidity(t('date.invalid'));
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.setCustomValidity('');
    input.removeAttribute('aria-invalid');
    if (iso !== input.value) input.value = iso;
  }
  // before the page's own change listeners see the value (capture on the wrapper runs first)
  wrapper.addEventListener('change', (e) => { if (e.target === input) check(); }, true);
  input.addEventListener('blur', check);
  onLanguageChange(() => { if (input.validationMessage) check(); });

  button.addEventListener('click', () => {
    if (input.disabled || input.readOnly) return;
    for (const a of ['min', 'max']) {
      if (input.getAttribute(a)) picker.setAttribute(a, input.getAttribute(a)); else picker.removeAttribute(a);
    }
    const iso = normalizeDate(input.value);
    picker.value = iso || '';
    try {
      picker.showPicker();
    } catch (e) {
      input.focus(); // no picker here (an old browser, no user gesture): type the date
    }
  });
  picker.addEventListener('change', () => {
    if (!picker.value) return;
    input.value = picker.value;
    check();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    input.focus();
  });
  return input;
}

/** Makes every input[type=date] under {@code root} a date field. */
export function dateFields(root) {
  (root || document).querySelectorAll('input[type=date]:not(.date-field-picker)').forEach(dateField);
}
