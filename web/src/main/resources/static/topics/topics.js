/*
 * 一题一专项 (topics): the concentrated problems of the user's subtree — matters of one category in one place that
 * crossed the rule's threshold — filtered by state (with counts), place, category and the day found; a topic opened
 * with its matters (links to the case page), its history, and the supervisor's acts (follow with a lead unit, close
 * with a conclusion; topic-panel.js). ?topic=<id> opens one at once.
 */
import { get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { formatDateTime } from '/js/dates.js';
import { DEFAULT_ZONE, markReady, officeName, repaintMessages, say, sayError, startPage } from '/js/page.js';
import { renderNav } from '/js/nav.js';
import { topicPanel } from '/topics/topic-panel.js';
import { API, STATES, officeNode, stateBadge } from '/topics/topic-view.js';
import common from '/i18n/common.js';
import errors from '/i18n/errors.js';
import booking from '/i18n/booking.js';
import topics from '/i18n/topics.js';

const $ = byId;
const PAGE = 50;
const PLACE_LEVELS = ['PROVINCE', 'CITY', 'COUNTY'];

const S = { me: null, zone: DEFAULT_ZONE, offices: new Map(), state: '', topics: null, total: 0, counts: null,
  categories: [] };

const panel = topicPanel(S, { changed: () => load(), shown: () => renderList() });

async function start() {
  const ctx = await startPage({ messages: [common, errors, booking, topics], onLanguageChange: renderAll });
  if (!ctx) return;
  S.me = ctx.me;
  S.zone = ctx.zone;
  S.offices = ctx.offices;
  $('list-refresh').addEventListener('click', () => load());
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  $('f-office').addEventListener('change', () => load());
  $('f-category').addEventListener('change', () => load());
  $('list-more').addEventListener('click', () => load(true));
  $('detail-close').addEventListener('click', () => panel.close());
  renderAll();
  try {
    S.categories = await get(API + '/categories');
  } catch (err) {
    sayError($('list-error'), err);
  }
  renderFilters();
  await load();
  const wanted = new URLSearchParams(window.location.search).get('topic');
  if (wanted && /^\d+$/.test(wanted)) await panel.open(Number(wanted));
  markReady();
}

function renderAll() {
  renderNav($('nav'), S.me, 'topics');
  renderFilters();
  renderList();
  panel.render();
  repaintMessages();
}

/** The places (the province, cities and counties the user sees) and categories, keeping what is chosen. */
function renderFilters() {
  const office = $('f-office');
  const chosen = office.value;
  const places = [...S.offices.values()].filter(o => PLACE_LEVELS.includes(o.level))
    .sort((a, b) => String(a.path || a.id).localeCompare(String(b.path || b.id)));
  office.replaceChildren(el('option', { value: '' }, t('tp.filter.all')),
    ...places.map(o => el('option', { value: o.id, translate: 'no' }, officeName(o))));
  office.value = chosen;
  const category = $('f-category');
  const chosenCategory = category.value;
  category.replaceChildren(el('option', { value: '' }, t('tp.filter.all')),
    ...S.categories.map(c => el('option', { value: c, translate: 'no' }, c)));
  category.value = chosenCategory;
}

function query(state, limit, offset) {
  const p = new URLSearchParams();
  if (state) p.set('state', state);
  if ($('f-office').value) p.set('office', $('f-office').value);
  if ($('f-category').value) p.set('category', $('f-category').value);
  if ($('f-from').value) p.set('from', $('f-from').value);
  if ($('f-to').value) p.set('to', $('f-to').value);
  p.set('limit', String(limit));
  p.set('offset', String(offset));
  return API + '?' + p.toString();
}

/** The chosen state's topics (more: the next page added), and the count of every state under the same filters. */
async function load(more) {
  $('list-status').textContent = t('list.loading');
  say($('list-error'), null);
  const offset = more && S.topics ? S.topics.length : 0;
  try {
    const [page, ...counts] = await Promise.all([get(query(S.state, PAGE, offset)),
      get(query('', 1, 0)), ...STATES.map(s => get(query(s, 1, 0)))]);
    S.topics = (more && S.topics ? S.topics : []).concat(page.topics || []);
    S.total = page.total || 0;
    S.counts = { '': counts[0].total };
    STATES.forEach((s, i) => { S.counts[s] = counts[i + 1].total; });
    $('list-status').textContent = S.topics.length < S.total
      ? t('tp.shown', { shown: S.topics.length, total: S.total }) : '';
  } catch (err) {
    S.topics = S.topics || [];
    $('list-status').textContent = '';
    sayError($('list-error'), err);
  }
  renderList();
}

/** The state buttons with their counts. */
function renderStates() {
  const box = $('state-filter');
  box.replaceChildren(...['', ...STATES].map(s => el('button', {
    type: 'button', class: 'sv-filter', 'aria-pressed': String(S.state === s), 'data-testid': 'tp-state-' + (s || 'ALL'),
    onclick: () => { S.state = s; load(); }
  }, t('tp.state.' + (s || 'ALL')), S.counts ? el('span', { class: 'sv-count' }, String(S.counts[s] ?? 0)) : null)));
}

function renderList() {
  renderStates();
  const open = panel.current();
  $('topics').replaceChildren(...(S.topics || []).map(tp => el('tr', {
    'data-testid': 'tp-row', dataset: { id: tp.id }, class: open && open.id === tp.id ? 'open' : null
  },
  el('td', null, officeNode(tp.place)),
  el('td', { translate: 'no', 'data-testid': 'tp-category' }, tp.category),
  el('td', null, el('span', { class: 'tp-count', 'data-testid': 'tp-count' }, String(tp.matterCount)),
    el('div', { class: 'muted small' }, t('tp.ruleShort', { n: tp.threshold, days: tp.windowDays }))),
  el('td', null, formatDateTime(tp.openedAt, S.zone)),
  el('td', null, stateBadge(tp)),
  el('td', null, officeNode(tp.lead)),
  el('td', null, el('button', { type: 'button', 'data-testid': 'tp-open', onclick: () => panel.open(tp.id) },
    t('tp.open'))))));
  $('list-empty').hidden = !(S.topics && S.topics.length === 0);
  $('list-more').hidden = !(S.topics && S.topics.length < S.total);
}

start();
