/*
 * After the reception, on the kiosk: what happens next and by when, in plain large words for the petitioner —
 * "您反映的问题已交由 XX 办理，将于 2027年1月1日前答复您。" — one line per responsible unit, from
 * GET /api/bookings/{id}/next-steps. The leader may write the instructions just after the end, so the kiosk asks
 * again every 10 s (for 5 minutes) until there is something to say.
 */
import { get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t, tNode } from '/js/i18n.js';
import { officeName } from '/js/page.js';
import { formatLongDay as longDay } from '/js/dates.js';
import { bookingPath } from '/supervision/paths.js';

const $ = byId;
const EVERY_MS = 10000;
const FOR_MS = 5 * 60000;

/** Returns {open(bookingId), stop(), render()}. */
export function nextSteps() {
  let summary = null;
  let bookingId = null;
  let timer = null;
  let since = 0;

  async function ask() {
    const id = bookingId;
    try {
      const found = await get(bookingPath(id) + '/next-steps');
      if (id !== bookingId) return;
      summary = found;
    } catch (err) {
      if (id !== bookingId) return;
      // nothing to show yet, or not for this user: the kiosk says nothing rather than a failure the petitioner cannot act on
    }
    render();
    const done = summary && ((summary.steps || []).length || summary.instructionText);
    if (!done && Date.now() - since < FOR_MS) timer = setTimeout(ask, EVERY_MS);
  }

  function open(id) {
    stop();
    bookingId = id;
    summary = null;
    since = Date.now();
    render();
    ask();
  }

  function stop() {
    if (timer) clearTimeout(timer);
    timer = null;
    bookingId = null;
  }

  function render() {
    const box = $('next-steps');
    const steps = summary ? summary.steps || [] : [];
    box.hidden = !summary || (!steps.length && !summary.instructionText);
    if (box.hidden) { box.replaceChildren(); return; }
    box.replaceChildren(...[
      el('h2', null, t('handling.next.title')),
      ...steps.map(s => el('p', { class: 'next-step', 'data-testid': 'next-step' },
        tNode('handling.next.step', { unit: officeName(s.unit), date: longDay(s.deadline) }, ['unit']))),
      !steps.length ? el('p', { class: 'next-step' }, t('handling.next.noUnit')) : null,
      el('p', { class: 'next-hint' }, t('handling.next.hint'))].filter(Boolean));
  }

  return { open: open, stop: stop, render: render };
}
