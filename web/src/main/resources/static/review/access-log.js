/*
 * Who accessed a recording (the audit), for administrators and reviewers, on request: one sentence per entry —
 * who (by name), what, when, from where — newest first. A player's range requests are one viewing (one entry).
 */
import { get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { has, t } from '/js/i18n.js';
import { sayError } from '/js/page.js';
import { data, sentence } from '/js/sentence.js';
import { API, dateTime, trackName } from '/review/recording-texts.js';

const $ = byId;

/** Returns {render(), reset(), reloadIfShown(id)}. */
export function accessLog(S) {
  let accesses = null; // loaded on request

  /** The key and parameters of one entry's sentence. */
  function sentenceOf(a) {
    const p = { who: data(a.name || a.username), action: data(a.action) };
    const k = 'review.access.' + a.action;
    if (a.action === 'PLAY_SEGMENT' || a.action === 'DOWNLOAD_SEGMENT') {
      const m = /^segment:(\d+)/.exec(a.item || '');
      const s = m && S.detail ? S.detail.segments.find(x => x.chainIndex === Number(m[1])) : null;
      if (s) return [k + '.part', Object.assign(p, { track: trackName(S, s.trackId), n: s.trackIndex + 1 })];
      return [k, p];
    }
    if (a.action === 'VERIFY' && a.item) return [a.item === 'ok' ? k + '.ok' : k + '.bad', p];
    return [has(k) ? k : 'review.access.other', p];
  }

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
    box.appendChild(el('p', { class: 'muted small' }, t('review.accesses.intro')));
    if (!accesses.length) {
      box.appendChild(el('p', { class: 'muted', 'data-testid': 'accesses-empty' }, t('review.accesses.empty')));
      return;
    }
    const items = accesses.slice().reverse().map(a => {
      const [key, params] = sentenceOf(a);
      return el('li', { 'data-testid': 'access-row', dataset: { action: a.action } },
        el('time', { datetime: a.at, class: 'at' }, dateTime(a.at, S.zone)),
        el('span', null, sentence(key, params)),
        a.remoteAddr ? el('span', { class: 'muted small' }, sentence('review.accesses.from',
          { addr: data(a.remoteAddr) })) : null);
    });
    box.appendChild(el('ol', { class: 'accesses', 'data-testid': 'accesses' }, items));
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
