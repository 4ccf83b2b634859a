/* The history dialog (预约记录) of a booking: its events, each with when, who and what. */
import { get } from '/js/api.js';
import { formatDateTime } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';

const $ = byId;

/** Wires the dialog. Returns {open(booking), render()}. */
export function historyDialog(S) {
  let historyOf = null;
  let history = null;

  $('history-dialog').addEventListener('close', () => { historyOf = null; history = null; });

  async function open(b) {
    historyOf = b;
    history = null;
    say($('h-error'), null);
    render();
    $('history-dialog').showModal();
    try {
      const events = await get('/api/v1/bookings/' + b.id + '/history');
      if (historyOf !== b) return;
      history = events || [];
    } catch (err) {
      if (historyOf !== b) return;
      history = [];
      sayError($('h-error'), err);
    }
    render();
  }

  function render() {
    const b = historyOf;
    if (!b) return;
    $('history-what').textContent = b.code + ' · ' + b.caseNumber + ' · ' + b.officialName;
    const list = $('history-list');
    list.replaceChildren();
    if (history === null) { list.appendChild(el('li', { class: 'muted', text: t('history.loading') })); return; }
    if (!history.length) { list.appendChild(el('li', { class: 'muted', text: t('history.empty') })); return; }
    for (const e of history) {
      const kindKey = 'event.' + e.kind;
      const kind = t(kindKey) === kindKey ? e.kind : t(kindKey);
      list.appendChild(el('li', { 'data-testid': 'history-entry', dataset: { kind: e.kind } },
        el('time', { datetime: e.at, class: 'small muted' }, formatDateTime(e.at, S.zone)), ' ',
        el('strong', null, kind), ' ',
        el('span', { class: 'small muted' }, e.actor || ''),
        e.detail ? el('div', { class: 'small' }, e.detail) : null));
    }
  }

  return { open: open, render: render };
}
