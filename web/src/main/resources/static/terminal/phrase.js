/*
 * The kiosk's texts that carry data or failures. A message with its data marked as data: the {placeholders}
 * filled with spans carrying translate="no" (names, case numbers, rooms, codes are the same in every language), so
 * that a Chinese leader's name on the English page is data, not untranslated text. And a failure's message that
 * follows the language switch, also for a lost network.
 */
import { errorMessage } from '/js/api.js';
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say } from '/js/page.js';

/** t(key, params) as a fragment in which each filled placeholder is a <span translate="no">. */
export function phrase(key, params) {
  const raw = t(key); // the message with its placeholders
  const out = document.createDocumentFragment();
  let last = 0;
  raw.replace(/\{(\w+)\}/g, (m, name, at) => {
    if (at > last) out.appendChild(document.createTextNode(raw.substring(last, at)));
    const v = params ? params[name] : null;
    if (v !== undefined && v !== null && v !== '') out.appendChild(el('span', { translate: 'no' }, String(v)));
    last = at + m.length;
    return m;
  });
  if (last < raw.length) out.appendChild(document.createTextNode(raw.substring(last)));
  return out;
}

/** A name as data: a span with translate="no". */
export function data(text) {
  return el('span', { translate: 'no' }, String(text == null ? '' : text));
}

/**
 * The message of a failure, in the language shown now: a lost network is said again after a language switch
 * (errorMessage gives the text the network error was made with, in the language of that moment).
 */
export function failureText(err) {
  return err && err.network ? t('error.network') : errorMessage(err);
}

/** Shows the failure in the box, re-rendered in the other language after a switch. */
export function sayFailure(box, err) {
  say(box, () => failureText(err));
}
