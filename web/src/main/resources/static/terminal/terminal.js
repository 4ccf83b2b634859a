/*
 * The terminal kiosk in a county reception room, operated by county staff (SCHEDULER) for the petitioner:
 * 1 choose today's booking (list or code) → 2 identity check (ID number, never kept) → 3 camera and microphone
 * self-test → 4 recording notice → 5 live reception (lobby, your turn, connected, reconnecting) → evaluation.
 * Everything shown is rebuilt from `S` so the language switch re-renders it.
 */
import { errorMessage, post, get } from '/js/api.js';
import { formatRange, formatTime, isoDate } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { levelMeter, openDevices } from '/js/devices.js';
import { joinToken, live as startLive, liveErrorText } from '/js/live.js';
import { DEFAULT_ZONE, markReady, repaintMessages, say, sayError, startPage } from '/js/page.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import kioskMessages from '/i18n/kiosk.js';
import liveMessages from '/i18n/live.js';

const $ = byId;
const SELECTABLE = ['BOOKED', 'CHECKED_IN', 'IN_SESSION'];
const STEPS = ['pick', 'identity', 'devices', 'notice', 'live'];

const S = {
  me: null,
  zone: DEFAULT_ZONE,
  bookings: null,
  booking: null,
  step: 'pick',
  stream: null,
  stopMeter: null,
  maxLevel: 0,
  devicesProblem: null,   // reason from openDevices
  live: null,
  liveStatus: null,
  lobby: null,
  participants: [],
  remoteStreams: new Map(),
  remotePlaying: false,   // the leader's video is playing (media really flows)
  selfMuted: { audio: false, video: false },
  endedReason: null,
  score: 0,
  evaluated: false,
  noticeSentFor: null     // booking whose recording notice the server was told of
};

// ------------------------------------------------------------------ start

async function start() {
  $('code-form').addEventListener('submit', (e) => { e.preventDefault(); findByCode(); });
  $('pick-refresh').addEventListener('click', loadToday);
  $('identity-form').addEventListener('submit', (e) => { e.preventDefault(); checkIn(); });
  $('devices-retry').addEventListener('click', startDevices);
  $('devices-next').addEventListener('click', () => go('notice'));
  $('notice-ack').addEventListener('change', () => { $('join').disabled = !$('notice-ack').checked; });
  $('join').addEventListener('click', join);
  $('eval-submit').addEventListener('click', evaluate);
  $('eval-finish').addEventListener('click', reset);
  $('remote-video').addEventListener('playing', () => { S.remotePlaying = true; renderLive(); });
  $('remote-video').addEventListener('emptied', () => { S.remotePlaying = false; renderLive(); });
  document.querySelectorAll('button.back').forEach(b => b.addEventListener('click', () => back(b.dataset.back)));
  buildScores();
  window.addEventListener('beforeunload', () => { if (S.live) S.live.leave(); });

  const page = await startPage({
    messages: [commonMessages, errorMessages, kioskMessages, liveMessages],
    onLanguageChange: renderAll,
    beforeLogout: () => { if (S.live) S.live.leave(); stopDevices(); }
  });
  if (!page) return;
  S.me = page.me;
  S.zone = page.zone;
  renderAll();
  markReady();
  loadToday();
}

function renderAll() {
  renderSteps();
  renderBanner();
  renderToday();
  renderDevices();
  renderLive();
  renderScores();
  repaintMessages();
}

// ------------------------------------------------------------------ steps

function go(step) {
  S.step = step;
  if (step !== 'devices' && step !== 'notice' && step !== 'live') stopDevices();
  if (step === 'devices') startDevices();
  if (step === 'notice') { $('notice-ack').checked = false; $('join').disabled = true; noticeShown(); }
  if (step === 'identity') { $('id-number').value = ''; say($('identity-error'), null); }
  renderSteps();
  renderBanner();
  const focus = { pick: 'code', identity: 'id-number', notice: 'notice-ack' }[step];
  if (focus) $(focus).focus();
}

/**
 * Tells the server, once per booking, that the petitioner was shown the recording notice (it goes on the
 * recording's timeline). A failure does not stop the reception: a small warning says so.
 */
async function noticeShown() {
  const b = S.booking;
  if (!b || S.noticeSentFor === b.id) return;
  S.noticeSentFor = b.id;
  let warning = $('notice-warning');
  if (!warning) {
    warning = el('div', { id: 'notice-warning', class: 'message info small', role: 'status',
      'data-testid': 'notice-warning' });
    $('panel-notice').appendChild(warning);
  }
  say(warning, null);
  try {
    await post('/api/v1/bookings/' + b.id + '/recording-notice');
  } catch (err) {
    if (!S.booking || S.booking.id !== b.id) return;
    S.noticeSentFor = null; // shown again later, it is tried again
    say(warning, () => t('kiosk.notice.recordFailed', { error: errorMessage(err) }));
  }
}

