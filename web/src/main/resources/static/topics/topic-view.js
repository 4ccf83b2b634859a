/* How a topic (专项) reads on the topics page: its REST path, its state badge, an office by name. */
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { officeName } from '/js/page.js';

export const API = '/api/v1/topics';
export const STATES = ['OPEN', 'FOLLOWED', 'CLOSED'];

/** A topic's state badge: 待跟进, 跟进中, 已办结. */
export function stateBadge(topic) {
  return el('span', { class: 'badge tp-state-' + topic.state, 'data-testid': 'tp-state', dataset: { state: topic.state } },
    t('tp.state.' + topic.state));
}

/** A place or lead unit by name in the page's language, as data. */
export function officeNode(office) {
  return office ? el('span', { translate: 'no' }, officeName(office)) : el('span', { class: 'muted' }, '–');
}
