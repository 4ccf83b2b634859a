/*
 * Recording review (录像审查): find a case the user may see, list its recordings, open one: the composed MP4
 * (played through the range endpoint) or its progress, the per-track Matroska segments, the timeline with gaps in
 * red, legal hold for administrators and reviewers, how to verify it, and who accessed it.
 * Everything shown is rebuilt from `S` so the language switch re-renders it; the playing videos are kept.
 */
import { api, get, post } from '/js/api.js';
import { formatDateTime, formatTime } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { locale, t } from '/js/i18n.js';
import { DEFAULT_ZONE, markReady, officeName, repaintMessages, say, sayError, startPage } from '/js/page.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import reviewMessages from '/i18n/review.js';

const $ = byId;
const API = '/api/v1/recordings';
const POLL_MS = 3000;

const S = {
  me: null,
  offices: new Map(),
  zone: DEFAULT_ZONE,
  cases: null,          // search results
  caseItem: null,       // the chosen case
  recordings: null,     // its recordings
  detail: null,         // RecordingDetails of the open one
  composedFor: null,    // id of the recording whose composed video element is in place
  playing: null,        // chain index of the segment in the segment player
  accesses: null,
  pollTimer: null
};

function manager() {
  return S.me && (S.me.role === 'ADMIN' || S.me.role === 'REVIEWER');
}

// ------------------------------------------------------------------ start

async function start() {
  $('case-form').addEventListener('submit', (e) => { e.preventDefault(); searchCases(); });
  $('list-refresh').addEventListener('click', () => loadList());
  $('detail-close').addEventListener('click', closeDetail);
  const page = await startPage({ messages: [commonMessages, errorMessages, reviewMessages], onLanguageChange: renderAll });
  if (!page) return;
  S.me = page.me;
  S.offices = page.offices;
  S.zone = page.zone;
  renderAll();
  markReady();
  const params = new URLSearchParams(window.location.search);
  if (params.get('case')) {
    $('case-q').value = params.get('case');
    searchCases();
  }
}

function renderAll() {
  renderCases();
  renderList();
  renderDetail();
  repaintMessages($('case-status'));
}

// ------------------------------------------------------------------ cases

async function searchCases() {
  const q = $('case-q').value.trim();
  say($('case-status'), () => t('review.search.busy'));
  try {
    const found = await get('/api/v1/cases?q=' + encodeURIComponent(q) + '&limit=20');
    const list = Array.isArray(found) ? found.slice() : [];
    if (/^\d+$/.test(q) && !list.some(c => String(c.id) === q)) {
      try { list.unshift(await get('/api/v1/cases/' + q)); } catch (e) { /* no such case for this user */ }
    }
    S.cases = list;
    say($('case-status'), () => S.cases.length ? t('review.search.found', { n: S.cases.length })
      : t('review.search.none'));
  } catch (err) {
    S.cases = [];
    sayError($('case-status'), err);
  }
  renderCases();
}

function renderCases() {
  const ul = $('case-results');
  ul.replaceChildren();
  for (const c of S.cases || []) {
    const selected = S.caseItem && S.caseItem.id === c.id;
    ul.appendChild(el('li', null, el('button', {
      type: 'button', class: selected ? 'selected' : null, 'data-testid': 'case-result',
      dataset: { caseId: c.id, caseNumber: c.caseNumber }, onclick: () => pickCase(c)
    }, c.caseNumber + ' · ' + (c.subject || '') + (c.category ? '（' + c.category + '）' : ''))));
  }
}

function pickCase(c) {
  S.caseItem = c;
  closeDetail();
  renderCases();
  loadList();
}

// ------------------------------------------------------------------ recordings of the case

async function loadList() {
  if (!S.caseItem) return;
  say($('list-error'), null);
  try {
    S.recordings = await get(API + '?caseId=' + S.caseItem.id);
  } catch (err) {
    S.recordings = [];
    sayError($('list-error'), err);
  }
  renderList();
  return S.recordings;
}

function duration(ms) {
  if (ms === null || ms === undefined) return '–';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const two = n => String(n).padStart(2, '0');
  return (h ? h + ':' + two(m) : String(m)) + ':' + two(sec);
}

function dateTime(instant) {
  return instant ? formatDateTime(instant, S.zone) : '–';
}

function composedText(r) {
  if (r.composedState === 'RUNNING' || r.composedState === 'QUEUED') {
    return t('review.composed.' + r.composedState, { p: r.composedProgress });
  }
  return t('review.composed.' + r.composedState);
}

