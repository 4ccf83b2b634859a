/*
 * The dialog that opens a remote consultation (新建会商): a title, optionally a case (searched as one types), and
 * whether it is recorded.
 */
import { errorMessage, get, post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { applyI18n, t } from '/js/i18n.js';

const $ = byId;
const API = '/api/v1/consultations';

/**
 * Adds the dialog to the page. {@code created(consultation, chosenCase)} is told of a new consultation (chosenCase
 * is the case picked for it, if any). Returns {open(), render()}.
 */
export function consultationCreate({ created }) {
  let creating = null; // {found: [cases], caseId, error, seq}

  const dialog = el('dialog', { id: 'consult-dialog', 'data-testid': 'consult-dialog', 'aria-labelledby': 'cd-title' },
    el('form', { class: 'dialog-body', onsubmit: (e) => { e.preventDefault(); create(); } },
      el('h2', { id: 'cd-title', 'data-i18n': 'consult.new' }),
      el('label', { for: 'cd-title-input', 'data-i18n': 'consult.field.title' }),
      el('input', { id: 'cd-title-input', 'data-testid': 'cd-title', required: true, maxlength: 200, autocomplete: 'off',
        'data-i18n-placeholder': 'consult.field.titleHint' }),
      el('label', { for: 'cd-case-q', 'data-i18n': 'consult.field.case' }),
      el('div', { class: 'row case-pick' },
        el('input', { id: 'cd-case-q', 'data-testid': 'cd-case-q', autocomplete: 'off',
          'data-i18n-placeholder': 'consult.field.caseHint', oninput: searchCases }),
        el('select', { id: 'cd-case', 'data-testid': 'cd-case', 'data-i18n-aria-label': 'consult.field.case', onchange: (e) => {
          if (creating) creating.caseId = e.target.value ? Number(e.target.value) : null;
        } })),
      el('div', { class: 'check' },
        el('input', { type: 'checkbox', id: 'cd-recording', 'data-testid': 'cd-recording' }),
        el('label', { for: 'cd-recording', 'data-i18n': 'consult.field.recording' })),
      el('div', { id: 'cd-error', class: 'message err', role: 'alert', 'data-testid': 'cd-error' }),
      el('div', { class: 'dialog-actions' },
        el('button', { type: 'button', 'data-i18n': 'dialog.back', onclick: () => { creating = null; $('consult-dialog').close(); } }),
        el('button', { type: 'submit', id: 'cd-create', 'data-testid': 'cd-create', class: 'primary',
          'data-i18n': 'consult.create' }))));
  document.body.append(dialog);
  applyI18n(dialog);

  function open() {
    creating = { found: [], caseId: null, error: null, seq: 0 };
    $('cd-title-input').value = '';
    $('cd-case-q').value = '';
    $('cd-recording').checked = false;
    render();
    $('consult-dialog').showModal();
    $('cd-title-input').focus();
  }

  async function searchCases() {
    const cr = creating;
    if (!cr) return;
    const q = $('cd-case-q').value.trim();
    const seq = ++cr.seq;
    if (!q) { cr.found = []; cr.caseId = null; render(); return; }
    try {
      const found = (await get('/api/v1/cases?limit=20&q=' + encodeURIComponent(q))) || [];
      if (creating !== cr || seq !== cr.seq) return;
      cr.found = found;
      cr.caseId = found.length ? found[0].id : null;
      cr.error = null;
    } catch (err) {
      if (creating !== cr || seq !== cr.seq) return;
      cr.found = [];
      cr.caseId = null;
      cr.error = err;
    }
    render();
  }

  function render() {
    const cr = creating;
    if (!cr) return;
    const select = $('cd-case');
    select.replaceChildren(el('option', { value: '' }, t('consult.noCase')),
      ...cr.found.map(k => el('option', { value: k.id, selected: k.id === cr.caseId, translate: 'no' },
        k.caseNumber + ' · ' + (k.subject || ''))));
    if (cr.caseId == null) select.value = '';
    $('cd-error').textContent = cr.error ? errorMessage(cr.error) : '';
  }

  async function create() {
    const cr = creating;
    if (!cr) return;
    const title = $('cd-title-input').value.trim();
    if (!title) { cr.error = new Error(t('consult.field.titleMissing')); render(); return; }
    $('cd-create').disabled = true;
    try {
      const c = await post(API, { title: title, caseId: cr.caseId, recording: $('cd-recording').checked });
      const chosen = cr.found.find(k => k.id === cr.caseId);
      creating = null;
      $('consult-dialog').close();
      await created(c, chosen);
    } catch (err) {
      cr.error = err;
      render();
    } finally {
      $('cd-create').disabled = false;
    }
  }

  return { open: open, render: render };
}
