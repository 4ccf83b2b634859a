/*
 * The leader's instructions (处理意见) on the console, during the reception and after its end: the text, the moment it
 * was said (saidAt: the moment the leader began writing, or 记下此刻 / Mark this moment), and assignments to
 * responsible units — an office or department in the leader's reach (his office's subtree), a deadline prefilled
 * with 60 days from the case's acceptance (editable; left as it is, the server's own default applies) and whether a
 * completion report is required. Sent as POST /api/bookings/{id}/instructions; what was sent shows below with its
 * items. The form is built once per booking (labels translate in place), so a refusal or a language switch never
 * loses what was typed; a refusal shows the rule's message.
 */
import { get, post } from '/js/api.js';
import { addDays, formatTime } from '/js/dates.js';
import { dateField } from '/js/date-field.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { officeName, say, sayError } from '/js/page.js';
import { bookingPath, longDay, stateBadges, unitNode, when } from '/supervision/items.js';

const $ = byId;
const DEFAULT_DAYS = 60;

/** The offices in the subtree of {@code rootId} (itself included), the root first, then by code. */
export function subtreeOf(offices, rootId) {
  const below = new Map();
  for (const o of offices.values()) {
    if (o.parentId == null) continue;
    if (!below.has(o.parentId)) below.set(o.parentId, []);
    below.get(o.parentId).push(o);
  }
  const out = [];
  const walk = (o) => {
    out.push(o);
    (below.get(o.id) || []).sort((a, b) => String(a.code || a.id).localeCompare(String(b.code || b.id))).forEach(walk);
  };
  const root = offices.get(rootId);
  if (root) walk(root);
  return out;
}

/**
 * {@code ctx}: me(), offices(), zone(), booking() (the open booking or null), acceptedOn() (the case's acceptance
 * day, yyyy-MM-dd, or null while unknown). Returns {sync(), render()}: sync() after every render of the room.
 */