function renderList() {
  const panel = $('list-panel');
  panel.hidden = !S.caseItem;
  if (!S.caseItem) return;
  $('list-title').textContent = t('review.list.title', { number: S.caseItem.caseNumber });
  const body = $('recording-rows');
  body.replaceChildren();
  const list = S.recordings || [];
  $('list-empty').hidden = !(S.recordings && list.length === 0);
  for (const r of list) {
    const open = S.detail && S.detail.recording.id === r.id;
    body.appendChild(el('tr', { 'data-testid': 'recording-row', dataset: { id: r.id }, class: open ? 'open' : null },
      el('td', null, '#' + r.id),
      el('td', null, t('review.kind.' + r.kind)),
      el('td', { 'data-testid': 'recording-status' }, t('review.status.' + r.status)),
      el('td', null, dateTime(r.startedAt || r.createdAt)),
      el('td', null, duration(r.durationMs)),
      el('td', null, String(r.segmentCount)),
      el('td', { 'data-testid': 'recording-composed' }, composedText(r)),
      el('td', null, r.legalHold ? el('span', { class: 'badge hold' }, t('review.hold.on')) : '–'),
      el('td', null, r.retentionUntil ? formatDateTime(r.retentionUntil, S.zone).substring(0, 10) : '–'),
      el('td', null, el('button', { type: 'button', 'data-testid': 'recording-open', onclick: () => openRecording(r.id) },
        t('review.open')))));
  }
}

// ------------------------------------------------------------------ one recording

async function openRecording(id) {
  stopPolling();
  say($('detail-error'), null);
  say($('detail-message'), null);
  if (!S.detail || S.detail.recording.id !== id) {
    S.composedFor = null;
    S.playing = null;
    S.accesses = null;
    const v = $('segment-video');
    v.pause(); v.removeAttribute('src'); v.load(); v.hidden = true;
  }
  try {
    S.detail = await get(API + '/' + id);
  } catch (err) {
    sayError($('detail-error'), err);
    return;
  }
  renderList();
  renderDetail();
  $('detail').scrollIntoView({ block: 'start' });
  startPollingIfComposing();
}

function closeDetail() {
  stopPolling();
  S.detail = null;
  S.composedFor = null;
  S.accesses = null;
  const v = $('segment-video');
  v.pause(); v.removeAttribute('src'); v.load(); v.hidden = true;
  $('composed').replaceChildren();
  renderDetail();
  renderList();
}

function stopPolling() {
  if (S.pollTimer) { clearTimeout(S.pollTimer); S.pollTimer = null; }
}

/** While the composed file is made, poll the (unaudited) list and update progress; reopen when done. */
function startPollingIfComposing() {
  stopPolling();
  const r = S.detail && S.detail.recording;
  if (!r || (r.composedState !== 'QUEUED' && r.composedState !== 'RUNNING')) return;
  S.pollTimer = setTimeout(async () => {
    S.pollTimer = null;
    const list = await loadList();
    if (!S.detail || S.detail.recording.id !== r.id) return;
    const now = (list || []).find(x => x.id === r.id);
    if (!now) return;
    S.detail.recording = now;
    if (now.composedState === 'DONE') {
      openRecording(r.id);
      return;
    }
    renderDetail();
    startPollingIfComposing();
  }, POLL_MS);
}

function renderDetail() {
  const box = $('detail');
  box.hidden = !S.detail;
  if (!S.detail) return;
  const r = S.detail.recording;
  $('detail-title').textContent = t('review.detail.title', { id: r.id, kind: t('review.kind.' + r.kind) });
  renderFacts(r);
  renderComposed(r);
  renderTracks();
  renderTimeline();
  renderHold(r);
  renderVerify(r);
  renderAccesses();
}

function renderFacts(r) {
  const dl = $('facts');
  dl.replaceChildren();
  const add = (key, value, testid) => {
    dl.appendChild(el('dt', null, t(key)));
    dl.appendChild(el('dd', { 'data-testid': testid || null }, value));
  };
  add('review.col.status', t('review.status.' + r.status), 'fact-status');
  if (r.bookingId) add('review.fact.booking', '#' + r.bookingId);
  if (r.consultationId) add('review.fact.consultation', '#' + r.consultationId);
  const office = S.offices.get(r.officeId);
  add('review.fact.office', office ? officeName(office) : '#' + r.officeId);
  add('review.fact.started', dateTime(r.startedAt));
  add('review.fact.ended', dateTime(r.endedAt));
  add('review.col.duration', duration(r.durationMs));
  add('review.col.segments', String(r.segmentCount) + (r.series > 0 ? ' · ' + t('review.fact.series', { n: r.series + 1 }) : ''));
  add('review.col.retention', r.retentionUntil ? dateTime(r.retentionUntil)
    + (r.retentionReached ? ' · ' + t('review.fact.retentionReached') : '') : '–');
  if (r.status === 'DELETED') add('review.fact.deleted', dateTime(r.deletedAt) + ' · ' + (r.deletedBy || ''));
}