function back(to) {
  if (to === 'identity-or-pick') to = S.booking && S.booking.state === 'BOOKED' ? 'identity' : 'pick';
  if (to === 'pick') { S.booking = null; loadToday(); }
  go(to);
}

function renderSteps() {
  const current = S.step === 'evaluate' ? 'live' : S.step;
  const idx = STEPS.indexOf(current);
  document.querySelectorAll('#stepper li').forEach((li, i) => {
    li.classList.toggle('done', i < idx);
    li.classList.toggle('current', i === idx);
    if (i === idx) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
  });
  for (const step of [...STEPS, 'evaluate']) $('panel-' + step).hidden = step !== S.step;
  document.body.dataset.step = S.step;
}

function renderBanner() {
  const b = S.booking;
  const banner = $('booking-banner');
  banner.hidden = !b || S.step === 'pick';
  if (!b) return;
  banner.replaceChildren(
    el('span', { class: 'strong' }, formatRange(b.start, b.end, S.zone)),
    el('span', null, t('kiosk.banner.leader', { name: b.officialName })),
    el('span', null, t('session.case', { number: b.caseNumber })),
    el('span', null, t('session.room', { name: b.terminalName })),
    el('span', { class: 'muted' }, t('kiosk.banner.code', { code: b.code })));
}

// ------------------------------------------------------------------ 1. pick

async function loadToday() {
  if (!S.me) return;
  $('pick-status').textContent = t('list.loading');
  const today = isoDate(new Date(), S.zone);
  try {
    const list = await get('/api/v1/bookings?officeId=' + S.me.officeId + '&from=' + today + '&to=' + today);
    S.bookings = (list || []).sort((a, b) => String(a.start).localeCompare(String(b.start)));
    $('pick-status').textContent = '';
  } catch (err) {
    S.bookings = [];
    $('pick-status').textContent = errorMessage(err);
  }
  renderToday();
}

function renderToday() {
  const list = $('today');
  list.replaceChildren();
  if (S.bookings === null) return;
  const shown = S.bookings.filter(b => SELECTABLE.includes(b.state) || (b.state === 'COMPLETED' && b.satisfactionScore == null));
  if (!shown.length) {
    list.appendChild(el('li', { class: 'muted', text: t('kiosk.pick.none') }));
    return;
  }
  for (const b of shown) {
    list.appendChild(el('li', null, el('button', {
      type: 'button', class: 'today-item', 'data-testid': 'today-item',
      dataset: { bookingId: b.id, code: b.code, state: b.state }, onclick: () => choose(b)
    },
    el('span', { class: 'time' }, formatTime(b.start, S.zone) + '–' + formatTime(b.end, S.zone)),
    el('span', { class: 'who-line' }, t('kiosk.banner.leader', { name: b.officialName })),
    el('span', { class: 'muted' }, t('session.case', { number: b.caseNumber }) + ' · '
      + t('session.room', { name: b.terminalName })),
    el('span', { class: 'state state-' + b.state }, t('state.' + b.state)))));
  }
}

async function findByCode() {
  const code = $('code').value.trim();
  say($('pick-error'), null);
  if (!code) { say($('pick-error'), () => t('kiosk.pick.codeRequired')); return; }
  try {
    const b = await get('/api/v1/bookings/by-code/' + encodeURIComponent(code));
    choose(b);
  } catch (err) {
    sayError($('pick-error'), err);
  }
}

function choose(b) {
  say($('pick-error'), null);
  if (b.state === 'COMPLETED' && b.satisfactionScore == null) {
    S.booking = b;
    showEvaluation();
    return;
  }
  if (!SELECTABLE.includes(b.state)) {
    say($('pick-error'), () => t('kiosk.pick.notActive', { state: t('state.' + b.state) }));
    return;
  }
  S.booking = b;
  $('code').value = '';
  go(b.state === 'BOOKED' ? 'identity' : 'devices');
}

// ------------------------------------------------------------------ 2. identity

/** GB 11643: 17 digits and a check digit (0-9 or X). */
function validIdNumber(s) {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * w[i];
  return '10X98765432'[sum % 11] === s[17];
}

