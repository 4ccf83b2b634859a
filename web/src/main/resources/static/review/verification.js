/*
 * How to verify a recording: the command line (./lianxin verify-recording ID), the manifest's SHA-256 and link;
 * managers run the verification on the server and see its outcome, problem by problem.
 */
import { post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { sayError } from '/js/page.js';
import { plural } from '/js/sentence.js';
import { API } from '/review/recording-texts.js';

const $ = byId;

/** Returns {render(r)}. */
export function verification(S) {
  let outcome = null; // the last verification run here: {recordingId, ok, segments, problems}

  function render(r) {
    const box = $('verify');
    box.replaceChildren();
    if (!r.endedAt) {
      box.appendChild(el('span', null, t('review.verify.notEnded')));
      return;
    }
    box.appendChild(el('span', null, t('review.verify.hint') + ' '));
    box.appendChild(el('code', null, './lianxin verify-recording ' + r.id));
    if (r.manifestSha256) {
      box.appendChild(el('div', null, t('review.verify.sha') + ' ', el('code', { 'data-testid': 'manifest-sha' }, r.manifestSha256)));
      box.appendChild(el('a', { href: API + '/' + r.id + '/manifest', target: '_blank', rel: 'noopener',
        'data-testid': 'manifest-link' }, t('review.verify.manifest')));
    }
    if (S.manager && r.status !== 'DELETED') {
      box.appendChild(el('div', null, el('button', { type: 'button', 'data-testid': 'verify-run',
        onclick: () => run(r.id) }, t('review.verify.run'))));
      const out = el('div', { 'data-testid': 'verify-result', role: 'status' });
      box.appendChild(out);
      if (outcome && outcome.recordingId === r.id) {
        const v = outcome;
        if (v.ok) {
          out.appendChild(el('span', { class: 'ok' }, plural('review.verify.ok.', v.segments)));
        } else {
          out.appendChild(el('span', { class: 'bad' }, plural('review.verify.bad.', v.problems.length)));
          const list = el('ul');
          // the verifier's findings, as it writes them (the same as ./lianxin verify-recording prints)
          v.problems.forEach((p) => list.appendChild(el('li', null, el('code', null,
            p.kind + (p.segmentIndex >= 0 ? ' #' + p.segmentIndex : '') + ' ' + p.key + ': ' + p.detail))));
          out.appendChild(list);
        }
      }
    }
  }

  async function run(id) {
    const out = document.querySelector('[data-testid="verify-result"]');
    if (out) out.textContent = t('review.verify.running');
    try {
      outcome = await post(API + '/' + id + '/verification');
      render(S.detail.recording);
    } catch (err) {
      sayError($('detail-error'), err);
    }
  }

  return { render: render };
}
