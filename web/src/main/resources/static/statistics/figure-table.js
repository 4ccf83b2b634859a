/*
 * The figure table: one column per figure (its definition shown when the name is hovered or focused), one row per
 * group (child office and 本级, month, or category) and the total; each cell keeps the API's value, numerator and
 * denominator in data attributes, and a rate shows its numerator/denominator under the percentage.
 */
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { figureDefinition, figureLabel, formatValue, measureOf, rowLabel } from '/statistics/figures.js';

/** Renders {@code table} (the API's answer) into the table's head, rows and foot. */
export function renderFigureTable(parts, table) {
  const figures = table.figures;
  parts.head.replaceChildren(el('tr', null,
    el('th', { scope: 'col' }, t('stat.col.group')),
    ...figures.map(f => el('th', { scope: 'col', class: 'st-figure-head', 'data-figure': f.key },
      el('span', { class: 'st-fig', tabindex: '0', 'aria-describedby': 'def-' + f.key, 'data-testid': 'figure-name' },
        figureLabel(f)),
      el('span', { class: 'st-def', role: 'tooltip', id: 'def-' + f.key, 'data-testid': 'figure-definition' },
        figureDefinition(f))))));
  parts.rows.replaceChildren(...table.rows.map(r => row(r, figures, 'figure-row')));
  parts.foot.replaceChildren(row(table.total, figures, 'figure-total'));
}

function row(r, figures, testId) {
  return el('tr', { 'data-testid': testId, 'data-key': r.key },
    el('th', { scope: 'row' }, el('span', { translate: r.key === 'total' ? null : 'no' }, rowLabel(r))),
    ...figures.map(f => cell(measureOf(r, f.key), f)));
}

function cell(m, figure) {
  const shown = formatValue(m, figure.kind);
  const attrs = { 'data-figure': figure.key, 'data-value': m.value === null ? '' : String(m.value),
    'data-numerator': String(m.numerator), 'data-denominator': String(m.denominator), class: 'st-num' };
  if (shown === null) {
    return el('td', attrs, el('span', { 'aria-hidden': 'true' }, '—'),
      el('span', { class: 'visually-hidden' }, t('stat.noData')));
  }
  const out = el('td', attrs, el('span', { 'data-testid': 'value' }, shown));
  if (figure.kind === 'RATE') {
    out.appendChild(el('span', { class: 'st-ratio muted small', title: t('stat.ratio') },
      m.numerator + '/' + m.denominator));
  }
  return out;
}
