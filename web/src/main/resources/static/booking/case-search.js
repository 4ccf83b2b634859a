/*
 * Step 1 of a new booking: search cases by number, petitioner or subject; choose one (the rest of the form starts
 * over for it, see new-booking.js) or change the chosen one.
 */
import { errorMessage, get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { officeName } from '/js/page.js';
import { data, sentence } from '/js/sentence.js';

const $ = byId;

/**
 * Wires the case search. The chosen case is the form's (S.selectedCase); {@code form} is the new-booking form:
 * chooseCase(case) and clearCase(). Returns {search(), render()}.
 */
export function caseSearch(S, form) {
  let cases = null; // search results, null before the first search

  $('case-search-form').addEventListener('submit', (e) => { e.preventDefault(); search(); });

  async function search() {
    const query = $('case-q').value.trim();
    $('case-status').textContent = t('case.searching');
    try {
      cases = await get('/api/v1/cases?q=' + encodeURIComponent(query) + '&limit=20');
      $('case-status').textContent = '';
    } catch (err) {
      cases = [];
      $('case-status').textContent = errorMessage(err);
    }
    if (S.selectedCase) form.clearCase(); else render();
  }

  function render() {
    const list = $('case-results');
    const chosen = S.selectedCase;
    list.hidden = !!chosen;
    $('case-selected').hidden = !chosen;
    if (chosen) {
      const office = S.offices.get(chosen.officeId);
      $('case-selected').replaceChildren(
        el('div', { class: 'small muted', text: t('case.selected') }),
        el('div', { class: 'case-line strong', 'data-testid': 'selected-case-number' },
          sentence('case.line', { number: data(chosen.caseNumber), petitioner: data(chosen.petitionerName),
            subject: data(chosen.subject) })),
        el('div', { class: 'small muted' },
          [t('case.office', { office: officeName(office) || chosen.officeId }),
            chosen.idMasked ? t('case.id', { id: chosen.idMasked }) : null,
            chosen.phoneMasked ? t('case.phone', { phone: chosen.phoneMasked }) : null,
            t('case.status.' + chosen.status)].filter(Boolean).join(' · ')),
        el('button', { type: 'button', id: 'case-change', class: 'link', 'data-testid': 'case-change',
          onclick: () => { form.clearCase(); $('case-q').focus(); } }, t('case.change')));
      return;
    }
    list.replaceChildren();
    if (cases === null) return;
    if (!cases.length) {
      list.appendChild(el('li', { class: 'muted small', text: t('case.none') }));
      return;
    }
    for (const c of cases) {
      const office = S.offices.get(c.officeId);
      list.appendChild(el('li', null,
        el('button', {
          type: 'button', class: 'case-option', 'data-testid': 'case-option',
          dataset: { caseId: c.id, caseNumber: c.caseNumber, status: c.status }, onclick: () => form.chooseCase(c)
        },
        el('span', { class: 'case-line' },
          sentence('case.line', { number: data(c.caseNumber), petitioner: data(c.petitionerName),
            subject: data(c.subject) })),
        el('span', { class: 'small muted' }, officeName(office) + ' · ' + t('case.status.' + c.status)))));
    }
  }

  return { search: search, render: render };
}
