/*
 * The petitioner's ID and phone numbers on the case page: masked, and — for the roles that need them (scheduler,
 * leader, official) — a "显示完整号码 / Show full number" button that asks for a reason in a dialog, posts it
 * (POST /api/v1/cases/{id}/personal-data, audited by the server whatever the answer), shows the full number for the
 * time the server says (60 s) with a countdown, then masks it again. A case filed before full numbers were stored
 * says so. The number is kept only in this module's state while shown, and never in the page's URL or storage.
 */
import { post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';

const $ = byId;
/** The roles the server lets see a full number (CasePersonalData.MAY_UNMASK); others see no button. */
const MAY_UNMASK = ['SCHEDULER', 'LEADER', 'OFFICIAL'];
const FIELDS = { idNumber: { key: 'pd.idNumber', masked: 'idMasked' }, phone: { key: 'pd.phone', masked: 'phoneMasked' } };

/** {@code S} is the case page's state (S.me, S.caseId). Returns {rows(caseFile), render()}. */
export function personalData(S, { repaint }) {
  /** field → { value, stored, until, timer } while a full number is shown */
  const shown = new Map();
  let asking = null;

  $('pd-cancel').addEventListener('click', () => $('pd-dialog').close());
  $('pd-confirm').addEventListener('click', confirm);
  $('pd-dialog').addEventListener('close', () => { asking = null; });

  function mayUnmask() {
    return S.me && MAY_UNMASK.includes(S.me.role);
  }

  /** The two rows of the case facts: [label key, value node]. */
  function rows(c) {
    return Object.keys(FIELDS).map(field => [FIELDS[field].key, cell(c, field)]);
  }

  function cell(c, field) {
    const masked = c[FIELDS[field].masked];
    const box = el('span', { class: 'pd-cell', 'data-testid': 'pd-' + field });
    const s = shown.get(field);
    if (s && s.stored) {
      const left = Math.max(0, Math.ceil((s.until - Date.now()) / 1000));
      box.append(el('span', { class: 'pd-full', translate: 'no', 'data-testid': 'pd-' + field + '-full' }, s.value), ' ',
        el('span', { class: 'muted', 'data-testid': 'pd-' + field + '-countdown' }, t('pd.shownFor', { seconds: left })), ' ',
        button('pd.hideNow', () => hide(field), 'pd-' + field + '-hide'));
      return box;
    }
    box.append(el('span', { translate: 'no', 'data-testid': 'pd-' + field + '-masked' }, masked || t('pd.none')));
    if (s && !s.stored) {
      box.append(' ', el('span', { class: 'muted', 'data-testid': 'pd-' + field + '-not-stored' }, t('pd.notStored')));
    } else if (masked && mayUnmask()) {
      const b = button('pd.show', () => open(field), 'pd-' + field + '-show');
      b.setAttribute('aria-label', t('pd.show.label', { what: t(FIELDS[field].key) }));
      box.append(' ', b);
    }
    return box;
  }

  function button(key, onClick, testId) {
    const b = el('button', { type: 'button', class: 'small', 'data-testid': testId }, t(key));
    b.addEventListener('click', onClick);
    return b;
  }

  function open(field) {
    asking = field;
    $('pd-reason').value = '';
    say($('pd-error'), null);
    render();
    $('pd-dialog').showModal();
    $('pd-reason').focus();
  }

  function render() {
    if (asking) $('pd-what').textContent = t('pd.dialog.what', { what: t(FIELDS[asking].key) });
  }

  async function confirm() {
    const field = asking;
    if (!field) return;
    const reason = $('pd-reason').value.trim();
    if (reason.length < 4 || reason.length > 200) {
      say($('pd-error'), () => t('pd.reasonRequired'));
      $('pd-reason').focus();
      return;
    }
    $('pd-confirm').disabled = true;
    try {
      const answer = await post('/api/v1/cases/' + encodeURIComponent(S.caseId) + '/personal-data',
        { field: field, reason: reason });
      $('pd-dialog').close();
      show(field, answer);
    } catch (err) {
      sayError($('pd-error'), err);
    } finally {
      $('pd-confirm').disabled = false;
    }
  }

  function show(field, answer) {
    hide(field, false);
    const seconds = answer.showForSeconds || 60;
    const s = { value: answer.value, stored: !!answer.stored, until: Date.now() + seconds * 1000, timer: null };
    shown.set(field, s);
    if (s.stored) {
      s.timer = setInterval(() => { if (Date.now() >= s.until) hide(field); else repaint(); }, 1000);
    }
    repaint();
  }

  function hide(field, andRepaint = true) {
    const s = shown.get(field);
    if (s && s.timer) clearInterval(s.timer);
    shown.delete(field);
    if (andRepaint) repaint();
  }

  return { rows: rows, render: render };
}
