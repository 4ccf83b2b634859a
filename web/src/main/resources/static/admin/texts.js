/* Texts of the reception-hours page that mix a message with data, and refusals in the page's language alone. */
import { errorMessage } from '/js/api.js';
import { has, t } from '/js/i18n.js';

/** A message with data (a person's name, a zone id: not translated) where the marker \u0000 stands. */
export function withName(text, name) {
  const [before, after] = text.split('\u0000');
  const span = document.createElement('span');
  span.setAttribute('translate', 'no');
  span.textContent = name;
  return [before || '', span, after || ''];
}

/**
 * The message of a refused change in the page's language alone: the rule's message where the page knows it (the
 * server's detail is English, for logs, and names days and ids as codes), else the shared errorMessage.
 */
export function problemText(err) {
  if (err && err.rule && has('rule.' + err.rule)) return t('rule.' + err.rule, err.problem);
  return errorMessage(err);
}
