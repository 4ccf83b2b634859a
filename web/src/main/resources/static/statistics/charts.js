/*
 * The statistics charts (Apache ECharts, served by the application): a trend by month, a bar per child office (and
 * 本级), a bar per category, and a tree of the offices coloured by the chosen figure. Each chart is drawn as SVG in the
 * page's language (ECharts' own texts in its ZH or EN locale), without animation, and is redrawn from scratch after a
 * language switch; every value is written on the chart (colour is never the only signal) and every chart has its
 * numbers as a table under it. Missing data ("no data") is a gap on a line, no bar, and a grey node marked 无数据.
 */
import { el } from '/js/dom.js';
import { lang, t } from '/js/i18n.js';
import { chartValue, figureLabel, formatValue, measureOf, rowLabel, unitOf } from '/statistics/figures.js';

const charts = new Map();
const LOW = [253, 224, 220];
const HIGH = [140, 29, 24];
const NONE = '#c9ced6';
const BAR = '#b8282e';

/** A new chart in the element {@code id} (the old one there disposed), its accessible name {@code name}. */
function fresh(id, name, height) {
  const dom = document.getElementById(id);
  const old = charts.get(id);
  if (old) old.dispose();
  if (height) dom.style.height = height + 'px';
  dom.setAttribute('aria-label', name + t('stat.chart.seeTable'));
  const chart = window.echarts.init(dom, null, { renderer: 'svg', locale: lang() === 'en' ? 'EN' : 'ZH' });
  charts.set(id, chart);
  return chart;
}

/** Fits every chart to its box again (after the window changed size). */
export function resizeCharts() {
  charts.forEach(c => c.resize());
}

/** Whether the ECharts library loaded. */
export function chartsAvailable() {
  return typeof window.echarts === 'object' && typeof window.echarts.init === 'function';
}

function label(kind) {
  return {
    show: true,
    formatter: (p) => p.value === '-' || p.value === null || p.value === undefined ? t('stat.noData')
      : formatValue({ value: p.value }, kind)
  };
}

function common(figure) {
  return {
    animation: false,
    textStyle: { fontFamily: lang() === 'en' ? 'Noto Sans, DejaVu Sans, sans-serif' : 'Noto Sans CJK SC, sans-serif' },
    tooltip: { trigger: 'item', valueFormatter: (v) => formatValue({ value: v }, figure.kind) || t('stat.noData') }
  };
}

function values(rows, figure) {
  return rows.map(r => {
    const v = chartValue(measureOf(r, figure.key));
    return v === null ? '-' : v;
  });
}

/** The trend by month: a line through the months, a gap where a month has no data. */
export function monthChart(box, table, figure, title) {
  const chart = fresh(box.id, title);
  chart.setOption(Object.assign(common(figure), {
    grid: { left: 56, right: 24, top: 36, bottom: 36 },
    xAxis: { type: 'category', data: table.rows.map(rowLabel) },
    yAxis: { type: 'value', name: unitOf(figure.kind) || figureLabel(figure), nameTextStyle: { align: 'left' } },
    series: [{ type: 'line', name: figureLabel(figure), data: values(table.rows, figure), symbol: 'circle',
      symbolSize: 8, connectNulls: false, label: label(figure.kind), lineStyle: { width: 2, color: BAR },
      itemStyle: { color: BAR } }]
  }));
  dataTable(box.table, table.rows.map(r => ({ label: rowLabel(r), measure: measureOf(r, figure.key) })), figure);
}