export function instructionsPanel(ctx) {
  let bookingId = null;
  let list = null;        // the booking's instructions
  let startedAt = null;   // when the leader began writing
  let markedAt = null;    // 记下此刻
  let rows = [];          // the assignment rows: {row, unit, deadline, report, prefilled}
  let serial = 0;

  $('instr-text').addEventListener('input', () => { if (!startedAt && $('instr-text').value.trim()) { startedAt = new Date(); renderMoment(); } });
  $('instr-mark').addEventListener('click', () => { markedAt = new Date(); renderMoment(); });
  $('instr-add').addEventListener('click', () => addRow());
  $('instr-form').addEventListener('submit', (e) => { e.preventDefault(); submit(); });

  function mayWrite() {
    const me = ctx.me();
    const b = ctx.booking();
    return !!me && !!b && me.role === 'LEADER' && me.officialId != null && me.officialId === b.officialId;
  }

  /** Follows the room: a new booking opened starts an empty form and loads its instructions. */
  function sync() {
    const b = ctx.booking();
    $('instructions-panel').hidden = !b;
    if (!b) { bookingId = null; return; }
    if (b.id !== bookingId) {
      bookingId = b.id;
      reset();
      list = null;
      load();
    }
    $('instr-form').hidden = !mayWrite();
    // the deadline of rows added before the case was known follows it once it is
    for (const r of rows) if (r.prefilled && !r.deadline.value && ctx.acceptedOn()) r.deadline.value = defaultDeadline();
  }

  function reset() {
    $('instr-text').value = '';
    startedAt = null;
    markedAt = null;
    rows.forEach(r => r.row.remove());
    rows = [];
    say($('instr-error'), null);
    say($('instr-info'), null);
    renderMoment();
  }

  async function load() {
    const id = bookingId;
    try {
      const found = await get(bookingPath(id) + '/instructions');
      if (id === bookingId) list = found || [];
    } catch (err) {
      if (id === bookingId) list = [];
    }
    renderList();
  }

  function defaultDeadline() {
    const accepted = ctx.acceptedOn();
    return accepted ? addDays(accepted, DEFAULT_DAYS) : '';
  }

  function addRow() {
    const n = ++serial;
    const me = ctx.me();
    const unit = el('select', { id: 'instr-unit-' + n, 'data-testid': 'instr-unit', required: true },
      el('option', { value: '' }, t('sv.instr.unitChoose')),
      ...subtreeOf(ctx.offices(), me.officeId).map(o => el('option', { value: o.id, translate: 'no' }, officeName(o))));
    const deadline = el('input', { type: 'date', id: 'instr-deadline-' + n, 'data-testid': 'instr-deadline' });
    const report = el('input', { type: 'checkbox', id: 'instr-report-' + n, 'data-testid': 'instr-report', checked: true });
    const remove = el('button', { type: 'button', class: 'link', 'data-testid': 'instr-remove', 'data-i18n': 'sv.instr.remove' }, t('sv.instr.remove'));
    const row = el('li', { class: 'instr-row', 'data-testid': 'instr-row' },
      el('span', { class: 'sv-field' }, el('label', { for: unit.id, 'data-i18n': 'sv.instr.unit' }, t('sv.instr.unit')), unit),
      el('span', { class: 'sv-field' }, el('label', { for: deadline.id, 'data-i18n': 'sv.instr.deadline' }, t('sv.instr.deadline')), deadline),
      el('span', { class: 'inline' }, report, el('label', { for: report.id, 'data-i18n': 'sv.instr.report' }, t('sv.instr.report'))),
      remove);
    const entry = { row: row, unit: unit, deadline: deadline, report: report, prefilled: defaultDeadline() };
    remove.addEventListener('click', () => { rows.splice(rows.indexOf(entry), 1); row.remove(); });
    rows.push(entry);
    $('instr-rows').appendChild(row);
    dateField(deadline);
    deadline.value = entry.prefilled;
    unit.focus();
  }

  function renderMoment() {
    const at = markedAt || startedAt;
    $('instr-moment').textContent = at
      ? t(markedAt ? 'sv.instr.marked' : 'sv.instr.started', { time: formatTime(at, ctx.zone()) + ':' + String(at.getSeconds()).padStart(2, '0') })
      : t('sv.instr.momentNone');
  }

  async function submit() {
    say($('instr-error'), null);
    say($('instr-info'), null);
    const text = $('instr-text').value.trim();
    document.querySelectorAll('#instr-form [aria-invalid]').forEach(n => n.removeAttribute('aria-invalid'));
    const blank = rows.find(r => !r.unit.value);
    if (blank) {
      blank.unit.setAttribute('aria-invalid', 'true');
      say($('instr-error'), () => t('sv.instr.unitMissing'));
      blank.unit.focus();
      return;
    }
    if (!text && !rows.length) {
      $('instr-text').setAttribute('aria-invalid', 'true');
      say($('instr-error'), () => t('sv.instr.empty'));
      $('instr-text').focus();
      return;
    }
    const at = markedAt || startedAt;
    const body = { text: text, saidAt: at ? at.toISOString() : null,
      assignments: rows.map(r => ({ unitOfficeId: Number(r.unit.value), requiresReport: r.report.checked,
        deadline: r.deadline.value && r.deadline.value !== r.prefilled ? r.deadline.value : null })) };
    $('instr-submit').disabled = true;
    try {
      const created = await post(bookingPath(bookingId) + '/instructions', body);
      list = (list || []).concat([created]);
      reset();
      say($('instr-info'), () => t('sv.instr.sent', { count: (created.items || []).length }));
      renderList();
    } catch (err) {
      sayError($('instr-error'), err);
    } finally {
      $('instr-submit').disabled = false;
    }
  }

  function renderList() {
    const box = $('instr-list');
    box.replaceChildren();
    if (list && !list.length) box.appendChild(el('p', { class: 'muted', 'data-testid': 'instr-none' }, t('sv.instr.none')));
    for (const ins of list || []) {
      box.appendChild(el('article', { class: 'instr-sent', 'data-testid': 'instruction', dataset: { id: ins.id } },
        el('p', { class: 'muted' }, t('sv.instr.saidAt', { time: when(ins.saidAt, ctx.zone()) }), ' · ', t('sv.instr.by'),
          el('span', { translate: 'no' }, ins.createdBy || '')),
        ins.text ? el('p', { class: 'sv-text', translate: 'no', 'data-testid': 'instruction-text' }, ins.text) : null,
        el('ul', { class: 'instr-items' }, ...(ins.items || []).map(item => el('li', { 'data-testid': 'instruction-item', dataset: { id: item.id } },
          el('span', { translate: 'no' }, item.number), ' · ', unitNode(item.unit), ' · ', t('sv.instr.until'),
          longDay(item.deadline), item.requiresReport ? ' · ' + t('sv.report.required') : '', ' ', ...stateBadges(item))))));
    }
  }

  function render() {
    renderMoment();
    renderList();
    // the unit choices' first line follows the language; the names are data
    for (const r of rows) r.unit.options[0].textContent = t('sv.instr.unitChoose');
  }

  return { sync: sync, render: render };
}
