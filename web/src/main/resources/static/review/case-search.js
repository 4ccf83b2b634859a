/*
 * Finding the case whose recordings to review: by number, petitioner or subject, or by its id (also from
 * ?case=… in the address); choosing one shows its recordings.
 */
import { get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';
import { data, plural, sentence } from '/js/sentence.js';

const $ = byId;

/** Wires the search form; {@code picked()} is told when S.caseItem changed. Returns {search(), render()}. */
export function caseSearch(S, { picked }) {
  let cases = null; // search results

  $('case-form').addEventListener('submit', (e) => { e.preventDefault(); search(); });

  async function search() {
    const q = $('case-q').value.trim();
    say($('case-status'), () => t('review.search.busy'));
    try {
      const found = await get('/api/v1/cases?q=' + encodeURIComponent(q) + '&limit=20');
      const list = Array.isArray(found) ? found.slice() : [];
      if (/^\d+$/.test(q) && !list.some(c => String(c.id) === q)) {
        try { list.unshift(await get('/api/v1/cases/' + q)); } catch (e) { /* no such case for this user */ }
      }
      cases = list;
      say($('case-status'), () => cases.length ? plural('review.search.found.', cases.length)
        : t('review.search.none'));
    } catch (err) {
      cases = [];
      sayError($('case-status'), err);
    }
    render();
  }

  function render() {
    const ul = $('case-results');
    ul.replaceChildren();
    for (const c of cases || []) {
      const selected = S.caseItem && S.caseItem.id === c.id;
      ul.appendChild(el('li', null, el('button', {
        type: 'button', class: selected ? 'selected' : null, 'data-testid': 'case-result',
        dataset: { caseId: c.id, caseNumber: c.caseNumber }, onclick: () => { S.caseItem = c; picked(); }
      }, sentence(c.category ? 'review.search.resultCategory' : 'review.search.result', {
        number: data(c.caseNumber), subject: data(c.subject || ''), category: data(c.category) }))));
    }
  }

  return { search: search, render: render };
}
