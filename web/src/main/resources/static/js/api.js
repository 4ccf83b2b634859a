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

/** A person's message for a failure: the localized rule, then the server's detail and any field errors. */
export function errorMessage(err) {
  if (!(err instanceof ApiError)) return err && err.message ? err.message : t('error.generic');
  const parts = [];
  const rule = err.rule;
  let label = null;
  if (rule) {
    if (has('rule.' + rule)) label = t('rule.' + rule);
    else if (/-not-found$/.test(rule)) label = t('rule.not-found');
  }
  if (!label) label = err.problem.title || t('error.generic');
  parts.push(label);
  const detail = err.detail;
  if (detail && detail !== label) parts.push(detail);
  const main = parts.join(lang() === 'en' ? ': ' : '：');
  const fields = err.errors.map(e => (e.field ? e.field + ' ' : '') + (e.message || '')).filter(s => s.trim());
  return fields.length ? main + ' (' + fields.join('; ') + ')' : main;
}
