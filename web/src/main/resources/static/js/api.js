/*
 * The REST client of the pages: JSON in and out, the CSRF header, RFC 9457 problem details as ApiError, and the
 * message a person reads for a failure (the rule in the page's language; messages in /i18n/errors.js).
 */
import { csrfHeaders } from '/js/csrf.js';
import { has, lang, t } from '/js/i18n.js';

/** A refused request: the problem detail's fields, plus the HTTP status. */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
    this.status = status;
    this.problem = problem || {};
    this.rule = this.problem.rule || null;
    this.detail = this.problem.detail || null;
    this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

function toLogin() {
  window.location.assign('/login');
}

/**
 * Calls the API. GET without a body; POST/PUT/DELETE send JSON and the X-XSRF-TOKEN header.
 * Resolves to the parsed JSON (null for 204); rejects with ApiError (problem detail) or a network Error.
 */
export async function api(method, url, body) {
  const headers = { 'Accept': 'application/json, application/problem+json' };
  const init = { method: method, headers: headers, credentials: 'same-origin' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD') Object.assign(headers, csrfHeaders());
  let res;
  try {
    res = await fetch(url, init);
  } catch (e) {
    const err = new Error(t('error.network'));
    err.network = true;
    throw err;
  }
  const type = res.headers.get('Content-Type') || '';
  if (res.status === 401 || (res.redirected && /\/login(\?|$)/.test(new URL(res.url).pathname + new URL(res.url).search))) {
    toLogin();
    throw new ApiError(401, { title: t('error.session'), rule: 'session' });
  }
  if (!res.ok) {
    let problem = null;
    if (type.includes('json')) {
      try { problem = await res.json(); } catch (e) { problem = null; }
    }
    throw new ApiError(res.status, problem);
  }
  if (res.status === 204) return null;
  if (type.includes('json')) return res.json();
  return res.text();
}

export const get = (url) => api('GET', url);
export const post = (url, body) => api('POST', url, body === undefined ? {} : body);

/**
 * Rules whose server detail names the specifics a person needs (who is busy or away, when, which office or
 * terminal; the id of an internal error to quote to the operator): on a Chinese page that English detail still
 * follows the Chinese rule. The server writes its details in English for logs and developers; for the other rules
 * the detail adds little to the rule, so a Chinese page shows the Chinese rule alone (an English page shows both,
 * unless the detail only repeats the rule).
 */
const DETAIL_NAMES_SPECIFICS = new Set(['terminal-busy', 'official-busy', 'invitee-busy', 'official-blocked',
  'invitee-blocked', 'daily-limit', 'outside-availability', 'case-outside-official-jurisdiction',
  'terminal-outside-case-office', 'invitee-outside-jurisdiction', 'internal']);

/**
 * The message of a rule in the current language: rule.<id>, or rule.not-found for any <kind>-not-found. The
 * problem's own members fill the message's {placeholders} (e.g. {minutes} of too-early-to-check-in).
 */
function ruleLabel(rule, problem) {
  if (!rule) return null;
  if (has('rule.' + rule)) return t('rule.' + rule, problem);
  if (/-not-found$/.test(rule) && has('rule.not-found')) return t('rule.not-found');
  return null;
}

function sameText(a, b) {
  const norm = s => String(s).trim().replace(/[.。!！]+$/, '').toLowerCase();
  return norm(a) === norm(b);
}

/**
 * A person's message for a failure, in one language: the localized rule; in English also the server's detail,
 * in Chinese only when it names the specifics (DETAIL_NAMES_SPECIFICS); then any field errors. A rule without a
 * message shows the problem's title and detail.
 */
export function errorMessage(err) {
  if (!(err instanceof ApiError)) return err && err.message ? err.message : t('error.generic');
  const localized = ruleLabel(err.rule, err.problem);
  const label = localized || err.problem.title || t('error.generic');
  const parts = [label];
  const detail = err.detail;
  const detailWanted = !localized || lang() === 'en' || DETAIL_NAMES_SPECIFICS.has(err.rule);
  if (detail && detailWanted && !sameText(detail, label)) parts.push(detail);
  const main = parts.join(lang() === 'en' ? ': ' : '：');
  const fields = err.errors.map(e => (e.field ? e.field + ' ' : '') + (e.message || '')).filter(s => s.trim());
  return fields.length ? main + ' (' + fields.join('; ') + ')' : main;
}
