/*
 * The history dialog (预约记录) of a booking: each event a sentence in the page's language — when, who (by name, or
 * the system) and what, with the names of the official and the room and the times in the page's language, the
 * rating as its word. The server gives the facts of each event (BookingHistoryEntries); a reason a person gave is
 * shown as written, as data.
 */
import { get } from '/js/api.js';
import { formatDateTime, formatRange } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { has, lang, t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';
import { data, sentence } from '/js/sentence.js';

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

  /** The key and parameters of one event's sentence. */
  function sentenceOf(e) {
    const who = e.bySystem ? t('history.system') : data(e.actorName || e.actor || '');
    const time = (s, end) => s ? formatRange(s, end, S.zone) : '';
    const p = { who: who, official: data(e.official), terminal: data(e.terminal), time: time(e.start, e.end),
      from: time(e.fromStart, e.fromEnd), fromTerminal: data(e.fromTerminal), to: time(e.start, e.end),
      reason: data(e.note), kind: data(e.kind), comment: data(e.comment),
      rating: e.score ? t('history.rating.' + e.score) : '' };
    const k = 'history.' + e.kind;
    switch (e.kind) {
      case 'BOOKED':
        return [e.official && e.start ? k : k + '.plain', p];
      case 'RESCHEDULED':
        return [e.fromStart && e.start ? k : k + '.plain', p];
      case 'ACCEPTED':
      case 'DECLINED':
        return [e.byOfficial ? k : k + '.for', p];
      case 'CANCELLED':
        return [e.note ? k + '.reason' : k, p];
      case 'INTERRUPTED':
        if (e.reason === 'CUT_OFF') return [k + '.CUT_OFF', p];
        return [e.note ? k + '.reason' : k, p];
      case 'EVALUATED':
        if (!e.score) return [k + '.plain', p];
        return [e.comment ? k + '.comment' : k, p];
      default:
        return [has(k) ? k : 'history.other', p];
    }
  }

  /** English sentences start with a capital ("the system started …"). */
  function capitalised(nodes) {
    if (lang() === 'en' && nodes.length && nodes[0].nodeType === Node.TEXT_NODE) {
      const s = nodes[0].nodeValue;
      nodes[0].nodeValue = s.charAt(0).toUpperCase() + s.substring(1);
    }
    return nodes;
  }

  function render() {
    const b = historyOf;
    if (!b) return;
    $('history-what').replaceChildren(el('span', { translate: 'no' },
      b.code + ' · ' + b.caseNumber + ' · ' + b.officialName));
    const list = $('history-list');
    list.replaceChildren();
    if (history === null) { list.appendChild(el('li', { class: 'muted', text: t('history.loading') })); return; }
    if (!history.length) { list.appendChild(el('li', { class: 'muted', text: t('history.empty') })); return; }
    for (const e of history) {
      const [key, params] = sentenceOf(e);
      list.appendChild(el('li', { 'data-testid': 'history-entry', dataset: { kind: e.kind } },
        el('time', { datetime: e.at, class: 'small muted' }, formatDateTime(e.at, S.zone)), ' ',
        el('span', { 'data-testid': 'history-text' }, capitalised(sentence(key, params)))));
    }
  }

  return { open: open, render: render };
}
