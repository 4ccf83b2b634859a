/*
 * A recording's legal hold (法律保留): whether it is held, why, by whom and since when; administrators and reviewers
 * put it on hold (with a reason) or release it.
 */
import { api } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';
import { data, sentence } from '/js/sentence.js';
import { API, dateTime, userName } from '/review/recording-texts.js';

const $ = byId;

/**
 * {@code detail}: holdChanged(id) of the recording detail, after S.detail.recording was updated (accesses, the
 * detail and the list are shown again). Returns {render(r)}.
 */
export function legalHold(S, detail) {
  function render(r) {
    const box = $('hold-box');
    box.replaceChildren();
    box.appendChild(el('h3', null, t('review.hold.title')));
    if (r.legalHold) {
      box.appendChild(el('p', { class: 'held', 'data-testid': 'hold-state' }, sentence('review.hold.held', {
        reason: data(r.legalHoldReason || ''), by: userName(S, r.legalHoldBy), at: dateTime(r.legalHoldAt, S.zone) })));
    } else {
      box.appendChild(el('p', { class: 'muted', 'data-testid': 'hold-state' }, t('review.hold.none')));
    }
    if (!S.manager || r.status === 'DELETED') return;
    if (r.legalHold) {
      box.appendChild(el('button', { type: 'button', class: 'danger', 'data-testid': 'hold-release',
        onclick: () => setHold(r.id, false) }, t('review.hold.release')));
    } else {
      box.appendChild(el('label', { for: 'hold-reason' }, t('review.hold.reason')));
      box.appendChild(el('input', { type: 'text', id: 'hold-reason', 'data-testid': 'hold-reason', maxlength: 500 }));
      box.appendChild(el('button', { type: 'button', class: 'primary', 'data-testid': 'hold-set',
        onclick: () => setHold(r.id, true) }, t('review.hold.set')));
    }
  }

  async function setHold(id, on) {
    say($('detail-error'), null);
    try {
      let now;
      if (on) {
        const reason = ($('hold-reason').value || '').trim();
        if (!reason) { say($('detail-error'), () => t('review.hold.needReason')); return; }
        now = await api('PUT', API + '/' + id + '/legal-hold', { reason: reason });
      } else {
        now = await api('DELETE', API + '/' + id + '/legal-hold');
      }
      S.detail.recording = now;
      say($('detail-message'), () => t(on ? 'review.hold.setDone' : 'review.hold.releaseDone'));
      await detail.holdChanged(id);
    } catch (err) {
      sayError($('detail-error'), err);
    }
  }

  return { render: render };
}