function renderComposed(r) {
  const box = $('composed');
  const ready = r.composedState === 'DONE' && r.status !== 'DELETED';
  if (ready && S.composedFor === r.id && $('composed-video')) return; // keep the playing video
  box.replaceChildren();
  S.composedFor = null;
  if (ready) {
    box.appendChild(el('video', { id: 'composed-video', 'data-testid': 'composed-video', controls: true,
      preload: 'metadata', playsinline: true, src: API + '/' + r.id + '/composed/media' }));
    S.composedFor = r.id;
    return;
  }
  if (r.composedState === 'QUEUED' || r.composedState === 'RUNNING') {
    box.appendChild(el('div', { class: 'progress', 'data-testid': 'composed-progress' },
      el('progress', { max: 100, value: r.composedProgress }),
      el('span', null, t('review.composed.' + r.composedState, { p: r.composedProgress }))));
    return;
  }
  const text = r.status === 'DELETED' ? t('review.composed.deleted') : composedText(r);
  box.appendChild(el('p', { class: r.composedState === 'FAILED' ? 'message err' : 'muted',
    'data-testid': 'composed-state' }, text + (r.composedError ? '：' + r.composedError : '')));
  if (manager() && r.status !== 'DELETED' && r.status !== 'EMPTY' && r.endedAt
      && (r.composedState === 'FAILED' || r.composedState === 'NONE')) {
    box.appendChild(el('button', { type: 'button', 'data-testid': 'compose', onclick: () => compose(r.id) },
      t('review.composed.rerun')));
  }
}

async function compose(id) {
  try {
    const now = await post(API + '/' + id + '/compose');
    S.detail.recording = now;
    say($('detail-message'), () => t('review.composed.requested'));
    renderDetail();
    startPollingIfComposing();
  } catch (err) {
    sayError($('detail-error'), err);
  }
}

function renderTracks() {
  const box = $('tracks');
  box.replaceChildren();
  const r = S.detail.recording;
  const byTrack = new Map();
  for (const s of S.detail.segments) {
    if (!byTrack.has(s.trackId)) byTrack.set(s.trackId, []);
    byTrack.get(s.trackId).push(s);
  }
  if (!S.detail.tracks.length) {
    box.appendChild(el('p', { class: 'muted' }, t('review.tracks.none')));
    return;
  }
  for (const tr of S.detail.tracks) {
    const segs = (byTrack.get(tr.trackId) || []).slice().sort((a, b) => a.trackIndex - b.trackIndex);
    box.appendChild(el('div', { class: 'track', 'data-testid': 'track', dataset: { trackId: tr.trackId } },
      el('div', null, el('strong', null, tr.displayName || tr.participantId),
        ' · ' + roleName(tr.role) + ' · ' + (tr.startedAt ? formatTime(tr.startedAt, S.zone) : '')
        + '–' + (tr.endedAt ? formatTime(tr.endedAt, S.zone) : '')),
      el('div', { class: 'segments' }, segs.map(s => el('button', {
        type: 'button', 'data-testid': 'segment-play', dataset: { chainIndex: s.chainIndex },
        class: S.playing === s.chainIndex ? 'playing' : null,
        disabled: !s.uploaded || r.status === 'DELETED',
        title: 'SHA-256 ' + s.sha256,
        onclick: () => playSegment(s.chainIndex)
      }, t('review.segment', { n: s.trackIndex + 1, s: Math.round(s.durationMs / 1000) }))))));
  }
}

function roleName(role) {
  if (!role) return '';
  const key = 'review.role.' + String(role).toUpperCase();
  const text = t(key);
  return text === key ? role : text;
}

function playSegment(chainIndex) {
  const v = $('segment-video');
  v.hidden = false;
  v.src = API + '/' + S.detail.recording.id + '/segments/' + chainIndex + '/media';
  S.playing = chainIndex;
  v.play().catch(() => { /* the user presses play */ });
  renderTracks();
}

