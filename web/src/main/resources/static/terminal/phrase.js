/*
 * A message of the kiosk with its data marked as data: the {placeholders} filled with spans carrying
 * translate="no" (names, case numbers, rooms, codes are the same in every language), so that a Chinese leader's
 * name on the English page is data, not untranslated text.
 */
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';

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
