/*
 * At a later visit, after the identity check: the petitioner's evaluation of how the matter was handled, when one
 * is due (GET /api/cases/{id}/evaluation: a reply given, not yet evaluated). The reply in brief, then three big
 * buttons 满意 / 基本满意 / 不满意, sent with the ID number just checked (the server checks it again and never keeps
 * it; the page holds it only while this step shows). 不满意 says until when the petitioner may ask for 复查 and that
 * the staff can open it. Then on to the camera check, as on any visit.
 */
import { get, post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t, tNode } from '/js/i18n.js';
import { officeName, say } from '/js/page.js';
import { formatLongDay as longDay } from '/js/dates.js';
import { casePath } from '/supervision/paths.js';
import { sayFailure } from '/terminal/phrase.js';

const $ = byId;
const RESULTS = ['SATISFIED', 'BASICALLY_SATISFIED', 'UNSATISFIED'];

/** {@code kiosk}: go(step). Returns {offer(idNumber) → Promise<boolean> (shown or not), clear(), render()}. */
export function resultEvaluation(S, kiosk) {
  let due = null;       // {due, replies}
  let idNumber = null;  // held only while this step shows
  let sent = null;      // the Evaluation once sent

  $('result-next').addEventListener('click', () => { clear(); kiosk.go('devices'); });
  buildButtons();

  function buildButtons() {
    $('result-choices').replaceChildren(...RESULTS.map(r => el('button', { type: 'button', class: 'result-choice big',
      'data-testid': 'result-' + r, dataset: { result: r }, onclick: () => send(r) })));
  }

  /** Asks whether an evaluation is due for the booking's case; shows the step if so. */
  async function offer(number) {
    due = null;
    sent = null;
    try {
      due = await get(casePath(S.booking.caseId) + '/evaluation');
    } catch (err) {
      due = null; // none to give (or not for this kiosk): the visit goes on as usual
    }
    if (!due || !due.due || !(due.replies || []).length) { due = null; return false; }
    idNumber = number;
    say($('result-error'), null);
    render();
    return true;
  }

  async function send(result) {
    if (!idNumber || sent) return;
    say($('result-error'), null);
    document.querySelectorAll('#result-choices button').forEach(b => { b.disabled = true; });
    try {
      sent = await post(casePath(S.booking.caseId) + '/evaluations', { result: result, channel: 'KIOSK', idNumber: idNumber });
      idNumber = null;
    } catch (err) {
      sayFailure($('result-error'), err);
    }
    render();
  }

  function clear() {
    idNumber = null;
    due = null;
    sent = null;
  }

  function render() {
    const replies = due ? due.replies || [] : [];
    $('result-replies').replaceChildren(...replies.map(r => el('li', { 'data-testid': 'result-reply' },
      el('div', { class: 'strong' }, tNode('handling.result.replyFrom', { unit: officeName(r.unit) }, ['unit'])),
      el('p', { class: 'result-text', translate: 'no' }, brief(r.text)))));
    document.querySelectorAll('#result-choices button').forEach(b => {
      b.textContent = t('handling.result.' + b.dataset.result);
      b.disabled = !!sent || !idNumber;
      b.setAttribute('aria-pressed', String(!!sent && sent.result === b.dataset.result));
    });
    const done = $('result-done');
    done.replaceChildren();
    if (sent) {
      done.appendChild(el('p', null, t('handling.result.thanks')));
      if (sent.result === 'UNSATISFIED' && sent.reviewOffer) {
        done.appendChild(el('p', { class: 'strong', 'data-testid': 'review-offer' },
          t('handling.result.reviewOffer', { date: longDay(sent.reviewOffer.until),
            level: t('handling.level.' + sent.reviewOffer.level) })));
      }
    }
    $('result-next').textContent = t(sent ? 'kiosk.next' : 'handling.result.skip');
  }

  return { offer: offer, clear: clear, render: render };
}

/** The reply in brief: its first 200 characters. */
function brief(text) {
  const s = String(text || '');
  return s.length > 200 ? s.substring(0, 200) + '…' : s;
}
