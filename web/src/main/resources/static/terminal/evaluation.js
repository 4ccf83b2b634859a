/*
 * After the reception: the petitioner's evaluation, sent once — five answers in words, best first (非常满意 … 非常不满意,
 * stored as the score 5 … 1 the server keeps), as large buttons, and a comment; 完成 starts over for the next
 * petitioner.
 */
import { post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say } from '/js/page.js';
import { sayFailure } from '/terminal/phrase.js';

const $ = byId;

/**
 * Builds the score buttons and wires submit and finish. {@code kiosk}: startOver() of the kiosk.
 * Returns {open(), render()}.
 */
export function evaluation(S, kiosk) {
  let score = 0;
  let evaluated = false;

  $('eval-submit').addEventListener('click', evaluate);
  $('eval-finish').addEventListener('click', () => kiosk.startOver());
  buildScores();

  function buildScores() {
    const box = $('scores');
    for (let i = 5; i >= 1; i--) {
      box.appendChild(el('button', { type: 'button', class: 'score', role: 'radio', 'aria-checked': 'false',
        'data-testid': 'score', dataset: { score: i }, onclick: () => { if (!evaluated) { score = i; render(); } } }));
    }
  }

  function render() {
    document.querySelectorAll('#scores .score').forEach(b => {
      const n = Number(b.dataset.score);
      b.setAttribute('aria-checked', String(n === score));
      b.tabIndex = n === score || (!score && n === 5) ? 0 : -1;
      b.textContent = t('kiosk.eval.level' + n);
    });
    $('eval-submit').disabled = !score || evaluated;
    $('eval-submit').hidden = evaluated;
    $('eval-comment').readOnly = evaluated;
  }

  /** A fresh evaluation form (not rendered yet). */
  function open() {
    score = 0;
    evaluated = false;
    $('eval-comment').value = '';
    say($('eval-error'), null);
    say($('eval-done'), null);
    $('eval-finish').hidden = true;
    $('eval-submit').hidden = false;
  }

  async function evaluate() {
    if (!score) return;
    $('eval-submit').disabled = true;
    say($('eval-error'), null);
    const comment = $('eval-comment').value.trim();
    try {
      S.booking = await post('/api/v1/bookings/' + S.booking.id + '/evaluation',
        { score: score, comment: comment || null });
      evaluated = true;
      say($('eval-done'), () => t('kiosk.eval.thanks'));
      $('eval-finish').hidden = false;
    } catch (err) {
      sayFailure($('eval-error'), err);
    }
    render();
  }

  return { open: open, render: render };
}
