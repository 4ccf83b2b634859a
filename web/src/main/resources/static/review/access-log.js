/* Who accessed a recording (the audit of every served request), for administrators and reviewers, on request. */
import { get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { sayError } from '/js/page.js';
import { API, dateTime } from '/review/recording-texts.js';

const $ = byId;

/** Returns {render(), reset(), reloadIfShown(id)}. */
export function accessLog(S) {
  let accesses = null; // loaded on request

  function render() {
    const box = $('accesses-box');
    box.replaceChildren();
    if (!S.manager) return;
    box.appendChild(el('h3', null, t('review.accesses.title')));
    if (!accesses) {
      box.appendChild(el('button', { type: 'button', 'data-testid': 'accesses-load', onclick: load },
        t('review.accesses.load')));
      return;
    }
    const rows = accesses.slice().reverse().map(a => el('tr', { 'data-testid': 'access-row' },
      el('td', null, dateTime(a.at, S.zone)), el('td', null, a.username), el('td', null, t('review.action.' + a.action)),
      el('td', null, a.item || ''), el('td', null, a.remoteAddr || '')));
    box.appendChild(el('table', { class: 'accesses' }, el('thead', null, el('tr', null,
      el('th', null, t('review.accesses.at')), el('th', null, t('review.accesses.user')),
      el('th', null, t('review.accesses.action')), el('th', null, t('review.accesses.item')),
      el('th', null, t('review.accesses.addr')))), el('tbody', null, rows)));
  }

  async function load() {
    try {
      accesses = await get(API + '/' + S.detail.recording.id + '/accesses');
      render();
    } catch (err) {
      sayError($('detail-error'), err);
    }
  }

  /** Another recording, or none: the log is loaded again on request. */
  function reset() {
    accesses = null;
  }

  /** Loads the log of this recording again if it is shown (not rendered: the caller renders the detail). */
  async function reloadIfShown(id) {
    if (accesses) accesses = await get(API + '/' + id + '/accesses');
  }

  return { render: render, reset: reset, reloadIfShown: reloadIfShown };
}
