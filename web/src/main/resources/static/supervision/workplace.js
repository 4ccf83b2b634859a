/*
 * The supervision workplace (督办工作台) of a supervising office and every office above it: every item in the user's
 * subtree, filtered by state (with the count of each), kind, unit and case, overdue first; an item opened with its
 * history and the supervisor's acts (accept, return for redo, decide the extension, 催办); a 督办单 sent to a unit
 * (order-form.js) and printed (order-print.js). ?item=<id> opens one at once.
 */
import { get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { DEFAULT_ZONE, officeName, repaintMessages, say, sayError } from '/js/page.js';
import { ITEMS, KINDS } from '/supervision/items.js';
import { itemPanel, startItemsPage } from '/supervision/item-panel.js';
import { renderItemRows, renderStateFilter } from '/supervision/item-list.js';
import { renderNav } from '/js/nav.js';
import { orderForm } from '/supervision/order-form.js';
import { orderSheet } from '/supervision/order-print.js';

const $ = byId;
const PAGE = 50;
const COUNTED = ['PENDING_SIGN', 'IN_PROGRESS', 'REPLIED', 'COMPLETED', 'RETURNED', 'OVERDUE'];

const S = { me: null, zone: DEFAULT_ZONE, offices: new Map(), state: '', items: null, total: 0, counts: null };

const panel = itemPanel(S, { changed: () => load(), closed: () => renderList(), shown: () => renderList() });
const orders = orderForm(S, { sent: (item) => { load(); panel.open(item.id); } });
const sheet = orderSheet(S);

async function start() {
  $('list-refresh').addEventListener('click', () => load());
  $('filters').addEventListener('submit', (e) => { e.preventDefault(); load(); });
  $('f-kind').addEventListener('change', () => load());
  $('f-unit').addEventListener('change', () => load());
  $('list-more').addEventListener('click', () => load(true));
  $('order-open').addEventListener('click', () => orders.open(null));
  $('detail-order').addEventListener('click', () => orders.open(panel.current()));
  $('detail-print').addEventListener('click', () => sheet.print(panel.current()));
  await startItemsPage(S, { renderAll: renderAll, load: load, panel: panel });
}

function renderAll() {
  renderNav($('nav'), S.me, 'supervision');
  renderFilters();
  renderList();
  panel.render();
  orders.render();
  sheet.render();
  repaintMessages();
}

/** The kind and unit choices (the units: the offices this user sees), keeping what is chosen. */
function renderFilters() {
  const kind = $('f-kind');
  const chosenKind = kind.value;
  kind.replaceChildren(el('option', { value: '' }, t('sv.filter.all')),
    ...KINDS.map(k => el('option', { value: k }, t('sv.kind.' + k))));
  kind.value = chosenKind;
  const unit = $('f-unit');
  const chosenUnit = unit.value;
  const offices = [...S.offices.values()].sort((a, b) => String(a.code || a.id).localeCompare(String(b.code || b.id)));
  unit.replaceChildren(el('option', { value: '' }, t('sv.filter.all')),
    ...offices.map(o => el('option', { value: o.id, translate: 'no' }, officeName(o))));
  unit.value = chosenUnit;
}

function query(state, limit, offset) {
  const p = new URLSearchParams();
  if (state === 'OVERDUE') p.set('overdue', 'true');
  if (state) p.set('state', state);
  if ($('f-kind').value) p.set('kind', $('f-kind').value);
  if ($('f-unit').value) p.set('unitId', $('f-unit').value);
  const q = $('f-q').value.trim();
  if (/^\d+$/.test(q)) p.set('caseId', q); else if (q) p.set('q', q);
  p.set('limit', String(limit));
  p.set('offset', String(offset));
  return ITEMS + '?' + p.toString();
}

/** The chosen state's items (more: the next page added), and the count of every state under the same filters. */
async function load(more) {
  $('list-status').textContent = t('list.loading');
  say($('list-error'), null);
  const offset = more && S.items ? S.items.length : 0;
  try {
    const [page, ...counts] = await Promise.all([get(query(S.state, PAGE, offset)),
      get(query('', 1, 0)), ...COUNTED.map(s => get(query(s, 1, 0)))]);
    S.items = (more && S.items ? S.items : []).concat(page.items || []);
    S.total = page.total || 0;
    S.counts = { ALL: counts[0].total };
    COUNTED.forEach((s, i) => { S.counts[s] = counts[i + 1].total; });
    $('list-status').textContent = S.items.length < S.total ? t('sv.shown', { shown: S.items.length, total: S.total }) : '';
  } catch (err) {
    S.items = S.items || [];
    $('list-status').textContent = '';
    sayError($('list-error'), err);
  }
  renderList();
}

function renderList() {
  renderStateFilter($('state-filter'), S.state, S.counts, (state) => { S.state = state; load(); });
  const open = panel.current();
  renderItemRows($('items'), S.items || [], { open: (item) => panel.open(item.id), openId: open ? open.id : null, showUnit: true });
  $('list-empty').hidden = !(S.items && S.items.length === 0);
  $('list-more').hidden = !(S.items && S.items.length < S.total);
  $('detail-print').hidden = !(open && open.kind !== 'ASSIGNMENT');
}

start();
