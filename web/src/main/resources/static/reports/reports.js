/*
 * 通报与排名: the units of a jurisdiction ranked by completion rate for a month (with the talk flag: at the bottom
 * this month and the month before) and for a year, each with its rule in words, the month's bulletin and the year's
 * ranking as PDF, and the bulletins issued on the 1st. The jurisdictions offered are the user's office and the
 * offices under it that have units.
 */
import { get } from '/js/api.js';
import { formatDayTime } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { lang, t } from '/js/i18n.js';
import { renderNav } from '/js/nav.js';
import { markReady, officeName, repaintMessages, say, sayError, startPage } from '/js/page.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import reportMessages from '/i18n/reports.js';

const $ = byId;
const S = { me: null, zone: null, offices: new Map(), month: null, year: null, issued: [] };
/** The latest request of each section: an answer to an earlier choice that arrives late is dropped. */
const latest = { month: 0, year: 0, issued: 0 };

async function start() {
  const page = await startPage({ messages: [commonMessages, errorMessages, reportMessages], onLanguageChange: renderAll });
  if (!page) return;
  S.me = page.me;
  S.zone = page.zone;
  S.offices = page.offices;
  fillChoices();
  $('office').addEventListener('change', () => loadAll());
  $('month').addEventListener('change', () => loadMonth());
  $('year').addEventListener('change', () => loadYear());
  renderAll();
  const year = loadYear(); // a year of a large jurisdiction takes longest: the page is ready without it
  await Promise.all([loadMonth(), loadIssued()]);
  markReady();
  await year;
}

