/*
 * What staff do on the case page: record the petitioner's evaluation of the handling result given by phone (when a
 * reply awaits one: 满意 / 基本满意 / 不满意 and a note; the server records who did it), and open the 复查 / 复核 the
 * petitioner asks for while the trail offers it (until its date, at its level). A refusal shows the rule's message
 * and keeps the form.
 */
import { post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t, tNode } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';
import { casePath, longDay } from '/supervision/items.js';

const $ = byId;
const RESULTS = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'];

/** {@code changed()} reloads the trail. Returns {render()}. */
export function caseActions(S, { changed }) {
  let chosen = null;

  $('phone-form').addEventListener('submit', (e) => { e.preventDefault(); recordPhone(); });
  $('review-form').addEventListener('submit', (e) => { e.preventDefault(); openReview(); });

  async function recordPhone() {
    say($('phone-error'), null);
    say($('phone-info'), null);
    if (!chosen) { say($('phone-error'), () => t('sv.eval.choose')); return; }
    $('phone-record').disabled = true;
    try {
      await post(casePath(S.caseId) + '/evaluations', { result: chosen, channel: 'PHONE', note: $('phone-note').value.trim() || null });
      chosen = null;
      $('phone-note').value = '';
      say($('phone-info'), () => t('sv.eval.recorded'));
      changed();
    } catch (err) {
      sayError($('phone-error'), err);
    } finally {
      $('phone-record').disabled = false;
    }
  }

  async function openReview() {
    const offer = S.trail && S.trail.reviewOffer;
    if (!offer) return;
    say($('review-error'), null);
    say($('review-info'), null);
    const reason = $('review-reason').value.trim();
    if (!reason) {
      $('review-reason').setAttribute('aria-invalid', 'true');
      say($('review-error'), () => t('sv.review.reasonRequired'));
      $('review-reason').focus();
      return;
    }
    $('review-reason').removeAttribute('aria-invalid');
    $('review-open').disabled = true;
    try {
      const item = await post(casePath(S.caseId) + '/reviews', { reason: reason, level: offer.level });
      $('review-reason').value = '';
      say($('review-info'), () => tNode('sv.review.opened', { number: item.number }, ['number']));
      changed();
    } catch (err) {
      sayError($('review-error'), err);
    } finally {
      $('review-open').disabled = false;
    }
  }

  function render() {
    const due = !!(S.trail && S.evaluation && S.evaluation.due);
    $('phone-form').hidden = !due;
    $('phone-results').replaceChildren(...RESULTS.map(r => el('label', { class: 'inline' },
      el('input', { type: 'radio', name: 'phone-result', value: r, checked: chosen === r, 'data-testid': 'phone-result',
        onchange: () => { chosen = r; } }), ' ', t('sv.eval.' + r))));
    const offer = S.trail && S.trail.reviewOffer;
    $('review-panel').hidden = !offer;
    if (offer) {
      const level = t('sv.review.level.' + offer.level);
      $('review-offer').textContent = t('sv.review.offer', { date: longDay(offer.until), level: level });
      $('review-open').textContent = t('sv.review.open', { level: level });
    }
  }

  return { render: render };
}
