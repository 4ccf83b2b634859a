/*
 * The third-party evaluation's draws (评议抽取) for administrators and reviewers of an office: a month's draws of the
 * offices they see, each with its seed, its inputs and their hash, who drew it and when, a "verify" button that has
 * the server re-run the draw from the stored seed and inputs and says same or different, and the office's results.
 * Administrators also keep the evaluator pool here and make each evaluator's login (pool.js).
 */
import { get, post } from '/js/api.js';
import { formatDateTime } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t, tNode } from '/js/i18n.js';
import { renderNav } from '/js/nav.js';
import { markReady, repaintMessages, say, sayError, startPage } from '/js/page.js';
import { evaluatorPool } from '/evaluation/draws/pool.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import evaluationMessages from '/i18n/evaluation.js';

const $ = byId;
const API = '/api/v1/evaluation';

const S = {
  page: null,
  month: null,
  draws: null,              // StoredDraw[] of the month
  results: new Map(),       // drawId → OfficeResult
  verdicts: new Map(),      // drawId → Verification, or {busy: true}, or {error}
  failed: null              // the month's loading failure
};

let pool = null;

async function start() {
  const page = await startPage({ messages: [commonMessages, errorMessages, evaluationMessages],
    onLanguageChange: renderAll });
  if (!page) return;
  S.page = page;
  renderNav($('nav'), page.me, 'draws');
  const now = new Date();
  const last = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  $('month').value = last.getFullYear() + '-' + String(last.getMonth() + 1).padStart(2, '0');
  $('month-form').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  if (page.me.role === 'ADMIN') {
    pool = evaluatorPool(page);
    await pool.load();
  }
  await load();
  markReady();
}

async function load() {
  S.month = $('month').value;
  S.draws = null;
  S.failed = null;
  S.results.clear();
  S.verdicts.clear();
  renderAll();
  try {
    S.draws = await get(API + '/draws?month=' + encodeURIComponent(S.month));
    await Promise.all(S.draws.map(async d => {
      S.results.set(d.id, await get(API + '/offices/' + d.inputs.officeId + '/results?month=' + S.month));
    }));
  } catch (err) {
    S.failed = err;
  }
  renderAll();
}

async function verify(d) {
  S.verdicts.set(d.id, { busy: true });
  renderAll();
  try {
    S.verdicts.set(d.id, await post(API + '/draws/' + d.id + '/verify'));
  } catch (err) {
    S.verdicts.set(d.id, { error: err });
  }
  renderAll();
}

function renderAll() {
  if (!S.page) return;
  renderNav($('nav'), S.page.me, 'draws');
  renderDraws();
  if (pool) pool.render();
  repaintMessages();
}

function renderDraws() {
  const list = $('draws');
  list.replaceChildren();
  if (S.failed) {
    say($('draws-status'), null);
    sayError($('page-error'), S.failed);
    return;
  }
  $('draws-status').textContent = S.draws === null ? t('draws.loading') : S.draws.length ? '' : t('draws.none');
  for (const d of S.draws || []) list.appendChild(drawItem(d));
}

function drawItem(d) {
  const r = S.results.get(d.id);
  const v = S.verdicts.get(d.id);
  const zone = S.page.zone;
  const item = el('li', { 'data-testid': 'draw-' + d.id },
    el('h3', { 'data-testid': 'draw-office' }, S.page.officeName(d.inputs.officeId)),
    el('p', { 'data-testid': 'draw-sample' }, tNode('draws.sample', {
      ids: d.result.panels.map(p => String(p.matterId)).join(', ') }, ['ids'])),
    el('p', null, tNode('draws.seed', { seed: d.seedHex }, ['seed'])),
    el('p', null, tNode('draws.algorithm', { algorithm: d.algorithm }, ['algorithm'])),
    el('p', { class: 'muted' }, tNode('draws.inputs', { matters: d.inputs.matterIds.length,
      evaluators: d.inputs.evaluatorIds.length, hash: d.inputsHash }, ['hash'])),
    el('p', { class: 'muted' }, tNode('draws.drawnBy', { by: d.drawnBy, at: formatDateTime(d.drawnAt, zone) },
      ['by'])),
    el('p', { 'data-testid': 'draw-result' }, !r || !r.n ? t('draws.resultNone')
      : t('draws.result', { n: r.n, legality: fixed(r.legality), timeliness: fixed(r.timeliness),
        attitude: fixed(r.attitude), result: fixed(r.result) })));
  const button = el('button', { type: 'button', 'data-testid': 'verify-' + d.id, disabled: v && v.busy,
    onclick: () => verify(d) }, t(v && v.busy ? 'draws.verifying' : 'draws.verify'));
  item.appendChild(button);
  if (v && v.error) {
    const box = el('div', { class: 'message err', role: 'alert', id: 'verify-error-' + d.id });
    item.appendChild(box);
    sayError(box, v.error);
  } else if (v && !v.busy) {
    const same = v.inputsIntact && v.sameResult;
    item.appendChild(el('p', { class: 'verdict ' + (same ? 'same' : 'different'), role: 'status',
      'data-testid': 'verdict-' + d.id }, t(same ? 'draws.same' : 'draws.different')));
    if (same && !v.inputsCurrent) item.appendChild(el('p', { class: 'muted' }, t('draws.inputsChanged')));
  }
  return item;
}

function fixed(x) {
  return x === null || x === undefined ? '–' : Number(x).toFixed(2);
}

start();
