/*
 * What this user may do to an item now (the item's `allowed`), each as a small labelled form: 签收, a progress note,
 * the one extension (1–30 days, reason required), the reply (reply-form.js), and the supervisor's accept, return for
 * redo (reason required), decision on the extension and 催办. A refused act shows the rule's message beside its form
 * and keeps what was typed; a done act hands the item's new state to onChanged. Labels carry data-i18n, so the
 * language switch translates them without rebuilding the forms (and without losing input).
 */
import { post } from '/js/api.js';
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';
import { ITEMS } from '/supervision/items.js';
import { replyForm } from '/supervision/reply-form.js';

let serial = 0;

/** An allowed act by its API name (decideExtension), also when given as the enum's name (DECIDE_EXTENSION). */
function apiName(action) {
  const s = String(action);
  if (!/^[A-Z_]+$/.test(s)) return s;
  return s.toLowerCase().replace(/_([a-z])/g, (m, c) => c.toUpperCase());
}

/** A label bound to a new field; the field gets a fresh id. */
function field(labelKey, input) {
  input.id = input.id || 'sv-f' + (++serial);
  return el('div', { class: 'sv-field' }, el('label', { for: input.id, 'data-i18n': labelKey }, t(labelKey)), input);
}

function textarea(testid, required) {
  return el('textarea', { rows: 2, maxlength: 4000, 'data-testid': testid, required: required || false });
}

function button(key, testid, cls) {
  return el('button', { type: 'button', class: cls || 'primary', 'data-testid': testid, 'data-i18n': key }, t(key));
}

/**
 * Builds the action forms of {@code item} for this user. {@code onChanged(item)} gets the item after a done act.
 * Returns the element (empty when nothing is allowed).
 */
export function itemActions(item, onChanged) {
  const allowed = new Set((item.allowed || []).map(apiName));
  const box = el('div', { class: 'sv-actions', 'data-testid': 'item-actions' });

  /** One form: its fields, its buttons, its error box; act(body) posts. */
  function form(name, titleKey, fields, buttons) {
    const error = el('div', { class: 'message err', role: 'alert', id: 'sv-err' + (++serial), 'data-testid': 'action-error' });
    const section = el('section', { class: 'sv-action', 'data-testid': 'action-' + name, 'aria-label': t(titleKey),
      'data-i18n-aria-label': titleKey },
    el('h3', { 'data-i18n': titleKey }, t(titleKey)), ...fields, el('div', { class: 'row' }, ...buttons), error);
    box.appendChild(section);
    return error;
  }

  async function act(path, body, error, doneKey, buttons) {
    say(error, null);
    buttons.forEach(b => { b.disabled = true; });
    try {
      const updated = await post(ITEMS + '/' + encodeURIComponent(item.id) + '/' + path, body);
      onChanged(updated, doneKey);
    } catch (err) {
      sayError(error, err);
      buttons.forEach(b => { b.disabled = false; });
    }
  }

  function required(input, error) {
    if (input.value.trim()) return true;
    input.setAttribute('aria-invalid', 'true');
    say(error, () => t('sv.required'));
    input.focus();
    return false;
  }

  if (allowed.has('sign')) {
    const b = button('sv.act.sign', 'act-sign');
    const error = form('sign', 'sv.act.signTitle', [el('p', { class: 'muted', 'data-i18n': 'sv.act.signHint' }, t('sv.act.signHint'))], [b]);
    b.addEventListener('click', () => act('sign', {}, error, 'sv.done.sign', [b]));
  }
  if (allowed.has('progress')) {
    const text = textarea('progress-text', true);
    const b = button('sv.act.progress', 'act-progress');
    const error = form('progress', 'sv.act.progressTitle', [field('sv.act.progressText', text)], [b]);
    b.addEventListener('click', () => { if (required(text, error)) act('progress', { text: text.value.trim() }, error, 'sv.done.progress', [b]); });
  }
  if (allowed.has('extension')) {
    const days = el('input', { type: 'number', min: 1, max: 30, step: 1, value: 15, 'data-testid': 'extension-days', inputmode: 'numeric' });
    const reason = textarea('extension-reason', true);
    const b = button('sv.act.extension', 'act-extension');
    const error = form('extension', 'sv.act.extensionTitle', [field('sv.act.extensionDays', days),
      field('sv.act.extensionReason', reason), el('p', { class: 'muted', 'data-i18n': 'sv.act.extensionHint' }, t('sv.act.extensionHint'))], [b]);
    b.addEventListener('click', () => {
      const n = Number(days.value);
      if (!Number.isInteger(n) || n < 1 || n > 30) {
        days.setAttribute('aria-invalid', 'true');
        say(error, () => t('sv.act.extensionDaysInvalid'));
        days.focus();
        return;
      }
      days.removeAttribute('aria-invalid');
      if (required(reason, error)) act('extension', { days: n, reason: reason.value.trim() }, error, 'sv.done.extension', [b]);
    });
  }
  if (allowed.has('reply')) {
    box.appendChild(replyForm(item, (updated) => onChanged(updated, 'sv.done.reply')));
  }
  if (allowed.has('decideExtension')) {
    const note = textarea('decision-note', false);
    const yes = button('sv.act.approve', 'act-approve');
    const no = button('sv.act.refuse', 'act-refuse', 'danger');
    const error = form('decide', 'sv.act.decideTitle', [field('sv.act.decisionNote', note)], [yes, no]);
    yes.addEventListener('click', () => act('extension/decision', { approve: true, note: note.value.trim() || null }, error, 'sv.done.decided', [yes, no]));
    no.addEventListener('click', () => act('extension/decision', { approve: false, note: note.value.trim() || null }, error, 'sv.done.decided', [yes, no]));
  }
  if (allowed.has('accept')) {
    const note = textarea('accept-note', false);
    const b = button('sv.act.accept', 'act-accept');
    const error = form('accept', 'sv.act.acceptTitle', [field('sv.act.note', note)], [b]);
    b.addEventListener('click', () => act('accept', { note: note.value.trim() || null }, error, 'sv.done.accept', [b]));
  }
  if (allowed.has('return')) {
    const reason = textarea('return-reason', true);
    const b = button('sv.act.return', 'act-return', 'danger');
    const error = form('return', 'sv.act.returnTitle', [field('sv.act.returnReason', reason)], [b]);
    b.addEventListener('click', () => { if (required(reason, error)) act('return', { reason: reason.value.trim() }, error, 'sv.done.return', [b]); });
  }
  if (allowed.has('remind')) {
    const note = textarea('remind-note', false);
    const b = button('sv.act.remind', 'act-remind');
    const error = form('remind', 'sv.act.remindTitle', [field('sv.act.note', note)], [b]);
    b.addEventListener('click', () => act('remind', { note: note.value.trim() || null }, error, 'sv.done.remind', [b]));
  }
  if (!box.children.length) box.appendChild(el('p', { class: 'muted', 'data-i18n': 'sv.act.none' }, t('sv.act.none')));
  return box;
}
