/*
 * What can be booked: the chosen official's free slots of the next seven days (in the office's zone), per day with
 * the first few start times, loaded again after every change of windows or blocks.
 */
import { get } from '/js/api.js';
import { addDays, formatDay, isoDate } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';
import { wallTime } from '/admin/zone-time.js';

const $ = byId;
const DAYS_SHOWN = 7;
const TIMES_SHOWN = 6;

/** Returns {load(), render()}. */
export function freeSlotsPreview(S) {
  let loading = 0;

  async function load() {
    const official = S.chosen;
    if (!official || !S.calendar) return;
    const mine = ++loading;
    const zone = S.calendar.zone;
    const from = isoDate(new Date(), zone);
    S.slots = null;
    render();
    say($('slots-status'), () => t('admin.slots.loading'));
    try {
      const slots = await get('/api/v1/officials/' + official.id + '/free-slots?from=' + from + '&to='
        + addDays(from, DAYS_SHOWN - 1));
      if (mine !== loading || S.chosen !== official) return;
      S.slots = { from: from, list: slots || [] };
      say($('slots-status'), () => t('admin.slots.total', { n: S.slots.list.length }));
    } catch (err) {
      if (mine !== loading) return;
      S.slots = { from: from, list: [] };
      sayError($('slots-status'), err);
    }
    render();
  }

  function render() {
    const ul = $('slots');
    ul.replaceChildren();
    delete ul.dataset.total;
    if (!S.slots || !S.calendar) return;
    const zone = S.calendar.zone;
    ul.dataset.total = String(S.slots.list.length);
    for (let i = 0; i < DAYS_SHOWN; i++) {
      const day = addDays(S.slots.from, i);
      const ofDay = S.slots.list.filter(s => isoDate(new Date(s.start), zone) === day);
      const label = formatDay(day + 'T12:00:00Z', zone);
      const times = ofDay.slice(0, TIMES_SHOWN).map(s => wallTime(s.start, zone)).join(' ');
      const more = ofDay.length > TIMES_SHOWN ? ' ' + t('admin.slots.more', { n: ofDay.length - TIMES_SHOWN }) : '';
      ul.appendChild(el('li', { 'data-testid': 'slot-day', dataset: { day: day, free: ofDay.length } },
        ofDay.length ? t('admin.slots.day', { day: label, n: ofDay.length }) : t('admin.slots.dayNone', { day: label }),
        ofDay.length ? el('span', { class: 'times' }, times + more) : null));
    }
  }

  return { load: load, render: render };
}
