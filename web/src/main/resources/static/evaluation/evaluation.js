/*
 * The evaluator's page (第三方评议): the matters the evaluator was drawn to score, this month's and before, newest
 * first; a matter's masked case text and reply, the recording of its reception to watch (every viewing is audited by
 * the recording API, as on the review page), and the four 1–5 scores with a comment, sent once and then shown
 * read-only. An evaluator's account opens no other page: the server sends it back here with ?closed=<page>.
 */
import { get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { renderNav } from '/js/nav.js';
import { markReady, repaintMessages, say, sayError, startPage } from '/js/page.js';
import { scoreForm } from '/evaluation/score-form.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import evaluationMessages from '/i18n/evaluation.js';

const $ = byId;
const RECORDINGS = '/api/v1/recordings/';

const S = {
  me: null,
  matters: null,   // AssignedMatter[], newest month first
  chosen: null,    // the itemId shown
  matter: null,    // its MaskedMatter
  recordings: []   // the recordings (RecordingView: id, status, composedState…) of the matter shown, or {id, failed}
};

const scores = scoreForm({ sent: (m) => { S.matter = m; markScored(m.itemId); renderAll(); } });

async function start() {
  const page = await startPage({ messages: [commonMessages, errorMessages, evaluationMessages], offices: false,
    onLanguageChange: renderAll });
  if (!page) return;
  S.me = page.me;
  renderNav($('nav'), S.me, 'evaluation');
  if (new URLSearchParams(location.search).has('closed')) say($('closed'), () => t('ev.closed'));
  try {
    S.matters = await get('/api/v1/evaluation/my/matters');
  } catch (err) {
    sayError($('page-error'), err);
    S.matters = [];
  }
  S.matters.sort((a, b) => (b.month || '').localeCompare(a.month || '') || a.itemId - b.itemId);
  renderAll();
  const first = S.matters.find(m => !m.scored) || S.matters[0];
  if (first) await open(first.itemId);
  markReady();
}

function markScored(itemId) {
  const m = (S.matters || []).find(x => x.itemId === itemId);
  if (m) m.scored = true;
}

async function open(itemId) {
  S.chosen = itemId;
  S.matter = null;
  S.recordings = [];
  say($('matter-error'), null);
  renderAll();
  try {
    S.matter = await get('/api/v1/evaluation/my/matters/' + itemId);
    S.recordings = await Promise.all((S.matter.recordingIds || []).map(id =>
      get(RECORDINGS + id).then(d => d.recording).catch(() => ({ id: id, failed: true }))));
  } catch (err) {
    sayError($('matter-error'), err);
  }
  renderAll();
}

function renderAll() {
  if (S.me) renderNav($('nav'), S.me, 'evaluation');
  renderList();
  renderMatter();
  repaintMessages();
}

function renderList() {
  const list = $('matters');
  list.replaceChildren();
  if (S.matters === null) return;
  const todo = S.matters.filter(m => !m.scored).length;
  $('list-status').removeAttribute('data-i18n');
  $('list-status').textContent = S.matters.length ? t('ev.list.count', { n: S.matters.length, todo: todo })
    : t('ev.list.none');
  for (const m of S.matters) {
    list.appendChild(el('li', null, el('button', { type: 'button', 'data-testid': 'matter-' + m.itemId,
      'aria-current': m.itemId === S.chosen ? 'true' : null, onclick: () => open(m.itemId) },
    el('strong', { translate: 'no' }, m.itemNumber),
    el('span', null, el('span', { translate: 'no' }, m.category || ''), ' · ', t('ev.list.month', { month: m.month })),
    el('span', { class: 'state ' + (m.scored ? 'done' : 'todo') }, t(m.scored ? 'ev.list.done' : 'ev.list.todo')))));
  }
}

function renderMatter() {
  const m = S.matter;
  $('matter-body').hidden = !m;
  if (!m) {
    $('matter-title').textContent = t('ev.matter.pick');
    return;
  }
  $('matter-title').textContent = t('ev.matter.title', { number: m.itemNumber });
  const facts = $('facts');
  facts.replaceChildren();
  for (const [key, value] of [['ev.matter.case', m.caseNumber], ['ev.matter.subject', m.subject],
    ['ev.matter.category', m.category], ['ev.matter.petitioner', m.petitionerMasked],
    ['ev.matter.id', m.idMasked], ['ev.matter.phone', m.phoneMasked]]) {
    if (!value) continue;
    facts.appendChild(el('dt', null, t(key)));
    facts.appendChild(el('dd', { translate: 'no' }, value)); // the matter's data, as filed
  }
  $('reply').textContent = m.replyText || t('ev.matter.noReply');
  $('reply').setAttribute('translate', m.replyText ? 'no' : 'yes');
  $('report-part').hidden = !m.completionReport;
  $('report').textContent = m.completionReport || '';
  const names = m.attachmentNames || [];
  $('attachments-part').hidden = names.length === 0;
  $('attachments').replaceChildren(...names.map(n => el('li', { translate: 'no' }, n)));
  renderRecordings();
  scores.render($('scores'), m);
}

/** Each recording: the composed file's player (nothing is fetched, nor audited, until play is pressed). */
function renderRecordings() {
  const box = $('recordings');
  const playing = new Map([...box.querySelectorAll('video')].map(v => [v.dataset.recording, v]));
  box.replaceChildren();
  if (!S.recordings.length) {
    box.appendChild(el('p', { class: 'muted', 'data-testid': 'no-recording' }, t('ev.recording.none')));
    return;
  }
  S.recordings.forEach((r, i) => {
    const n = i + 1;
    if (!r.failed && r.composedState === 'DONE' && r.status !== 'DELETED') {
      const video = playing.get(String(r.id)) || el('video', { class: 'ev-video', controls: true, preload: 'none',
        playsinline: true, 'data-recording': String(r.id), 'data-testid': 'recording-' + r.id,
        src: RECORDINGS + r.id + '/composed/media' });
      video.setAttribute('aria-label', t('ev.recording.label', { n: n }));
      box.appendChild(el('p', null, t('ev.recording.label', { n: n })));
      box.appendChild(video);
    } else {
      box.appendChild(el('p', { class: 'muted', 'data-testid': 'recording-' + r.id },
        t('ev.recording.notReady', { n: n })));
    }
  });
  box.appendChild(el('p', { class: 'muted small' }, t('ev.recording.audit')));
}

start();
