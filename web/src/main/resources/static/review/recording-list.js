/* The recordings of the chosen case: kind, status, start, length, segments, composed file, hold, retention. */
import { get } from '/js/api.js';
import { formatDateTime } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';
import { data, sentence } from '/js/sentence.js';
import { API, composedText, dateTime, duration } from '/review/recording-texts.js';

const $ = byId;

/**
 * Wires the refresh button; {@code open(id)} opens a recording. The list is S.recordings, the open one S.detail.
 * Returns {load(), render()}.
 */
export function recordingList(S, { open }) {
  $('list-refresh').addEventListener('click', () => load());

  /** Loads the case's recordings; resolves to them. */
  async function load() {
    if (!S.caseItem) return;
    say($('list-error'), null);
    try {
      S.recordings = await get(API + '?caseId=' + S.caseItem.id);
    } catch (err) {
      S.recordings = [];
      sayError($('list-error'), err);
    }
    render();
    return S.recordings;
  }

  function render() {
    const panel = $('list-panel');
    panel.hidden = !S.caseItem;
    if (!S.caseItem) return;
    $('list-title').replaceChildren(...sentence('review.list.title', { number: data(S.caseItem.caseNumber) }));
    const body = $('recording-rows');
    body.replaceChildren();
    const list = S.recordings || [];
    $('list-empty').hidden = !(S.recordings && list.length === 0);
    for (const r of list) {
      const isOpen = S.detail && S.detail.recording.id === r.id;
      body.appendChild(el('tr', { 'data-testid': 'recording-row', dataset: { id: r.id }, class: isOpen ? 'open' : null },
        el('td', null, '#' + r.id),
        el('td', null, t('review.kind.' + r.kind)),
        el('td', { 'data-testid': 'recording-status' }, t('review.status.' + r.status)),
        el('td', null, dateTime(r.startedAt || r.createdAt, S.zone)),
        el('td', null, duration(r.durationMs)),
        el('td', null, String(r.segmentCount)),
        el('td', { 'data-testid': 'recording-composed' }, composedText(r)),
        el('td', null, r.legalHold ? el('span', { class: 'badge hold' }, t('review.hold.on')) : '–'),
        el('td', null, r.retentionUntil ? formatDateTime(r.retentionUntil, S.zone).substring(0, 10) : '–'),
        el('td', null, el('button', { type: 'button', 'data-testid': 'recording-open', onclick: () => open(r.id),
          'aria-label': t('review.openLabel', { id: r.id }) }, t('review.open')))));
    }
  }

  return { load: load, render: render };
}
