/*
 * The terminal kiosk in a county reception room, operated by county staff (SCHEDULER) for the petitioner:
 * 1 choose today's booking (list or code) → 2 identity check (ID number, never kept) → 3 camera and microphone
 * self-test → 4 recording notice → 5 live reception (lobby, your turn, connected, reconnecting) → evaluation.
 * This module starts the page, holds the kiosk's state `S` and its steps (which panel shows, the stepper, the
 * booking banner); each step is a part: pick-booking.js, identity-check.js, self-test.js, recording-notice.js,
 * live-reception.js, evaluation.js. Everything shown is rebuilt from the state, so the language switch re-renders it.
 */
import { formatRange } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { DEFAULT_ZONE, markReady, repaintMessages, startPage } from '/js/page.js';
import { evaluation } from '/terminal/evaluation.js';
import { identityCheck } from '/terminal/identity-check.js';
import { liveReception } from '/terminal/live-reception.js';
import { nextSteps } from '/terminal/next-steps.js';
import { pickBooking } from '/terminal/pick-booking.js';
import { recordingNotice } from '/terminal/recording-notice.js';
import { resultEvaluation } from '/terminal/result-evaluation.js';
import { selfTest } from '/terminal/self-test.js';
import { phrase } from '/terminal/phrase.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import handlingMessages from '/i18n/handling.js';
import kioskMessages from '/i18n/kiosk.js';
import liveMessages from '/i18n/live.js';

const $ = byId;
const STEPS = ['pick', 'identity', 'devices', 'notice', 'live'];

/** What the steps share; each part keeps the rest of its own state. */
const S = {
  me: null,
  zone: DEFAULT_ZONE,
  booking: null,  // the chosen booking
  step: 'pick',   // one of STEPS, or 'result' (after the identity, a due evaluation of the handling) or 'evaluate'
  stream: null,   // camera and microphone: opened by the self-test, published by the live reception
  live: null      // the live session
};

/** What the parts may ask of the kiosk. */
const kiosk = { go: go, checkedIn: checkedIn, showEvaluation: showEvaluation, startOver: startOver,
  stopMeter: () => devices.stopMeter() };

const pick = pickBooking(S, kiosk);
const identity = identityCheck(S, kiosk);
const devices = selfTest(S, kiosk);
const notice = recordingNotice(S);
const live = liveReception(S, kiosk);
const evaluate = evaluation(S, kiosk);
const result = resultEvaluation(S, kiosk);
const steps = nextSteps();

// ------------------------------------------------------------------ start

async function start() {
  document.querySelectorAll('button.back').forEach(b => b.addEventListener('click', () => back(b.dataset.back)));

  const page = await startPage({
    messages: [commonMessages, errorMessages, kioskMessages, liveMessages, handlingMessages],
    onLanguageChange: renderAll,
    beforeLogout: () => { if (S.live) S.live.leave(); devices.stop(); }
  });
  if (!page) return;
  S.me = page.me;
  S.zone = page.zone;
  renderAll();
  markReady();
  pick.loadToday();
}

function renderAll() {
  renderSteps();
  renderBanner();
  pick.render();
  identity.render();
  devices.render();
  live.render();
  evaluate.render();
  result.render();
  steps.render();
  repaintMessages();
}

// ------------------------------------------------------------------ steps

function go(step) {
  S.step = step;
  if (step !== 'devices' && step !== 'notice' && step !== 'live') devices.stop();
  if (step === 'devices') devices.start();
  if (step === 'notice') notice.show();
  identity.clear(); // the ID number is held only while its step shows
  if (step !== 'result') result.clear();
  renderSteps();
  renderBanner();
  const focus = { pick: 'code', identity: 'id-number', notice: 'notice-ack', result: 'result-title' }[step];
  if (focus) $(focus).focus();
}

/** Checked in: the evaluation of the handling result when one is due (it holds the number), else the devices. */
async function checkedIn(idNumber) {
  if (await result.offer(idNumber)) go('result'); else go('devices');
}

function back(to) {
  if (to === 'identity-or-pick') to = S.booking && S.booking.state === 'BOOKED' ? 'identity' : 'pick';
  if (to === 'pick') { S.booking = null; pick.loadToday(); }
  go(to);
}

function renderSteps() {
  const current = S.step === 'evaluate' ? 'live' : S.step === 'result' ? 'identity' : S.step;
  const idx = STEPS.indexOf(current);
  document.querySelectorAll('#stepper li').forEach((li, i) => {
    li.classList.toggle('done', i < idx);
    li.classList.toggle('current', i === idx);
    if (i === idx) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
  });
  for (const step of [...STEPS, 'result', 'evaluate']) $('panel-' + step).hidden = step !== S.step;
  document.body.dataset.step = S.step;
}

function renderBanner() {
  const b = S.booking;
  const banner = $('booking-banner');
  banner.hidden = !b || S.step === 'pick';
  if (!b) return;
  banner.replaceChildren(
    el('span', { class: 'strong' }, formatRange(b.start, b.end, S.zone)),
    el('span', null, phrase('kiosk.banner.leader', { name: b.officialName })),
    el('span', null, phrase('session.case', { number: b.caseNumber })),
    el('span', null, phrase('session.room', { name: b.terminalName })),
    el('span', { class: 'muted' }, phrase('kiosk.banner.code', { code: b.code })));
}

/** The reception is over (or was before): media off, the evaluation shown. */
function showEvaluation() {
  live.stop();
  evaluate.open();
  steps.open(S.booking.id);
  S.step = 'evaluate';
  renderSteps();
  renderBanner();
  evaluate.render();
}

/** For the next petitioner: back to step 1 with today's list. */
function startOver() {
  live.reset();
  steps.stop();
  S.booking = null;
  go('pick');
  pick.loadToday();
}

start();
