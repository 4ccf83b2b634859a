/*
 * The four scores of a matter (依法依规, 办理及时, 工作态度, 办理结果; 1 to 5 each, as large radio buttons) with an
 * optional comment, sent once after a confirmation; a matter scored already shows what was sent, read-only.
 */
import { post } from '/js/api.js';
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';

export const ASPECTS = ['legality', 'timeliness', 'attitude', 'result'];

/** {@code on.sent(maskedMatter)} after the server took the scores. Returns {render(box, matter)}. */
export function scoreForm(on) {
  const draft = new Map(); // itemId → {legality: n, …, comment}: kept across a language switch
  const sentNow = new Set(); // itemIds scored on this visit: thanked, not just reminded

  function render(box, m) {
    box.replaceChildren();
    if (m.myScores) {
      const note = el('p', { class: 'message ok', id: 'score-sent', 'data-testid': 'score-done' });
      box.appendChild(note);
      const key = sentNow.has(m.itemId) ? 'ev.score.sent' : 'ev.score.done';
      say(note, () => t(key)); // a message box: repainted, not emptied, by the page's repaintMessages()
      const dl = el('dl', { class: 'ev-done', 'data-testid': 'scores-read-only' });
      for (const a of ASPECTS) {
        dl.appendChild(el('dt', null, t('ev.score.' + a)));
        dl.appendChild(el('dd', { 'data-testid': 'score-' + a }, t('ev.score.value', { n: m.myScores[a] })));
      }
      dl.appendChild(el('dt', null, t('ev.score.commentShort')));
      dl.appendChild(el('dd', { 'data-testid': 'score-comment', translate: m.myScores.comment ? 'no' : null },
        m.myScores.comment || t('ev.score.noComment'))); // the evaluator's own words: data
      box.appendChild(dl);
      return;
    }
    const d = draft.get(m.itemId) || {};
    draft.set(m.itemId, d);
    const form = el('form', { 'data-testid': 'score-form', novalidate: true });
    form.appendChild(el('p', { class: 'muted' }, t('ev.score.hint')));
    for (const a of ASPECTS) {
      const choices = el('div', { class: 'choices' });
      for (let v = 1; v <= 5; v++) {
        const input = el('input', { type: 'radio', name: a, value: String(v), 'data-testid': a + '-' + v,
          checked: d[a] === v, onchange: () => { d[a] = v; } });
        choices.appendChild(el('label', null, input, el('span', null, String(v))));
      }
      form.appendChild(el('fieldset', { class: 'ev-score', 'data-testid': 'aspect-' + a },
        el('legend', null, t('ev.score.' + a)), choices));
    }
    const comment = el('textarea', { id: 'score-comment', class: 'ev-comment', maxlength: 2000,
      'data-testid': 'comment', oninput: () => { d.comment = comment.value; } });
    comment.value = d.comment || '';
    form.appendChild(el('label', { for: 'score-comment' }, t('ev.score.comment')));
    form.appendChild(comment);
    const error = el('div', { id: 'score-error', class: 'message err', role: 'alert', 'data-testid': 'score-error' });
    const send = el('button', { type: 'submit', class: 'primary ev-send', 'data-testid': 'score-send' },
      t('ev.score.send'));
    form.appendChild(error);
    form.appendChild(send);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      say(error, null);
      if (ASPECTS.some(a => !d[a])) {
        say(error, () => t('ev.score.missing'));
        return;
      }
      if (!window.confirm(t('ev.score.confirm'))) return;
      send.disabled = true;
      send.textContent = t('ev.score.sending');
      try {
        const sent = await post('/api/v1/evaluation/my/matters/' + m.itemId + '/scores', {
          legality: d.legality, timeliness: d.timeliness, attitude: d.attitude, result: d.result,
          comment: d.comment && d.comment.trim() ? d.comment.trim() : null });
        draft.delete(m.itemId);
        sentNow.add(m.itemId);
        on.sent(sent);
      } catch (err) {
        send.disabled = false;
        send.textContent = t('ev.score.send');
        sayError(error, err);
      }
    });
    box.appendChild(form);
  }

  return { render };
}