async function checkIn() {
  const field = $('id-number');
  const idNumber = field.value.trim().toUpperCase();
  field.value = ''; // never keep the number in the page
  say($('identity-error'), null);
  if (!validIdNumber(idNumber)) {
    say($('identity-error'), () => t('kiosk.identity.invalid'));
    field.focus();
    return;
  }
  const button = $('identity-check');
  button.disabled = true;
  try {
    S.booking = await post('/api/v1/bookings/' + S.booking.id + '/check-in', { idNumber: idNumber });
    go('devices');
  } catch (err) {
    sayError($('identity-error'), err);
    field.focus();
  } finally {
    button.disabled = false;
  }
}

// ------------------------------------------------------------------ 3. devices

async function startDevices() {
  stopDevices();
  S.devicesProblem = null;
  S.maxLevel = 0;
  say($('devices-error'), null);
  $('devices-next').disabled = true;
  S.devicesChecking = true;
  renderDevices();
  try {
    const { stream } = await openDevices();
    if (S.step !== 'devices' && S.step !== 'notice') { stream.getTracks().forEach(tr => tr.stop()); return; }
    S.stream = stream;
    $('self-test-video').srcObject = stream;
    $('self-test-video').play().catch(() => {});
    S.stopMeter = levelMeter(stream, showLevel);
    $('devices-next').disabled = false;
  } catch (e) {
    S.devicesProblem = e.reason || 'other';
    say($('devices-error'), () => t('devices.problem.' + S.devicesProblem));
  } finally {
    S.devicesChecking = false;
    renderDevices();
  }
}

function showLevel(level) {
  S.maxLevel = Math.max(S.maxLevel, level);
  const meter = $('meter');
  meter.setAttribute('aria-valuenow', String(level));
  meter.dataset.level = String(level);
  meter.dataset.max = String(S.maxLevel);
  $('meter-fill').style.width = level + '%';
  if (S.maxLevel > 5 && !meter.dataset.heard) { meter.dataset.heard = 'true'; renderDevices(); }
}

function renderDevices() {
  const box = $('devices-status');
  if (S.devicesChecking) box.textContent = t('kiosk.devices.checking');
  else if (S.devicesProblem) box.textContent = '';
  else if (S.stream) box.textContent = $('meter').dataset.heard ? t('kiosk.devices.ok') : t('kiosk.devices.speak');
  else box.textContent = '';
}

function stopDevices() {
  if (S.stopMeter) { S.stopMeter(); S.stopMeter = null; }
  if (S.live) return; // the live session publishes this stream
  if (S.stream) { S.stream.getTracks().forEach(tr => tr.stop()); S.stream = null; }
  $('self-test-video').srcObject = null;
  delete $('meter').dataset.heard;
}

// ------------------------------------------------------------------ 5. live

async function join() {
  $('join').disabled = true;
  say($('live-error'), null);
  if (S.stopMeter) { S.stopMeter(); S.stopMeter = null; }
  S.liveStatus = 'connecting';
  go('live');
  $('self-video').srcObject = S.stream;
  renderLive();
  let grant;
  try {
    grant = await joinToken(S.booking.id);
  } catch (err) {
    S.liveStatus = 'failed';
    sayError($('live-error'), err);
    renderLive();
    return;
  }
  const live = startLive({ token: grant.token, wsUrl: grant.wsUrl, localStream: S.stream });
  S.live = live;
  window.__lianxinLive = live; // for diagnostics and tests
  live.on('status', (e) => {
    S.liveStatus = e.status;
    if (e.status === 'ended') showEvaluation();
    renderLive();
  });
  live.on('joined', (e) => { // a resumed place keeps what the host muted
    if (e.you) S.selfMuted = { audio: !!e.you.audioMuted, video: !!e.you.videoMuted };
    renderLive();
  });
  live.on('lobby', (l) => { S.lobby = l; renderLive(); });
  live.on('participants', (e) => { S.participants = e.participants; renderLive(); });
  live.on('stream', (e) => { S.remoteStreams.set(e.participantId, e.stream); renderLive(); });
  live.on('streamgone', (e) => { S.remoteStreams.delete(e.participantId); renderLive(); });
  live.on('muted', (e) => { if (e.self) { S.selfMuted[e.kind] = e.muted; renderLive(); } });
  live.on('error', (e) => { if (e.fatal || e.code >= 300) say($('live-error'), () => liveErrorText(e.code, e.message)); });
}

function host() {
  return S.participants.find(p => p.role === 'host') || null;
}

