/*
 * Step 1 of the kiosk: choose today's booking from the office's list or by its code. A booking that can still be
 * received goes on to the identity check (BOOKED) or the camera self-test (checked in already); a completed one
 * without an evaluation goes to the evaluation.
 */
import { get } from '/js/api.js';
import { sessionTimes, todayAndSoon } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say } from '/js/page.js';
import { failureText, phrase, sayFailure } from '/terminal/phrase.js';

const $ = byId;
const SELECTABLE = ['BOOKED', 'CHECKED_IN', 'IN_SESSION'];

/**
 * Wires the code form and the refresh button. {@code kiosk}: go(step) and showEvaluation() of the kiosk.
 * Returns {loadToday(), render()}.
 */
export function pickBooking(S, kiosk) {
  let bookings = null; // today's bookings of the office
  let loadFailure = null; // why they could not be loaded
  let loads = 0;          // the latest load wins
  let listDay = null;     // the day the list is of (a session after midnight shows its day)

  $('code-form').addEventListener('submit', (e) => { e.preventDefault(); findByCode(); });
  $('pick-refresh').addEventListener('click', loadToday);

  async function loadToday() {
    if (!S.me) return;
    bookings = null; // nothing stale to choose while loading
    render();
    $('pick-status').textContent = t('list.loading');
    const days = todayAndSoon(S.zone);
    const load = ++loads;
    try {
      const list = await get('/api/v1/bookings?officeId=' + S.me.officeId + '&from=' + days.from + '&to=' + days.to);
      if (load !== loads) return;
      listDay = days.today;
      bookings = (list || []).filter(days.keep).sort((a, b) => String(a.start).localeCompare(String(b.start)));
      loadFailure = null;
    } catch (err) {
      if (load !== loads) return;
      bookings = [];
      loadFailure = err;
    }
    render();
  }

  function render() {
    const list = $('today');
    list.replaceChildren();
    if (bookings === null) return;
    $('pick-status').textContent = loadFailure ? failureText(loadFailure) : '';
    const shown = bookings.filter(b => SELECTABLE.includes(b.state) || (b.state === 'COMPLETED' && b.satisfactionScore == null));
    if (!shown.length) {
      list.appendChild(el('li', { class: 'muted', text: t('kiosk.pick.none') }));
      return;
    }
    for (const b of shown) {
      list.appendChild(el('li', null, el('button', {
        type: 'button', class: 'today-item', 'data-testid': 'today-item',
        dataset: { bookingId: b.id, code: b.code, state: b.state, terminal: b.terminalName }, onclick: () => choose(b)
      },
      el('span', { class: 'time' }, sessionTimes(b, S.zone, listDay)),
      el('span', { class: 'who-line' }, phrase('kiosk.banner.leader', { name: b.officialName })),
      el('span', { class: 'muted' }, phrase('session.case', { number: b.caseNumber }), ' · ',
        phrase('session.room', { name: b.terminalName })),
      el('span', { class: 'state state-' + b.state }, t('state.' + b.state)))));
    }
    // a long day scrolls within the list: the first reception not over yet is brought into view
    const now = Date.now();
    const next = shown.findIndex(b => b.state !== 'BOOKED' || new Date(b.end).getTime() > now);
    if (next > 0) list.children[next].scrollIntoView({ block: 'nearest' });
  }

  async function findByCode() {
    const code = $('code').value.trim();
    say($('pick-error'), null);
    if (!code) { say($('pick-error'), () => t('kiosk.pick.codeRequired')); return; }
    try {
      const b = await get('/api/v1/bookings/by-code/' + encodeURIComponent(code));
      choose(b);
    } catch (err) {
      // the kiosk's own words for a code not found: the code as typed, and what to do
      if (err && (err.status === 404 || /not-found$/.test(err.rule || ''))) {
        say($('pick-error'), () => phrase('kiosk.pick.codeNotFound', { code: code }));
      } else {
        sayFailure($('pick-error'), err);
      }
    }
  }

  function choose(b) {
    say($('pick-error'), null);
    if (b.state === 'COMPLETED' && b.satisfactionScore == null) {
      S.booking = b;
      kiosk.showEvaluation();
      return;
    }
    if (!SELECTABLE.includes(b.state)) {
      say($('pick-error'), () => t('kiosk.pick.notActive', { state: t('state.' + b.state) }));
      return;
    }
    S.booking = b;
    $('code').value = '';
    kiosk.go(b.state === 'BOOKED' ? 'identity' : 'devices');
  }

  return { loadToday: loadToday, render: render };
}