/** A bar per group (child offices and 本级, or categories), named on the category axis, the value on the bar. */
export function barChart(box, table, figure, title, horizontal) {
  const names = table.rows.map(rowLabel);
  const height = horizontal ? Math.max(260, 34 * names.length + 70) : 320;
  const chart = fresh(box.id, title, height);
  const category = { type: 'category', data: names, axisLabel: { interval: 0, width: 220, overflow: 'break' } };
  const value = { type: 'value', name: unitOf(figure.kind) };
  if (horizontal) category.inverse = true;
  chart.setOption(Object.assign(common(figure), {
    grid: { left: horizontal ? 236 : 48, right: 56, top: 30, bottom: horizontal ? 24 : 60 },
    xAxis: horizontal ? value : Object.assign(category, { axisLabel: { interval: 0, rotate: 20 } }),
    yAxis: horizontal ? category : value,
    series: [{ type: 'bar', name: figureLabel(figure), data: values(table.rows, figure),
      label: Object.assign(label(figure.kind), { position: horizontal ? 'right' : 'top' }),
      itemStyle: { color: BAR }, barMaxWidth: 36 }]
  }));
  dataTable(box.table, table.rows.map(r => ({ label: rowLabel(r), measure: measureOf(r, figure.key) })), figure);
}

/**
 * The tree of offices ({@code tree}: {label, row, children}) coloured from light (lowest) to dark (highest) by the
 * figure; each node's value written beside its name; {@code legend} says how to read the colours.
 */
export function treeChart(box, tree, figure, title, legend) {
  const all = [];
  (function walk(n) { all.push(chartValue(measureOf(n.row, figure.key))); (n.children || []).forEach(walk); })(tree);
  const known = all.filter(v => v !== null);
  const min = known.length ? Math.min(...known) : 0;
  const max = known.length ? Math.max(...known) : 0;
  const leaves = all.length;
  const chart = fresh(box.id, title, Math.max(360, 26 * leaves));
  const node = (n) => {
    const m = measureOf(n.row, figure.key);
    const v = chartValue(m);
    const shown = v === null ? t('stat.noData') : formatValue(m, figure.kind);
    return {
      name: n.label, value: v === null ? '-' : v, shown: shown,
      itemStyle: { color: v === null ? NONE : colour(v, min, max), borderColor: '#2b3440' },
      children: (n.children || []).map(node)
    };
  };
  chart.setOption(Object.assign(common(figure), {
    series: [{ type: 'tree', data: [node(tree)], orient: 'LR', initialTreeDepth: -1, expandAndCollapse: false,
      top: 16, bottom: 16, left: 150, right: 240, symbolSize: 14,
      label: { position: 'left', verticalAlign: 'middle', align: 'right', formatter: (p) => p.name + '  ' + p.data.shown },
      leaves: { label: { position: 'right', align: 'left' } } }]
  }));
  legend.textContent = known.length ? t('stat.tree.legend', { min: formatValue({ value: min }, figure.kind),
    max: formatValue({ value: max }, figure.kind) }) : t('stat.tree.legendNone');
  const rows = [];
  (function flat(n, depth) {
    rows.push({ label: n.label, measure: measureOf(n.row, figure.key), depth: depth });
    (n.children || []).forEach(c => flat(c, depth + 1));
  })(tree, 0);
  dataTable(box.table, rows, figure);
}

function colour(v, min, max) {
  const f = max === min ? 1 : (v - min) / (max - min);
  const c = LOW.map((lo, i) => Math.round(lo + (HIGH[i] - lo) * f));
  return 'rgb(' + c.join(',') + ')';
}

/** The chart's numbers as a table: group, value (and numerator/denominator for a rate). */
function dataTable(container, rows, figure) {
  const rate = figure.kind === 'RATE';
  container.replaceChildren(el('table', { class: 'st-mini', 'data-testid': 'chart-data' },
    el('thead', null, el('tr', null, el('th', { scope: 'col' }, t('stat.col.group')),
      el('th', { scope: 'col' }, figureLabel(figure)),
      rate ? el('th', { scope: 'col' }, t('stat.ratio')) : null)),
    el('tbody', null, ...rows.map(r => el('tr', { 'data-testid': 'chart-data-row' },
      el('th', { scope: 'row', style: r.depth ? 'padding-left:' + (8 + 18 * r.depth) + 'px' : null },
        el('span', { translate: 'no' }, r.label)),
      el('td', { class: 'st-num', 'data-value': r.measure.value === null ? '' : String(r.measure.value) },
        formatValue(r.measure, figure.kind) || t('stat.noData')),
      rate ? el('td', { class: 'st-num' }, r.measure.numerator + '/' + r.measure.denominator) : null)))));
}
