/*
 * The start-up every signed-in page shares (booking, terminal, console, review): translate the page, wire the
 * language switch and 退出登录, load who is signed in and the offices they may see, show who it is, and pick the
 * zone dates are shown in. Also the message boxes: a box's text is kept as a render function, so that a language
 * switch re-renders it in the other language.
 *
 * Each page's HTML carries: #who, #lang-switch, #logout and #page-error.
 */
import { ApiError, errorNode, get } from '/js/api.js';
import { csrfHeaders } from '/js/csrf.js';
import { dateFields } from '/js/date-field.js';
import { DEFAULT_ZONE, setPageZone } from '/js/dates.js';
import { byId } from '/js/dom.js';
import { applyI18n, bindLanguageSwitch, lang, onLanguageChange, t, tNode, useMessages } from '/js/i18n.js';

/** Shown until the office of the signed-in user says otherwise. */
export { DEFAULT_ZONE };

// ------------------------------------------------------------------ message boxes

const messages = new Map();

/** Shows render() in the box (a string or a Node), again after every language switch; null clears the box. */
export function say(box, render) {
  if (render) messages.set(box.id, render); else messages.delete(box.id);
  paint(box);
}

/** Shows the message of a failure (see errorMessage; names and codes in it marked as data) in the box. */
export function sayError(box, err) {
  say(box, () => errorNode(err));
}

function paint(box) {
  const render = messages.get(box.id);
  box.replaceChildren();
  if (!render) return;
  const out = render();
  if (out instanceof Node) box.appendChild(out); else box.textContent = out;
}

/** Re-renders every .message box of the page, and the other boxes given: what say() put there, the others emptied. */
export function repaintMessages(...otherBoxes) {
  document.querySelectorAll('.message').forEach(paint);
  otherBoxes.forEach(paint);
}

// ------------------------------------------------------------------ offices

/** An office's name in the current language. */
export function officeName(office) {
  if (!office) return '';
  return lang() === 'en' && office.nameEn ? office.nameEn : office.name;
}

// ------------------------------------------------------------------ start

/**
 * Starts a signed-in page. {@code options}:
 *   messages          the message areas the page needs (modules of /i18n/, imported by the page)
 *   onLanguageChange  re-renders the page after a language switch (after #who is rewritten)
 *   beforeLogout      stops what runs (a live session, the camera) before signing out
 *   offices           false: do not load /api/v1/offices (the evaluator's page: an evaluator sees no office)
 * Translates the page, makes its date inputs date fields (YYYY-MM-DD whatever the browser's language; see
 * date-field.js) and wires the switch and logout at once; then loads /api/v1/me and /api/v1/offices.
 * Resolves to the page context {me, offices: Map(id → office), zone, officeName(id)}, or to null when that
 * failed (the failure is shown in #page-error).
 */
export async function startPage(options) {
  const opts = options || {};
  useMessages(...(opts.messages || []));
  applyI18n(document);
  dateFields(document);
  bindLanguageSwitch(byId('lang-switch'));
  byId('logout').addEventListener('click', () => logout(opts.beforeLogout));
  let context = null;
  onLanguageChange(() => {
    if (context) renderWho(context);
    if (opts.onLanguageChange) opts.onLanguageChange();
  });
  let me, offices;
  try {
    [me, offices] = await Promise.all([get('/api/v1/me'),
      opts.offices === false ? Promise.resolve([]) : get('/api/v1/offices')]);
  } catch (err) {
    sayError(byId('page-error'), err);
    return null;
  }
  const byIdMap = new Map();
  for (const o of offices || []) byIdMap.set(o.id, o);
  const mine = byIdMap.get(me.officeId);
  context = {
    me: me,
    offices: byIdMap,
    zone: (mine && mine.zone) || DEFAULT_ZONE,
    /** The name of an office by id; the user's own office by the name /me gave when it is not in the list. */
    officeName(id) {
      const o = byIdMap.get(id);
      if (o) return officeName(o);
      return me.officeId === id ? me.officeName : String(id);
    }
  };
  setPageZone(context.zone);
  renderWho(context);
  return context;
}

/** Marks the page as ready for a person (and for the browser tests, which wait on body[data-ready]). */
export function markReady() {
  document.body.dataset.ready = 'true';
}

function renderWho(context) {
  const who = byId('who');
  const me = context.me;
  who.removeAttribute('data-i18n');
  who.replaceChildren(tNode('who.text', { name: me.displayName || me.username, role: t('role.' + me.role),
    office: context.officeName(me.officeId) }, ['name', 'office']));
}

/** Signs out (POST /logout with the CSRF header); goes to the login page only when the server confirmed it. */
async function logout(before) {
  if (before) before();
  let res;
  try {
    res = await fetch('/logout', { method: 'POST', credentials: 'same-origin', headers: csrfHeaders() });
  } catch (e) {
    say(byId('page-error'), () => t('error.network'));
    return;
  }
  if (res.ok) { // 204 for script requests, or the followed redirect to /login?logout
    window.location.assign('/login?logout');
    return;
  }
  let problem = null;
  try { problem = await res.json(); } catch (e) { /* not a problem detail */ }
  sayError(byId('page-error'), new ApiError(res.status, problem));
}
