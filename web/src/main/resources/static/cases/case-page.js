/*
 * The case page (/cases/?id=<case id>): the whole trail of a matter — the case, its receptions with their
 * recordings, the leader's instructions with a jump to their moment in the recording, the items with their history,
 * the evaluations — from GET /api/cases/{id}/trail (where the server has none, from the case file, its receptions'
 * instructions and its items), the bookings and the recordings of the case. Staff record here
 * an evaluation the petitioner gave by phone (case-actions.js), and open the 复查 / 复核 the petitioner asks for while
 * it is offered. A case out of the user's reach answers 404: "not found, or not yours".
 */
import { get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { DEFAULT_ZONE, markReady, officeName, repaintMessages, say, sayError, startPage } from '/js/page.js';
import { ITEMS, bookingPath, casePath, when } from '/supervision/items.js';
import { renderNav } from '/js/nav.js';
import { caseActions } from '/cases/case-actions.js';
import { personalData } from '/cases/personal-data.js';
import { renderEvaluations, renderInstructions, renderItems, renderReceptions } from '/cases/trail-sections.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import supervisionMessages from '/i18n/supervision.js';
import personalDataMessages from '/i18n/personal-data.js';

const $ = byId;
const S = { me: null, zone: DEFAULT_ZONE, offices: new Map(), caseId: null, trail: null, bookings: [], recordings: [],
  evaluation: null };

const actions = caseActions(S, { changed: () => load() });
const numbers = personalData(S, { repaint: () => renderCase() });

async function start() {
  $('case-refresh').addEventListener('click', () => load());
  const page = await startPage({ messages: [commonMessages, errorMessages, supervisionMessages, personalDataMessages], onLanguageChange: renderAll });
  if (!page) return;
  S.me = page.me;
  S.zone = page.zone;
  S.offices = page.offices;
  const id = new URLSearchParams(window.location.search).get('id');
  S.caseId = /^\d+$/.test(id || '') ? Number(id) : null;
  renderAll();
  markReady();
  if (S.caseId === null) { say($('case-error'), () => t('sv.case.missingId')); return; }
  await load();
}

async function load() {
  say($('case-error'), null);
  say($('receptions-error'), null);
  const [trail, bookings, recordings, evaluation] = await Promise.all([
    get(casePath(S.caseId) + '/trail').catch(err => err),
    get('/api/v1/bookings?caseId=' + S.caseId).catch(() => []),
    // the recordings this user may see (a reviewer sees them; a unit's staff may not)
    get('/api/v1/recordings?caseId=' + S.caseId).catch(err => { sayError($('receptions-error'), err); return []; }),
    get(casePath(S.caseId) + '/evaluation').catch(() => null)]);
  S.bookings = (bookings || []).filter(b => b.caseId === S.caseId).sort((a, b) => String(a.start).localeCompare(String(b.start)));
  S.recordings = recordings || [];
  S.evaluation = evaluation;
  S.trail = trail instanceof Error ? await trailFromParts(trail) : trail;
  renderAll();
}

/**
 * The trail from its parts, where the server has no trail of the case (yet): the case file, the instructions of its
 * receptions and its items; no evaluations or review offer. A case out of reach is "not found, or not yours".
 */
async function trailFromParts(trailError) {
  let kase;
  try {
    kase = await get('/api/v1/cases/' + encodeURIComponent(S.caseId));
  } catch (err) {
    const shown = err && err.status === 404 ? err : trailError;
    if (shown && shown.status === 404) say($('case-error'), () => t('sv.notFoundOrNotYours'));
    else sayError($('case-error'), shown);
    return null;
  }
  const instructions = (await Promise.all(S.bookings.map(b => get(bookingPath(b.id) + '/instructions').catch(() => []))))
    .flat().sort((a, b) => String(a.saidAt).localeCompare(String(b.saidAt)));
  const items = await get(ITEMS + '?caseId=' + S.caseId + '&limit=200').then(page => page.items || [], () => []);
  return { case: kase, instructions: instructions, items: items, evaluations: [], reviewOffer: null };
}

function renderAll() {
  renderNav($('nav'), S.me, 'case');
  renderCase();
  const tr = S.trail;
  renderReceptions($('receptions'), tr ? S.bookings : [], S.recordings, S.zone);
  renderInstructions($('instructions'), tr ? tr.instructions : [], S.recordings, S.zone);
  renderItems($('items'), tr ? tr.items : [], S.zone);
  renderEvaluations($('evaluations'), tr ? tr.evaluations : [], S.zone);
  actions.render();
  numbers.render();
  repaintMessages();
}

function renderCase() {
  const c = S.trail ? S.trail.case || {} : null;
  $('case-title').replaceChildren(t('sv.case.heading'), c && c.caseNumber ? el('span', { translate: 'no' }, ' ' + c.caseNumber) : '');
  const box = $('case-facts');
  box.replaceChildren();
  if (!c) return;
  const rows = [
    ['sv.case.subject', el('span', { translate: 'no' }, c.subject || '')],
    ['sv.case.petitioner', el('span', { translate: 'no' }, c.petitionerName || '')],
    ...numbers.rows(c),
    c.category ? ['sv.field.category', el('span', { translate: 'no' }, c.category)] : null,
    c.officeId != null ? ['sv.case.office', el('span', { translate: 'no' }, officeName(S.offices.get(c.officeId)) || String(c.officeId))] : null,
    c.createdAt ? ['sv.case.accepted', when(c.createdAt, S.zone)] : null];
  box.appendChild(el('dl', { class: 'sv-facts' }, ...rows.filter(Boolean).flatMap(([k, v]) => [el('dt', null, t(k)), el('dd', null, v)])));
}

start();
