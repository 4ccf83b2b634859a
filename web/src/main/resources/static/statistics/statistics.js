/*
 * The statistics page (统计分析): an office of the user's subtree and a range of whole days; the figure table broken
 * down by child office, month or category, with each figure's definition and the CSV of the same query; charts of a
 * chosen figure by month, by child office, by category, and a tree of the offices coloured by it. The query is kept in
 * the address (?office=&from=&to=&groupBy=&figure=), so a view can be bookmarked or sent on.
 */
import { get } from '/js/api.js';
import { isoDate } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { lang, t } from '/js/i18n.js';
import { renderNav } from '/js/nav.js';
import { markReady, officeName, repaintMessages, say, sayError, startPage } from '/js/page.js';
import common from '/i18n/common.js';
import errors from '/i18n/errors.js';
import statistics from '/i18n/statistics.js';
import { barChart, chartsAvailable, monthChart, resizeCharts, treeChart } from '/statistics/charts.js';
import { renderFigureTable } from '/statistics/figure-table.js';
import { figureLabel, rowLabel } from '/statistics/figures.js';
import { labelTree, officeTree } from '/statistics/office-tree.js';

const $ = byId;
const GROUPS = ['OFFICE_CHILDREN', 'MONTH', 'CATEGORY'];
const DEFAULT_FIGURE = 'COMPLETION';

const S = { ctx: null, query: null, tables: null, tree: null, figure: DEFAULT_FIGURE };

async function start() {
  const ctx = await startPage({ messages: [common, errors, statistics], onLanguageChange: renderAll });
  if (!ctx) return;
  S.ctx = ctx;
  renderNav($('nav'), ctx.me, 'statistics');
  const asked = new URLSearchParams(window.location.search);
  const today = isoDate(new Date(), ctx.zone);
  $('q-to').value = asked.get('to') || today;
  $('q-from').value = asked.get('from') || yearAgo(today);
  if (GROUPS.includes(asked.get('groupBy'))) $('q-group').value = asked.get('groupBy');
  if (asked.get('figure')) S.figure = asked.get('figure');
  renderOffices(asked.get('office') || String(ctx.me.officeId));
  $('query').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  $('q-group').addEventListener('change', () => { if (S.tables) { remember(); renderTable(); } });
  $('chart-figure').addEventListener('change', () => {
    S.figure = $('chart-figure').value;
    remember();
    renderCharts();
  });
  window.addEventListener('resize', resizeCharts);
  await load();
  markReady();
}

/** The first day of the month eleven months before {@code day}'s: twelve calendar months to date. */
function yearAgo(day) {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 - 11, 1)).toISOString().substring(0, 10);
}

/** The offices of the user's subtree (the offices API gives the whole tree in path order), indented by depth. */
function subtree() {
  const mine = S.ctx.offices.get(S.ctx.me.officeId);
  if (!mine) return [];
  return [...S.ctx.offices.values()].filter(o => o.path.startsWith(mine.path));
}

function renderOffices(chosen) {
  const select = $('q-office');
  const keep = chosen || select.value;
  const offices = subtree();
  const top = offices.length ? offices[0].path.split('/').length : 0;
  select.replaceChildren(...offices.map(o => el('option', { value: String(o.id), translate: 'no' },
    '\u3000'.repeat(Math.max(0, o.path.split('/').length - top)) + officeName(o))));
  if (offices.some(o => String(o.id) === String(keep))) select.value = String(keep);
}

function currentQuery() {
  return { office: $('q-office').value, from: $('q-from').value, to: $('q-to').value };
}

/** Fetches the three breakdowns of the query (the table shows one, the charts use all) and then the office tree. */
async function load() {
  if (!$('query').reportValidity()) return;
  const q = currentQuery();
  say($('query-error'), null);
  say($('status'), () => t('stat.loading'));
  $('q-apply').disabled = true;
  try {
    const answers = await Promise.all(GROUPS.map(g => get(api(q, g))));
    S.query = q;
    S.tables = {};
    GROUPS.forEach((g, i) => { S.tables[g] = answers[i]; });
    S.tree = await officeTree(S.tables.OFFICE_CHILDREN, q, S.ctx.offices);
    remember();
    renderAll();
    say($('status'), () => t('stat.loaded', { from: q.from, to: q.to }));
    $('table-card').dataset.query = new URLSearchParams(q).toString();
  } catch (err) {
    say($('status'), null);
    sayError($('query-error'), err);
  } finally {
    $('q-apply').disabled = false;
  }
}

function api(q, groupBy, extra) {
  return '/api/v1/statistics?' + new URLSearchParams(Object.assign({ office: q.office, from: q.from, to: q.to,
    groupBy: groupBy }, extra || {}));
}

/** Keeps the query, grouping and chart figure in the address. */
function remember() {
  if (!S.query) return;
  const p = new URLSearchParams(Object.assign({}, S.query, { groupBy: $('q-group').value, figure: S.figure }));
  window.history.replaceState(null, '', '?' + p);
}

function renderAll() {
  if (!S.ctx) return;
  renderNav($('nav'), S.ctx.me, 'statistics');
  renderOffices();
  renderTable();
  renderCharts();
  repaintMessages($('status'));
}

function renderTable() {
  if (!S.tables) return;
  const group = $('q-group').value;
  const table = S.tables[group];
  const title = t('stat.table.title', { office: officeName(table.office), group: t('stat.group.' + group) });
  $('table-title').textContent = title;
  $('figure-caption').textContent = title + ' ' + t('stat.range', { from: table.from, to: table.to });
  renderFigureTable({ head: $('figure-head'), rows: $('figure-rows'), foot: $('figure-total') }, table);
  $('csv-link').href = api(S.query, group, { format: 'csv', lang: lang() });
  $('table-card').hidden = false;
}

function renderCharts() {
  if (!S.tables) return;
  const figures = S.tables.OFFICE_CHILDREN.figures;
  if (!figures.some(f => f.key === S.figure)) S.figure = DEFAULT_FIGURE;
  $('chart-figure').replaceChildren(...figures.map(f => el('option', { value: f.key }, figureLabel(f))));
  $('chart-figure').value = S.figure;
  const figure = figures.find(f => f.key === S.figure);
  $('charts-card').hidden = false;
  if (!chartsAvailable()) {
    say($('page-error'), () => t('stat.charts.missing'));
    return;
  }
  const name = figureLabel(figure);
  const office = officeName(S.tables.OFFICE_CHILDREN.office);
  const titles = {
    month: t('stat.chart.month', { figure: name }),
    children: t('stat.chart.children', { figure: name, office: office }),
    category: t('stat.chart.category', { figure: name }),
    tree: t('stat.chart.tree', { figure: name, office: office })
  };
  for (const [id, title] of Object.entries(titles)) $('chart-' + id + '-title').textContent = title;
  monthChart(box('month'), S.tables.MONTH, figure, titles.month);
  barChart(box('children'), S.tables.OFFICE_CHILDREN, figure, titles.children, true);
  barChart(box('category'), S.tables.CATEGORY, figure, titles.category, false);
  treeChart(box('tree'), labelTree(S.tree, rowLabel, officeName), figure, titles.tree, $('chart-tree-legend'));
}

function box(id) {
  return { id: 'chart-' + id, table: $('chart-' + id + '-table') };
}

start();
