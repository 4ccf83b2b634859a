/*
 * The auditor's page (审计日志, 三员分立): the audit trail of the auditor's office and the offices below it, searched by
 * time, user, action, outcome and object, newest first, a page at a time, and exported as CSV with the same filters.
 * ID and phone numbers come masked from the server. Everything shown is rebuilt from the state `S`, so the language
 * switch re-renders it.
 */
import { get } from '/js/api.js';
import { formatDateTime } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { renderNav } from '/js/nav.js';
import { markReady, repaintMessages, say, sayError, startPage } from '/js/page.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import auditMessages from '/i18n/audit.js';

const $ = byId;
const SIZE = 50;
/** The action codes of the trail (org.lianxin.audit.AuditAction) by group, in the order of the select. */
const ACTION_GROUPS = [
  ['auth', ['login', 'login-failed', 'logout']],
  ['access', ['denied']],
  ['recording', ['view', 'manifest', 'link', 'play', 'download', 'hold', 'release', 'delete', 'compose', 'verify',
    'other']],
  ['booking', ['create', 'reschedule', 'cancel', 'change']],
  ['supervision', ['change']],
  ['user', ['create', 'change', 'role', 'enable']],
  ['audit', ['search', 'export', 'checkpoint']],
  ['personal-data', ['unmask']]
];
const ACTIONS = ACTION_GROUPS.flatMap(([group, names]) => names.map(name => group + '.' + name));

const S = {
  page: null,
  query: '',        // the filters of the last search, as a query string
  number: 0,        // the page shown, from 0
  result: null      // {entries, page, size, total}
};

async function start() {
  const page = await startPage({ messages: [commonMessages, errorMessages, auditMessages], onLanguageChange: renderAll });
  if (!page) return;
  S.page = page;
  renderAll();
  if (page.me.role !== 'AUDITOR') {
    say($('status'), () => t('au.forbidden'));
    $('filter').hidden = true;
    markReady();
    return;
  }
  $('filter').addEventListener('submit', e => { e.preventDefault(); search(0); });
  $('prev').addEventListener('click', () => search(S.number - 1));
  $('next').addEventListener('click', () => search(S.number + 1));
  await search(0);
  markReady();
}

function renderAll() {
  renderNav($('nav'), S.page && S.page.me, 'audit');
  renderActions();
  renderEntries();
  repaintMessages($('status'));
}

function renderActions() {
  const select = $('action');
  const chosen = select.value;
  select.replaceChildren(el('option', { value: '' }, t('au.any')),
    ...ACTIONS.map(code => el('option', { value: code }, actionName(code))));
  select.value = chosen;
}

function actionName(code) {
  const key = 'au.act.' + code;
  const text = t(key);
  return text === key ? code : text;
}

/** The start of a day (YYYY-MM-DD) in the page's zone, as an ISO instant. */
function startOfDay(day, zone) {
  const guess = Date.parse(day + 'T00:00:00Z');
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric',
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    .formatToParts(new Date(guess)).reduce((m, p) => { m[p.type] = p.value; return m; }, {});
  const shown = Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`);
  return new Date(guess - (shown - guess)).toISOString();
}

function nextDay(day) {
  const d = new Date(Date.parse(day + 'T00:00:00Z') + 86400000);
  return d.toISOString().substring(0, 10);
}

function filters() {
  const q = new URLSearchParams();
  const zone = S.page.zone;
  if ($('from').value) q.set('from', startOfDay($('from').value, zone));
  if ($('to').value) q.set('to', startOfDay(nextDay($('to').value), zone));
  for (const [id, name] of [['user', 'user'], ['action', 'action'], ['outcome', 'outcome'],
    ['object-type', 'objectType'], ['object-id', 'objectId']]) {
    const v = $(id).value.trim();
    if (v) q.set(name, v);
  }
  return q;
}

async function search(number) {
  const q = filters();
  const exportQuery = new URLSearchParams(q);
  exportQuery.set('lang', document.documentElement.lang.startsWith('en') ? 'en' : 'zh');
  $('export').href = '/api/v1/audit/entries.csv?' + exportQuery.toString();
  q.set('page', String(Math.max(0, number)));
  q.set('size', String(SIZE));
  say($('status'), () => t('au.loading'));
  try {
    S.result = await get('/api/v1/audit/entries?' + q.toString());
    S.number = S.result.page;
    $('page-error').replaceChildren();
  } catch (err) {
    S.result = null;
    say($('status'), null);
    sayError($('page-error'), err);
  }
  renderEntries();
}

function renderEntries() {
  const rows = $('rows');
  rows.replaceChildren();
  const r = S.result;
  const table = document.querySelector('[data-testid=entries]');
  if (!r) {
    table.hidden = true;
    $('prev').disabled = true;
    $('next').disabled = true;
    $('page-of').textContent = '';
    return;
  }
  table.hidden = r.entries.length === 0;
  say($('status'), () => r.total === 0 ? t('au.none') : t('au.count', { total: r.total }));
  for (const e of r.entries) {
    const object = [e.objectType, e.objectId].filter(x => x).join(' ');
    rows.appendChild(el('tr', { 'data-testid': 'entry', dataset: { seq: e.seq } },
      el('td', null, String(e.seq)),
      el('td', null, formatDateTime(e.at, S.page.zone)),
      el('td', { 'data-testid': 'entry-user' }, el('span', { translate: 'no' }, e.username),
        e.role ? el('div', { class: 'muted small' }, t('role.' + e.role)) : null),
      el('td', null, e.officeId == null ? '—' : S.page.officeName(e.officeId)),
      el('td', { 'data-testid': 'entry-action' }, actionName(e.action)),
      el('td', { class: 'au-details', 'data-testid': 'entry-object', translate: 'no' }, object || '—'),
      el('td', { class: e.outcome, 'data-testid': 'entry-outcome' }, t('au.outcome.' + e.outcome)),
      el('td', { translate: 'no' }, e.clientAddress || '—'),
      el('td', { class: 'au-details', 'data-testid': 'entry-details', translate: 'no' },
        e.details === '{}' ? '' : e.details)));
  }
  const pages = Math.max(1, Math.ceil(r.total / r.size));
  $('page-of').textContent = t('au.pageOf', { page: r.page + 1, pages: pages });
  $('prev').disabled = r.page === 0;
  $('next').disabled = r.page + 1 >= pages;
}

start();