function renderTimeline() {
  const ol = $('timeline');
  ol.replaceChildren();
  const items = [];
  for (const e of S.detail.timeline) items.push({ at: e.at, entry: e });
  for (const g of S.detail.gaps) items.push({ at: g.from, gap: g });
  items.sort((a, b) => new Date(a.at) - new Date(b.at));
  if (!items.length) {
    ol.appendChild(el('li', { class: 'muted' }, t('review.timeline.empty')));
    return;
  }
  for (const it of items) {
    if (it.gap) {
      const g = it.gap;
      ol.appendChild(el('li', { class: 'gap', 'data-testid': 'timeline-gap' },
        el('span', { class: 'at' }, formatTime(g.from, S.zone)),
        el('span', null, t('review.gap', { to: g.to ? formatTime(g.to, S.zone) : '…',
          reason: gapReason(g.reason) }))));
      continue;
    }
    const e = it.entry;
    const key = 'review.event.' + e.type;
    let label = t(key);
    if (label === key) label = e.type;
    const who = [e.participantId, e.role ? roleName(e.role) : null].filter(Boolean).join(' · ');
    ol.appendChild(el('li', { 'data-testid': 'timeline-entry', dataset: { type: e.type } },
      el('span', { class: 'at', title: dateTime(e.at) },
        new Intl.DateTimeFormat(locale(), { timeZone: S.zone, hour: '2-digit',
          minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(e.at))),
      el('span', null, label + (who ? '（' + who + '）' : '') + (e.detail ? ' ' + e.detail : ''))));
  }
}

function gapReason(reason) {
  if (!reason) return '';
  const key = 'review.gapReason.' + reason;
  const text = t(key);
  return text === key ? reason : text;
}

function renderHold(r) {
  const box = $('hold-box');
  box.replaceChildren();
  box.appendChild(el('h3', null, t('review.hold.title')));
  if (r.legalHold) {
    box.appendChild(el('p', { class: 'held', 'data-testid': 'hold-state' }, t('review.hold.held', {
      reason: r.legalHoldReason || '', by: r.legalHoldBy || '', at: dateTime(r.legalHoldAt) })));
  } else {
    box.appendChild(el('p', { class: 'muted', 'data-testid': 'hold-state' }, t('review.hold.none')));
  }
  if (!manager() || r.status === 'DELETED') return;
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
    if (S.accesses) S.accesses = await get(API + '/' + id + '/accesses');
    renderDetail();
    loadList();
  } catch (err) {
    sayError($('detail-error'), err);
  }
}

function renderVerify(r) {
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
  if (manager() && r.status !== 'DELETED') {
    box.appendChild(el('div', null, el('button', { type: 'button', 'data-testid': 'verify-run',
      onclick: () => runVerification(r.id) }, t('review.verify.run'))));
    const out = el('div', { 'data-testid': 'verify-result', role: 'status' });
    box.appendChild(out);
    if (S.verification && S.verification.recordingId === r.id) {
      const v = S.verification;
      if (v.ok) {
        out.appendChild(el('span', { class: 'ok' }, t('review.verify.ok').replace('{n}', v.segments)));
      } else {
        out.appendChild(el('span', { class: 'bad' }, t('review.verify.bad').replace('{n}', v.problems.length)));
        const list = el('ul');
        v.problems.forEach((p) => list.appendChild(el('li', null,
          p.kind + (p.segmentIndex >= 0 ? ' #' + p.segmentIndex : '') + ' ' + p.key + ': ' + p.detail)));
        out.appendChild(list);
      }
    }
  }
}

async function runVerification(id) {
  const out = document.querySelector('[data-testid="verify-result"]');
  if (out) out.textContent = t('review.verify.running');
  try {
    S.verification = await post(API + '/' + id + '/verification');
    renderVerify(S.detail.recording);
  } catch (err) {
    sayError($('detail-error'), err);
  }
}

function renderAccesses() {
  const box = $('accesses-box');
  box.replaceChildren();
  if (!manager()) return;
  box.appendChild(el('h3', null, t('review.accesses.title')));
  if (!S.accesses) {
    box.appendChild(el('button', { type: 'button', 'data-testid': 'accesses-load', onclick: loadAccesses },
      t('review.accesses.load')));
    return;
  }
  const rows = S.accesses.slice().reverse().map(a => el('tr', { 'data-testid': 'access-row' },
    el('td', null, dateTime(a.at)), el('td', null, a.username), el('td', null, t('review.action.' + a.action)),
    el('td', null, a.item || ''), el('td', null, a.remoteAddr || '')));
  box.appendChild(el('table', { class: 'accesses' }, el('thead', null, el('tr', null,
    el('th', null, t('review.accesses.at')), el('th', null, t('review.accesses.user')),
    el('th', null, t('review.accesses.action')), el('th', null, t('review.accesses.item')),
    el('th', null, t('review.accesses.addr')))), el('tbody', null, rows)));
}

async function loadAccesses() {
  try {
    S.accesses = await get(API + '/' + S.detail.recording.id + '/accesses');
    renderAccesses();
  } catch (err) {
    sayError($('detail-error'), err);
  }
}

start();
