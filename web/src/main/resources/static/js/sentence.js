/*
 * Messages as sentences with data in them: sentence(key, params) gives the message's nodes, each param that is
 * data (a name, a case subject, a file name: given as data(text)) in its own <span translate="no"> so that
 * translators, screen readers and the page audit know it is not text of the page's language; plural('a.b.', n)
 * picks a.b.one or a.b.other by the number (English "1 case", "2 cases"; Chinese has one form, written in both).
 */
import { t } from '/js/i18n.js';

const DATA = Symbol('data');

/** A value that is data, not words of the page's language. */
export function data(text) {
  return { [DATA]: true, text: text === null || text === undefined ? '' : String(text) };
}

/** The nodes of message {@code key} with its {placeholders} filled: strings, nodes or data(…). */
export function sentence(key, params) {
  const text = t(key);
  const nodes = [];
  let last = 0;
  text.replace(/\{(\w+)\}/g, (m, name, offset) => {
    if (offset > last) nodes.push(document.createTextNode(text.substring(last, offset)));
    last = offset + m.length;
    const v = params ? params[name] : undefined;
    if (v === undefined || v === null) return m;
    if (v instanceof Node) {
      nodes.push(v);
    } else if (typeof v === 'object' && v[DATA]) {
      const span = document.createElement('span');
      span.setAttribute('translate', 'no');
      span.className = 'data';
      span.textContent = v.text;
      nodes.push(span);
    } else {
      nodes.push(document.createTextNode(String(v)));
    }
    return m;
  });
  if (last < text.length) nodes.push(document.createTextNode(text.substring(last)));
  return nodes;
}

/** The key for the number: {@code prefix} ("a.b.") + "one" when n is 1, else + "other". */
export function pluralKey(prefix, n) {
  return prefix + (Number(n) === 1 ? 'one' : 'other');
}

/** t() of the plural form for {@code n} of the keys starting {@code prefix} ("a.b."); n is given as {n}. */
export function plural(prefix, n, params) {
  return t(pluralKey(prefix, n), Object.assign({ n: n }, params || {}));
}
