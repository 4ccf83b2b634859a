/*
 * The unit's written reply (答复): the text, the completion report (办结报告) when the item requires one, and the
 * attachments. Each chosen file is uploaded at once to /api/documents (multipart, field `file`) and listed with its
 * name and size; a refused file (type or size) shows the problem's message beside its name and is left out; the
 * reply is sent with the ids of the files that arrived. Nothing typed is lost on a refusal.
 */
import { ApiError, post } from '/js/api.js';
import { csrfHeaders } from '/js/csrf.js';
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';
import { DOCUMENTS, ITEMS, sizeText } from '/supervision/items.js';

let serial = 0;

/** Uploads one file; resolves to the Document, rejects with ApiError (problem detail) or a network error. */
export async function uploadDocument(file) {
  const body = new FormData();
  body.append('file', file, file.name);
  let res;
  try {
    res = await fetch(DOCUMENTS, { method: 'POST', body: body, credentials: 'same-origin',
      headers: Object.assign({ 'Accept': 'application/json, application/problem+json' }, csrfHeaders()) });
  } catch (e) {
    const err = new Error(t('error.network'));
    err.network = true;
    throw err;
  }
  if (!res.ok) {
    let problem = null;
    try { problem = await res.json(); } catch (e) { problem = null; }
    throw new ApiError(res.status, problem);
  }
  return res.json();
}

/** The reply form of {@code item}; {@code onReplied(item)} gets the item once the reply was taken. */
export function replyForm(item, onReplied) {
  const n = ++serial;
  const files = []; // {file, doc (once uploaded), error, row}
  const text = el('textarea', { id: 'reply-text-' + n, rows: 4, maxlength: 8000, required: true, 'data-testid': 'reply-text-input' });
  const report = el('textarea', { id: 'reply-report-' + n, rows: 3, maxlength: 8000, required: !!item.requiresReport,
    'data-testid': 'reply-report-input' });
  const picker = el('input', { id: 'reply-files-' + n, type: 'file', multiple: true, 'data-testid': 'reply-files',
    accept: 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg' });
  const list = el('ul', { class: 'sv-docs', 'data-testid': 'reply-file-list' });
  const error = el('div', { class: 'message err', role: 'alert', id: 'reply-error-' + n, 'data-testid': 'reply-error' });
  const send = el('button', { type: 'button', class: 'primary', 'data-testid': 'act-reply', 'data-i18n': 'sv.act.reply' }, t('sv.act.reply'));

  picker.addEventListener('change', () => {
    for (const file of picker.files) addFile(file);
    picker.value = '';
  });

  function addFile(file) {
    const entry = { file: file, doc: null, error: null, uploading: true };
    const status = el('span', { class: 'muted small', 'data-testid': 'file-status', 'data-i18n': 'sv.file.uploading' }, t('sv.file.uploading'));
    const problem = el('div', { class: 'message err', role: 'alert', id: 'reply-file-' + n + '-' + (++serial) });
    const nameId = 'reply-file-name-' + n + '-' + (++serial);
    const remove = el('button', { type: 'button', class: 'link', 'data-i18n': 'sv.file.remove', 'data-testid': 'file-remove',
      'aria-describedby': nameId }, t('sv.file.remove'));
    entry.row = el('li', { 'data-testid': 'reply-file', dataset: { name: file.name } },
      el('span', { translate: 'no', id: nameId }, file.name), el('span', { class: 'muted small' }, ' (' + sizeText(file.size) + ') '),
      status, ' ', remove, problem);
    remove.addEventListener('click', () => { files.splice(files.indexOf(entry), 1); entry.row.remove(); });
    files.push(entry);
    list.appendChild(entry.row);
    uploadDocument(file).then(doc => {
      entry.doc = doc;
      status.dataset.i18n = 'sv.file.uploaded';
      status.textContent = t('sv.file.uploaded');
      entry.row.dataset.documentId = doc.id;
    }).catch(err => {
      entry.error = err;
      status.dataset.i18n = 'sv.file.refused';
      status.textContent = t('sv.file.refused');
      entry.row.dataset.refused = 'true';
      sayError(problem, err);
    }).finally(() => { entry.uploading = false; });
  }

  send.addEventListener('click', async () => {
    say(error, null);
    if (!text.value.trim()) return invalid(text, 'sv.reply.textRequired');
    if (item.requiresReport && !report.value.trim()) return invalid(report, 'sv.reply.reportRequired');
    if (files.some(f => f.uploading)) { say(error, () => t('sv.file.wait')); return; }
    if (files.some(f => f.error)) { say(error, () => t('sv.file.removeRefused')); return; }
    send.disabled = true;
    try {
      const updated = await post(ITEMS + '/' + encodeURIComponent(item.id) + '/reply', { text: text.value.trim(),
        completionReport: report.value.trim() || null, documentIds: files.map(f => f.doc.id) });
      onReplied(updated);
    } catch (err) {
      sayError(error, err);
      send.disabled = false;
    }
  });

  function invalid(input, key) {
    input.setAttribute('aria-invalid', 'true');
    say(error, () => t(key));
    input.focus();
  }

  return el('section', { class: 'sv-action', 'data-testid': 'action-reply', 'aria-label': t('sv.act.replyTitle'),
    'data-i18n-aria-label': 'sv.act.replyTitle' },
  el('h3', { 'data-i18n': 'sv.act.replyTitle' }, t('sv.act.replyTitle')),
  el('div', { class: 'sv-field' }, el('label', { for: text.id, 'data-i18n': 'sv.reply.text' }, t('sv.reply.text')), text),
  el('div', { class: 'sv-field' }, el('label', { for: report.id, 'data-i18n': item.requiresReport ? 'sv.reply.reportRequiredLabel' : 'sv.reply.reportOptional' },
    t(item.requiresReport ? 'sv.reply.reportRequiredLabel' : 'sv.reply.reportOptional')), report),
  el('div', { class: 'sv-field' }, el('label', { for: picker.id, 'data-i18n': 'sv.reply.files' }, t('sv.reply.files')), picker,
    el('p', { class: 'muted small', 'data-i18n': 'sv.reply.filesHint' }, t('sv.reply.filesHint'))),
  list, el('div', { class: 'row' }, send), error);
}
