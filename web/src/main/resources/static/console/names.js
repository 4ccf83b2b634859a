/*
 * Data in the console's text: names, case numbers and subjects are shown as they are, in whatever language they were
 * written, inside translate="no" (so a translator, a screen reader's language switch and the page checks leave them
 * alone); a message with {placeholders} is built around such nodes.
 */
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';

/** A span holding data (a name, a case number, a subject): never translated. */
export function data(text, attrs) {
  return el('span', Object.assign({ translate: 'no' }, attrs || {}), text == null ? '' : String(text));
}

/**
 * The message {@code key} with its {placeholders} filled from {@code values}: a string value is data (wrapped by
 * data()), a Node is put in as it is, anything else (a number) as text. Returns the nodes, for el() or append().
 */
export function message(key, values) {
  const template = t(key);
  const out = [];
  let last = 0;
  template.replace(/\{(\w+)\}/g, (m, name, at) => {
    if (at > last) out.push(template.substring(last, at));
    const v = values ? values[name] : undefined;
    if (v instanceof Node) out.push(v);
    else if (typeof v === 'string') out.push(data(v));
    else if (v !== undefined && v !== null) out.push(String(v));
    last = at + m.length;
    return m;
  });
  if (last < template.length) out.push(template.substring(last));
  return out;
}

/** The list separator of the current language around nodes: 、 in Chinese, ", " in English. */
export function joined(nodes) {
  const out = [];
  nodes.forEach((n, i) => { if (i) out.push(t('console.listSep')); out.push(n); });
  return out;
}