function renderLive() {
  const status = S.liveStatus;
  const box = $('live-status');
  const detail = $('live-detail');
  box.dataset.status = status || '';
  let text = '', more = '';
  switch (status) {
    case 'connecting': text = t('kiosk.live.connecting'); break;
    case 'lobby':
      text = t('kiosk.live.waiting');
      if (S.lobby) {
        more = t('kiosk.live.position', { n: S.lobby.position });
        const minutes = Math.ceil((S.lobby.estimatedWaitSeconds || 0) / 60);
        if (minutes > 0) more += ' · ' + t('kiosk.live.wait', { minutes: minutes });
      }
      break;
    case 'inSession': {
      const h = host();
      const flowing = h && S.remoteStreams.has(h.id) && S.remotePlaying;
      text = flowing ? t('kiosk.live.connected') : t('kiosk.live.yourTurn');
      if (S.selfMuted.audio) more = t('kiosk.live.selfMutedAudio');
      if (S.selfMuted.video) more = (more ? more + ' · ' : '') + t('kiosk.live.selfMutedVideo');
      break;
    }
    case 'reconnecting': text = t('kiosk.live.reconnecting'); break;
    case 'ended': text = t('kiosk.live.ended'); break;
    case 'removed': text = t('kiosk.live.removed'); break;
    case 'failed': text = t('kiosk.live.failed'); break;
    case 'left': text = t('kiosk.live.left'); break;
    default: text = '';
  }
  box.textContent = text;
  detail.textContent = more;
  const h = host();
  const remote = $('remote-video');
  const stream = h ? S.remoteStreams.get(h.id) : null;
  if (remote.srcObject !== (stream || null)) {
    S.remotePlaying = false;
    remote.srcObject = stream || null;
    if (stream) remote.play().catch(() => {});
  }
  $('remote-name').textContent = h ? t('kiosk.live.hostName', { name: h.displayName }) : '';
  // other officials (joint reception) as small tiles
  const others = $('others');
  const wanted = S.participants.filter(p => p.role === 'official');
  others.replaceChildren(...wanted.map(p => {
    const v = el('video', { autoplay: true, playsinline: true, 'data-participant': p.id });
    const s = S.remoteStreams.get(p.id);
    if (s) { v.srcObject = s; v.play().catch(() => {}); }
    return el('figure', { class: 'tile' }, v, el('figcaption', null, p.displayName + ' · ' + t('live.role.' + p.role)));
  }));
}

// ------------------------------------------------------------------ evaluation

function buildScores() {
  const box = $('scores');
  for (let i = 1; i <= 5; i++) {
    box.appendChild(el('button', { type: 'button', class: 'score', role: 'radio', 'aria-checked': 'false',
      'data-testid': 'score', dataset: { score: i }, onclick: () => { S.score = i; renderScores(); } }, String(i)));
  }
}

function renderScores() {
  document.querySelectorAll('#scores .score').forEach(b => {
    const n = Number(b.dataset.score);
    b.setAttribute('aria-checked', String(n === S.score));
    b.classList.toggle('on', n <= S.score);
    b.title = t('kiosk.eval.level' + n);
  });
  $('eval-submit').disabled = !S.score || S.evaluated;
}

function showEvaluation() {
  stopLiveMedia();
  S.score = 0;
  S.evaluated = false;
  $('eval-comment').value = '';
  say($('eval-error'), null);
  say($('eval-done'), null);
  $('eval-finish').hidden = true;
  S.step = 'evaluate';
  renderSteps();
  renderBanner();
  renderScores();
}

async function evaluate() {
  if (!S.score) return;
  $('eval-submit').disabled = true;
  say($('eval-error'), null);
  const comment = $('eval-comment').value.trim();
  try {
    S.booking = await post('/api/v1/bookings/' + S.booking.id + '/evaluation',
      { score: S.score, comment: comment || null });
    S.evaluated = true;
    say($('eval-done'), () => t('kiosk.eval.thanks'));
    $('eval-finish').hidden = false;
  } catch (err) {
    sayError($('eval-error'), err);
  }
  renderScores();
}

function stopLiveMedia() {
  const live = S.live;
  S.live = null;
  if (live && !live.finished) live.leave();
  if (S.stream) { S.stream.getTracks().forEach(tr => tr.stop()); S.stream = null; }
  $('self-video').srcObject = null;
  $('remote-video').srcObject = null;
  S.remoteStreams.clear();
  S.participants = [];
}

function reset() {
  stopLiveMedia();
  S.booking = null;
  S.liveStatus = null;
  S.lobby = null;
  S.selfMuted = { audio: false, video: false };
  go('pick');
  loadToday();
}

start();
