/*
 * The figures as the statistics API defines them (GET /api/v1/statistics: each figure's key, kind, names and
 * definitions in both languages), and how a measure reads: a count as is, a rate as a percentage with one decimal, an
 * average in whole seconds, a score (1–5) with two decimals; no data (value null) is "—", never 0.
 */
import { lang } from '/js/i18n.js';

/** The figure's name in the current language. */
export function figureLabel(figure) {
  return lang() === 'en' ? figure.labelEn : figure.label;
}

/** The figure's definition (统计口径) in the current language. */
export function figureDefinition(figure) {
  return lang() === 'en' ? figure.definitionEn : figure.definition;
}

/** A row's label (an office, 本级, a month, a category, 合计) in the current language. */
export function rowLabel(row) {
  return lang() === 'en' ? (row.labelEn || row.label) : row.label;
}

/** The measure of {@code figureKey} in a row of the API's table. */
export function measureOf(row, figureKey) {
  return row.figures.find(m => m.figure === figureKey);
}

/** The value as a number for a chart, or null when there is no data. */
export function chartValue(measure) {
  return measure && measure.value !== null && measure.value !== undefined ? Number(measure.value) : null;
}

/** The value as shown: 12 · 66.7% · 151 · 3.67; null when there is no data. */
export function formatValue(measure, kind) {
  const v = chartValue(measure);
  if (v === null) return null;
  switch (kind) {
    case 'RATE': return v.toFixed(1) + '%';
    case 'SCORE': return v.toFixed(2);
    default: return String(Math.round(v));
  }
}

/** The unit a chart's value axis carries for a figure of {@code kind} ('%', '', …). */
export function unitOf(kind) {
  return kind === 'RATE' ? '%' : '';
}
