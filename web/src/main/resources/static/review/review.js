/*
 * Recording review (录像审查): find a case the user may see, list its recordings, open one: the composed MP4
 * (played through the range endpoint) or its progress, the per-track Matroska segments, the timeline with gaps in
 * red, legal hold for administrators and reviewers, how to verify it, and who accessed it.
 * This module starts the page, holds the page state `S` and wires the parts: case-search.js, recording-list.js,
 * recording-detail.js (with its sections). Everything shown is rebuilt from the state so the language switch
 * re-renders it; the playing videos are kept.
 */
import { get } from '/js/api.js';
import { byId } from '/js/dom.js';
import { renderNav } from '/js/nav.js';
import { DEFAULT_ZONE, markReady, repaintMessages, startPage } from '/js/page.js';
import { caseSearch } from '/review/case-search.js';
import { recordingDetail } from '/review/recording-detail.js';
import { recordingList } from '/review/recording-list.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import reviewMessages from '/i18n/review.js';

const $ = byId;

const S = {
  me: null,
  manager: false,       // an administrator or reviewer: legal hold, composing again, verification, accesses
  offices: new Map(),
  zone: DEFAULT_ZONE,
  caseItem: null,       // the chosen case
  recordings: null,     // its recordings
  detail: null,         // RecordingDetails of the open one
  startAt: null         // {recordingId, seconds}: where the composed video starts (?recording=&t=)
};

const cases = caseSearch(S, { picked: () => { detail.close(); cases.render(); list.load(); } });
const list = recordingList(S, { open: (id) => detail.open(id) });
const detail = recordingDetail(S, { loadList: () => list.load(), renderList: () => list.render() });

async function start() {
  const page = await startPage({ messages: [commonMessages, errorMessages, reviewMessages], onLanguageChange: renderAll });
  if (!page) return;
  S.me = page.me;
  S.manager = S.me.role === 'ADMIN' || S.me.role === 'REVIEWER';
  S.offices = page.offices;
  S.zone = page.zone;
  renderAll();
  markReady();
  const params = new URLSearchParams(window.location.search);
  if (params.get('case')) {
    $('case-q').value = params.get('case');
    cases.search();
  }
  if (/^\d+$/.test(params.get('recording') || '')) openAt(Number(params.get('recording')), params.get('t'));
}

/**
 * ?recording=<id>&t=<seconds> (the case page's jump to the moment of an instruction): opens that recording with its
 * case's list, the composed video starting at that second.
 */
async function openAt(id, t) {
  const seconds = Number(t);
  S.startAt = t !== null && Number.isFinite(seconds) && seconds >= 0 ? { recordingId: id, seconds: seconds } : null;
  await detail.open(id);
  const r = S.detail && S.detail.recording;
  if (!r || r.caseId == null || S.caseItem) return;
  try {
    S.caseItem = await get('/api/v1/cases/' + encodeURIComponent(r.caseId));
  } catch (err) {
    return; // the recording is shown; its case's list is not for this user
  }
  cases.render();
  list.load();
}

function renderAll() {
  renderNav($('nav-more'), S.me, 'review', ['inbox', 'supervision']);
  cases.render();
  list.render();
  detail.render();
  repaintMessages($('case-status'));
}

start();
