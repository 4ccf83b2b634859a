/*
 * The weekly reception windows of the chosen official: one row per window (day, from, to, remove), a row added
 * with "添加时间段", all saved together (PUT /api/v1/officials/{id}/windows). Rows are checked before saving (times
 * given, start before end); overlaps and the rest are the server's rules, shown in the page's language.
 */
import { api } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say } from '/js/page.js';
import { problemText } from '/admin/texts.js';
import { fillTimes } from '/admin/time-choices.js';

const $ = byId;
export const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

/** Wires add and save; {@code saved()} is told after the server took the windows. Returns {render()}. */
export function windowEditor(S, { saved }) {
  $('window-add').addEventListener('click', () => {
    const last = S.draft[S.draft.length - 1];
    const next = last ? DAYS[(DAYS.indexOf(last.day) + 1) % 7] : 'MONDAY';
    S.draft.push({ day: next, start: '09:00', end: '12:00' });
    changed();
    render();
    const selects = document.querySelectorAll('#window-rows select');
    if (selects.length) selects[selects.length - 1].focus();
  });
  $('windows-save').addEventListener('click', save);

  function changed() {
    S.dirty = true;
    say($('windows-error'), null);
    say($('windows-ok'), () => t('admin.windows.unsaved'));
  }

  function row(w, i) {
    const n = i + 1;
    const day = el('select', { 'data-testid': 'window-day', 'aria-label': t('admin.windows.day') + ' ' + n,
      onchange: (e) => { w.day = e.target.value; changed(); } },
    DAYS.map(d => el('option', { value: d, selected: d === w.day }, t('admin.day.' + d))));
    const time = (field) => {
      const select = el('select', { 'data-testid': 'window-' + field,
        'aria-label': t('admin.windows.' + field) + ' ' + n,
        onchange: (e) => { w[field] = e.target.value; changed(); } });
      fillTimes(select, w[field]);
      return select;
    };
    const remove = el('button', {
      type: 'button', class: 'danger', 'data-testid': 'window-remove',
      'aria-label': t('admin.windows.removeLabel', { day: t('admin.day.' + w.day), start: w.start, end: w.end }),
      onclick: () => { S.draft.splice(i, 1); changed(); render(); }
    }, t('admin.windows.remove'));
    return el('tr', { 'data-testid': 'window-row' }, el('td', null, day), el('td', null, time('start')),
      el('td', null, time('end')), el('td', null, remove));
  }

  function render() {
    const body = $('window-rows');
    body.replaceChildren(...S.draft.map(row));
    $('windows').hidden = !S.draft.length;
    $('windows-none').hidden = S.draft.length > 0;
  }

  /** The first problem of the rows a person can fix before saving, or null. */
  function problem() {
    for (let i = 0; i < S.draft.length; i++) {
      const w = S.draft[i];
      if (!w.start || !w.end) return t('admin.windows.missing', { n: i + 1 });
      if (w.start >= w.end) return t('admin.windows.order', { n: i + 1 });
    }
    for (let i = 0; i < S.draft.length; i++) {
      for (let j = i + 1; j < S.draft.length; j++) {
        const a = S.draft[i], b = S.draft[j];
        if (a.day === b.day && a.start < b.end && b.start < a.end) {
          return t('admin.windows.overlap', { day: t('admin.day.' + a.day), a: i + 1, b: j + 1 });
        }
      }
    }
    return null;
  }

  async function save() {
    const official = S.chosen;
    if (!official) return;
    say($('windows-ok'), null);
    const wrong = problem();
    if (wrong) {
      say($('windows-error'), () => problem() || wrong);
      return;
    }
    const body = S.draft.slice().sort((a, b) => DAYS.indexOf(a.day) - DAYS.indexOf(b.day)
      || a.start.localeCompare(b.start)).map(w => ({ day: w.day, start: w.start, end: w.end }));
    $('windows-save').disabled = true;
    try {
      const calendar = await api('PUT', '/api/v1/officials/' + official.id + '/windows', body);
      if (S.chosen !== official) return;
      S.calendar = calendar;
      S.draft = calendar.windows.map(w => ({ day: w.day, start: w.start, end: w.end }));
      S.dirty = false;
      say($('windows-error'), null);
      const n = calendar.windows.length;
      say($('windows-ok'), () => n ? t('admin.windows.saved', { n: n }) : t('admin.windows.savedNone'));
      saved();
    } catch (err) {
      say($('windows-error'), () => problemText(err));
    } finally {
      $('windows-save').disabled = false;
    }
  }

  return { render: render };
}
