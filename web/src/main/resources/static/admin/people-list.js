/*
 * The people whose reception hours the user may edit: for administrators and schedulers every leader and
 * department official of their office and the offices below it, filtered by name, title or office; for a leader or
 * official only themselves. Choosing one opens their hours.
 */
import { get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { officeName, say, sayError } from '/js/page.js';

const $ = byId;
/** How many people are listed at once (a province has hundreds): the filter finds the others. */
const SHOWN = 60;

/** Wires the filter; {@code picked(official)} opens one. Returns {load(), render()}. */
export function peopleList(S, { picked }) {
  $('people-filter').addEventListener('input', render);

  async function load() {
    const role = S.me.role;
    try {
      if (role === 'ADMIN' || role === 'SCHEDULER') {
        S.people = await get('/api/v1/offices/' + S.me.officeId + '/officials?subtree=true') || [];
      } else if (S.me.officialId != null) {
        S.people = [await get('/api/v1/officials/' + S.me.officialId)];
      } else {
        S.people = [];
      }
    } catch (err) {
      S.people = [];
      sayError($('people-status'), err);
      return;
    }
    if (S.people.length === 1) picked(S.people[0]);
  }

  function matches(f, words) {
    const office = S.offices.get(f.officeId);
    const hay = [f.name, f.title, office && office.name, office && office.nameEn, office && office.code]
      .filter(Boolean).join(' ').toLowerCase();
    return words.every(w => hay.includes(w));
  }

  function render() {
    const ul = $('people');
    ul.replaceChildren();
    const role = S.me && S.me.role;
    if (S.me && role !== 'ADMIN' && role !== 'SCHEDULER' && S.me.officialId == null) {
      say($('people-status'), () => t('admin.list.forbidden'));
      $('people-filter').hidden = true;
      return;
    }
    const words = $('people-filter').value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const found = S.people.filter(f => matches(f, words));
    for (const f of found.slice(0, SHOWN)) {
      const chosen = S.chosen && S.chosen.id === f.id;
      ul.appendChild(el('li', null, el('button', {
        type: 'button', 'aria-pressed': chosen ? 'true' : 'false', 'data-testid': 'person',
        dataset: { officialId: f.id }, onclick: () => picked(f)
      },
      el('span', { class: 'name' }, el('span', { translate: 'no' }, f.name), ' · ', t('admin.kind.' + f.kind)),
      el('span', { class: 'what' }, el('span', { translate: 'no' }, f.title || ''), ' · ',
        officeName(S.offices.get(f.officeId))))));
    }
    if (role !== 'ADMIN' && role !== 'SCHEDULER') {
      $('people-filter').hidden = true;
      say($('people-status'), () => t('admin.list.self'));
    } else if (!found.length) {
      say($('people-status'), () => t('admin.list.none'));
    } else if (found.length > SHOWN) {
      say($('people-status'), () => t('admin.list.count', { n: found.length }) + ' ' +
        t('admin.list.more', { shown: SHOWN }));
    } else {
      say($('people-status'), () => t('admin.list.count', { n: found.length }));
    }
  }

  return { load: load, render: render };
}
