/*
 * The periods when the chosen official receives nobody (meetings, leave, holidays): listed with their reason, added
 * from a start and an end in the office's zone with a reason (POST /api/v1/officials/{id}/blocks), removed one by
 * one (DELETE …/blocks/{blockId}).
 */
import { api } from '/js/api.js';
import { isoDate } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { locale, t } from '/js/i18n.js';
import { say } from '/js/page.js';
import { problemText } from '/admin/texts.js';
import { fillDates, fillTimes } from '/admin/time-choices.js';
import { zonedInstant } from '/admin/zone-time.js';

const $ = byId;

/** "2026年12月3日周四 09:00 – 12:00", or with the end's date when it ends on another day. */
export function blockRange(start, end, zone) {
  const day = (i) => new Intl.DateTimeFormat(locale(), {
    timeZone: zone, year: 'numeric', month: 'short', day: 'numeric', weekday: 'short'
  }).format(new Date(i));
  const time = (i) => new Intl.DateTimeFormat(locale(), {
    timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
  }).format(new Date(i));
  const sameDay = isoDate(new Date(start), zone) === isoDate(new Date(end), zone);
  return day(start) + ' ' + time(start) + ' – ' + (sameDay ? '' : day(end) + ' ') + time(end);
}

/** Wires the form; {@code changed()} is told when a block was added or removed. Returns {render(), reset()}. */
export function blockedPeriods(S, { changed }) {
  $('block-form').addEventListener('submit', (e) => { e.preventDefault(); add(); });

  /** Fresh form for a newly chosen official: today 09:00–12:00 in the office's zone, no reason. */
  function reset() {
    const zone = S.calendar ? S.calendar.zone : S.zone;
    fillDates($('block-start-date'), zone);
    fillTimes($('block-start-time'), '09:00');
    fillDates($('block-end-date'), zone);
    fillTimes($('block-end-time'), '12:00');
    $('block-reason').value = '';
  }

  /** The date lists named again in the page's language, their choices kept. */
  function renderForm() {
    if (!S.calendar) return;
    for (const id of ['block-start-date', 'block-end-date']) fillDates($(id), S.calendar.zone, $(id).value);
  }

  function render() {
    renderForm();
    const ul = $('blocks');
    ul.replaceChildren();
    if (!S.calendar) return;
    const zone = S.calendar.zone;
    const list = S.calendar.blocks.slice().sort((a, b) => a.start.localeCompare(b.start));
    for (const b of list) {
      const range = blockRange(b.start, b.end, zone);
      ul.appendChild(el('li', { 'data-testid': 'block', dataset: { blockId: b.id } },
        el('span', { class: 'range' }, range),
        b.reason ? el('span', { class: 'reason', translate: 'no' }, b.reason)
          : el('span', { class: 'reason muted' }, t('admin.blocks.noReason')),
        el('span', { class: 'spacer' }),
        el('button', { type: 'button', class: 'danger', 'data-testid': 'block-remove',
          'aria-label': t('admin.blocks.removeLabel', { range: range }), onclick: () => remove(b) },
        t('admin.blocks.remove'))));
    }
    $('blocks-none').hidden = list.length > 0;
  }

  async function add() {
    const official = S.chosen;
    if (!official || !S.calendar) return;
    say($('blocks-ok'), null);
    const ids = ['block-start-date', 'block-start-time', 'block-end-date', 'block-end-time'];
    if (ids.some(id => !$(id).value)) {
      say($('blocks-error'), () => t('admin.blocks.missing'));
      return;
    }
    const zone = S.calendar.zone;
    const start = zonedInstant($('block-start-date').value, $('block-start-time').value, zone);
    const end = zonedInstant($('block-end-date').value, $('block-end-time').value, zone);
    if (!(start < end)) {
      say($('blocks-error'), () => t('admin.blocks.order'));
      return;
    }
    const reason = $('block-reason').value.trim();
    $('block-add').disabled = true;
    try {
      const b = await api('POST', '/api/v1/officials/' + official.id + '/blocks',
        { start: start.toISOString(), end: end.toISOString(), reason: reason || null });
      if (S.chosen !== official) return;
      S.calendar.blocks.push(b);
      say($('blocks-error'), null);
      say($('blocks-ok'), () => t('admin.blocks.added', { range: blockRange(b.start, b.end, zone) }));
      $('block-reason').value = '';
      changed();
    } catch (err) {
      say($('blocks-error'), () => problemText(err));
    } finally {
      $('block-add').disabled = false;
    }
  }

  async function remove(b) {
    const official = S.chosen;
    const zone = S.calendar.zone;
    say($('blocks-ok'), null);
    try {
      await api('DELETE', '/api/v1/officials/' + official.id + '/blocks/' + b.id);
      if (S.chosen !== official) return;
      S.calendar.blocks = S.calendar.blocks.filter(x => x.id !== b.id);
      say($('blocks-error'), null);
      say($('blocks-ok'), () => t('admin.blocks.removed', { range: blockRange(b.start, b.end, zone) }));
      changed();
    } catch (err) {
      say($('blocks-error'), () => problemText(err));
    }
  }

  return { render: render, reset: reset };
}