/** The jurisdictions (the user's office and those under it with units), the last 24 months, the last 5 years. */
function fillChoices() {
  const mine = S.offices.get(S.me.officeId);
  const all = [...S.offices.values()];
  const hasUnits = (o) => all.some(c => c.parentId === o.id);
  const seen = all.filter(o => mine && o.path.startsWith(mine.path) && (o.id === mine.id || hasUnits(o)));
  $('office').replaceChildren(...seen.map(o => el('option', { value: o.id, translate: 'no' }, officeName(o))));
  if (mine) $('office').value = String(mine.id);
  const now = new Date();
  const months = [];
  for (let i = 1; i <= 24; i++) {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    months.push(d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0'));
  }
  $('month').replaceChildren(...months.map(m => el('option', { value: m }, m)));
  const years = [];
  for (let y = now.getFullYear(); y > now.getFullYear() - 5; y--) years.push(String(y));
  $('year').replaceChildren(...years.map(y => el('option', { value: y }, y)));
}

function officeParam() {
  return 'office=' + encodeURIComponent($('office').value);
}

async function loadAll() {
  await Promise.all([loadMonth(), loadYear(), loadIssued()]);
}

async function loadMonth() {
  const month = $('month').value;
  $('month-pdf').href = '/api/v1/reports/bulletin.pdf?' + officeParam() + '&month=' + encodeURIComponent(month);
  const url = '/api/v1/reports/ranking?' + officeParam() + '&month=' + encodeURIComponent(month);
  if (await load('month', url, null, $('month-error'), $('month-status'))) renderMonth();
}

async function loadYear() {
  const year = $('year').value;
  $('year-pdf').href = '/api/v1/reports/ranking.pdf?' + officeParam() + '&year=' + encodeURIComponent(year);
  const url = '/api/v1/reports/ranking?' + officeParam() + '&year=' + encodeURIComponent(year);
  if (await load('year', url, null, $('year-error'), $('year-status'))) renderYear();
}

async function loadIssued() {
  if (await load('issued', '/api/v1/reports/bulletins?' + officeParam(), [], $('page-error'), null)) renderIssued();
}

/**
 * Loads S[key] from url ({@code empty} and the failure in errorBox when it fails; "loading" in statusBox meanwhile).
 * False when a later load of the same section was started meanwhile: its answer is the one shown.
 */
async function load(key, url, empty, errorBox, statusBox) {
  const mine = ++latest[key];
  say(errorBox, null);
  if (statusBox) say(statusBox, () => t('list.loading'));
  let value = empty;
  let failure = null;
  try {
    value = await get(url);
  } catch (err) {
    failure = err;
  }
  if (mine !== latest[key]) return false;
  S[key] = value;
  if (failure) sayError(errorBox, failure);
  if (statusBox) say(statusBox, null);
  return true;
}

function renderAll() {
  renderNav($('nav'), S.me, 'reports');
  renderMonth();
  renderYear();
  renderIssued();
  repaintMessages();
}

/** 66.7%, 45.0% — one decimal, as the PDFs print it; 无数据 when there is no data (never 0 %). */
function rate(m) {
  return m && m.value !== null && m.value !== undefined ? Number(m.value).toFixed(1) + '%' : t('rp.noData');
}

function unitName(u) {
  return lang() === 'en' && u.nameEn ? u.nameEn : u.name;
}

function placeCell(u) {
  return el('td', { class: 'num', 'data-testid': 'place' }, u.place === null ? t('rp.noData') : String(u.place));
}

function rule(r, field) {
  if (!r) return '';
  return lang() === 'en' ? r.rules[field + 'En'] : r.rules[field];
}

function renderMonth() {
  const r = S.month;
  $('month-title').textContent = r ? t('rp.month.headingOf', { office: officeName(r.office),
    period: lang() === 'en' ? r.period.labelEn : r.period.label }) : t('rp.month.heading');
  $('month-rule').textContent = rule(r, 'tieBreak');
  $('talk-rule').textContent = rule(r, 'talk');
  const rows = $('month-rows');
  rows.replaceChildren();
  if (!r) return;
  if (r.units.length === 0) {
    rows.appendChild(el('tr', null, el('td', { colspan: 7, class: 'muted' }, t('rp.noUnits'))));
  }
  for (const u of r.units) {
    rows.appendChild(el('tr', { class: u.flagged ? 'rp-flagged' : (u.place === null ? 'rp-nodata' : null),
      'data-testid': 'month-row', 'data-office': u.officeId },
      placeCell(u),
      el('td', { translate: 'no' }, unitName(u)),
      el('td', { class: 'num', 'data-testid': 'completion' }, rate(u.completion)),
      el('td', { class: 'num', 'data-testid': 'on-time' }, rate(u.repliedOnTime)),
      el('td', { class: 'num', 'data-testid': 'items' }, String(u.items)),
      el('td', { class: 'num' }, u.previousPlace === null ? t('rp.noData') : String(u.previousPlace)),
      el('td', { 'data-testid': 'talk' }, u.flagged ? el('span', { class: 'rp-badge' }, t('rp.talk')) : '')));
  }
  const flagged = r.units.filter(u => u.flagged);
  say($('talk-summary'), () => flagged.length === 0 ? t('rp.talk.none')
    : t('rp.talk.some', { units: flagged.map(unitName).join(lang() === 'en' ? ', ' : '、') }));
}

function renderYear() {
  const r = S.year;
  $('year-title').textContent = r ? t('rp.year.headingOf', { office: officeName(r.office),
    period: lang() === 'en' ? r.period.labelEn : r.period.label }) : t('rp.year.heading');
  $('year-rule').textContent = rule(r, 'tieBreak');
  const rows = $('year-rows');
  rows.replaceChildren();
  if (!r) return;
  if (r.units.length === 0) {
    rows.appendChild(el('tr', null, el('td', { colspan: 5, class: 'muted' }, t('rp.noUnits'))));
  }
  for (const u of r.units) {
    rows.appendChild(el('tr', { class: u.place === null ? 'rp-nodata' : null, 'data-testid': 'year-row',
      'data-office': u.officeId },
      placeCell(u),
      el('td', { translate: 'no' }, unitName(u)),
      el('td', { class: 'num', 'data-testid': 'completion' }, rate(u.completion)),
      el('td', { class: 'num', 'data-testid': 'on-time' }, rate(u.repliedOnTime)),
      el('td', { class: 'num', 'data-testid': 'items' }, String(u.items))));
  }
}

function renderIssued() {
  const list = $('issued');
  list.replaceChildren();
  if (S.issued.length === 0) {
    list.appendChild(el('li', { class: 'muted', 'data-testid': 'issued-none' }, t('rp.issued.none')));
    return;
  }
  for (const b of S.issued) {
    list.appendChild(el('li', { 'data-testid': 'issued-item' },
      el('a', { href: '/api/v1/reports/bulletins/' + b.id + '/pdf', target: '_blank', rel: 'noopener',
        class: 'rp-pdf' }, t('rp.issued.item', { period: b.period })),
      ' ', el('span', { class: 'muted' }, t('rp.issued.at', { at: formatDayTime(b.generatedAt, S.zone) }))));
  }
}

start();
