/*
 * The office's bookings (本单位预约): from an hour ago on, or all with 包括已过去的预约; each row with its state,
 * invitations and code, and the buttons that open the reschedule, invite, cancel and history dialogs.
 */
import { get } from '/js/api.js';
import { formatRange } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';
import { data, sentence } from '/js/sentence.js';

const $ = byId;
const TERMINAL_STATES = ['CANCELLED', 'COMPLETED', 'NO_SHOW', 'INTERRUPTED'];

/**
 * Wires the refresh button and the show-all box. {@code dialogs}: reschedule(b), invite(b), cancel(b), history(b).
 * Returns {load(), render(), markFresh(bookingId)}.
 */
export function bookingList(S, dialogs) {
  let bookings = null;
  let showAll = false;
  let freshBookingId = null; // the booking just made or moved, highlighted
  let request = 0;

  $('refresh').addEventListener('click', () => load());
  $('show-all').addEventListener('change', (e) => { showAll = e.target.checked; load(); });

  async function load() {
    if (!S.me) return;
    const mine = ++request;
    let url = '/api/v1/bookings?officeId=' + S.me.officeId;
    if (!showAll) url += '&from=' + encodeURIComponent(new Date(Date.now() - 3600_000).toISOString());
    try {
      const list = await get(url);
      if (mine !== request) return;
      bookings = (list || []).slice().sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
      say($('list-error'), null);
    } catch (err) {
      if (mine !== request) return;
      sayError($('list-error'), err);
    }
    render();
  }

  function render() {
    const body = $('booking-rows');
    body.replaceChildren();
    if (!bookings) return;
    $('list-empty').hidden = bookings.length > 0;
    for (const b of bookings) {
      const active = !TERMINAL_STATES.includes(b.state);
      const invitations = (b.invitations || []).length
        ? el('ul', { class: 'plain' }, b.invitations.map(i => el('li', { 'data-testid': 'invitation' },
          sentence('list.invitation', { name: data(i.officialName), state: t('invitation.' + i.state) }))))
        : el('span', { class: 'muted' }, t('list.noInvitations'));
      body.appendChild(el('tr', {
        'data-testid': 'booking-row', class: b.id === freshBookingId ? 'fresh' : null,
        dataset: { bookingId: b.id, code: b.code, state: b.state, start: b.start }
      },
      el('td', { 'data-testid': 'booking-time' }, formatRange(b.start, b.end, S.zone)),
      el('td', null,
        el('span', { class: 'state state-' + b.state, 'data-testid': 'booking-state' }, t('state.' + b.state)),
        b.cancelReason ? el('div', { class: 'small muted' },
          sentence('list.cancelReason', { reason: data(b.cancelReason) })) : null),
      el('td', { 'data-testid': 'booking-case', translate: 'no' }, b.caseNumber),
      el('td', { 'data-testid': 'booking-leader', translate: 'no' }, b.officialName),
      el('td', { 'data-testid': 'booking-terminal', translate: 'no' }, b.terminalName),
      el('td', null, invitations),
      el('td', null, el('code', { 'data-testid': 'booking-row-code' }, b.code)),
      el('td', { class: 'actions' },
        b.state === 'BOOKED' ? el('button', {
          type: 'button', 'data-testid': 'reschedule', 'data-action': 'reschedule',
          'aria-label': t('list.reschedule') + ' ' + b.code, onclick: () => dialogs.reschedule(b)
        }, t('list.reschedule')) : null,
        b.state === 'BOOKED' ? el('button', {
          type: 'button', 'data-testid': 'invite', 'data-action': 'invite',
          'aria-label': t('list.invite') + ' ' + b.code, onclick: () => dialogs.invite(b)
        }, t('list.invite')) : null,
        active ? el('button', {
          type: 'button', class: 'danger', 'data-testid': 'cancel', 'data-action': 'cancel',
          'aria-label': t('list.cancel') + ' ' + b.code, onclick: () => dialogs.cancel(b)
        }, t('list.cancel')) : null,
        el('button', {
          type: 'button', class: 'link', 'data-testid': 'history', 'data-action': 'history',
          'aria-label': t('list.history') + ' ' + b.code, onclick: () => dialogs.history(b)
        }, t('list.history')))));
    }
  }

  /** Highlights this booking in the list from its next load on. */
  function markFresh(bookingId) {
    freshBookingId = bookingId;
  }

  return { load: load, render: render, markFresh: markFresh };
}
