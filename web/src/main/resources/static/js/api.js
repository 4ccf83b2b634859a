/*
 * The REST client of the pages: JSON in and out, the CSRF header, RFC 9457 problem details as ApiError, and the
 * message a person reads for a failure, in the page's language only (the rule's message with the facts the server
 * sends as problem members; messages in /i18n/errors.js).
 */
import { csrfHeaders } from '/js/csrf.js';
import { formatDayTime, formatIsoDay, formatTime, isoDate, pageZone } from '/js/dates.js';
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

function toLogin(ended) {
  window.location.assign(ended ? '/login?ended' : '/login');
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
    // an administrator changed or disabled the account: the login page says so (rule session-ended)
    let ended = false;
    if (res.status === 401 && type.includes('json')) {
      try { ended = (await res.json()).rule === 'session-ended'; } catch (e) { ended = false; }
    }
    toLogin(ended);
    throw new ApiError(401, { rule: 'unauthenticated' });
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

/** Problem members that are not a rule's facts. */
const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'rule', 'errors', 'errorId', 'zone']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Bean Validation's "no bound" for @Size. */
const NO_MAX = 2147483647;
/** Request fields that are lists: their @Size counts items, not characters. */
const LIST_FIELDS = new Set(['inviteeIds', 'windows', 'rows']);

/**
 * A rule's facts (problem members such as official, terminal, start, end, minutes) as its message shows them, each
 * {value, data}: instants in the page's language and the problem's zone (the office's; else the page's), an end on
 * the start's day as a time only, days as dates, a name's English form (officeEn) on an English page when there is
 * one. Names and numbers of records are data (marked translate="no"): they are the same in every language.
 */
export function ruleFacts(problem) {
  const p = problem || {};
  const zone = p.zone || pageZone();
  const english = lang() === 'en';
  const facts = {};
  for (const [name, raw] of Object.entries(p)) {
    if (STANDARD_MEMBERS.has(name) || /[a-z]En$/.test(name) || raw === null || typeof raw === 'object') continue;
    let value = raw;
    if (english && typeof p[name + 'En'] === 'string' && p[name + 'En']) value = p[name + 'En'];
    if (typeof value === 'string' && INSTANT.test(value)) {
      facts[name] = { value: formatDayTime(value, zone), data: false };
    } else if (typeof value === 'string' && DAY.test(value)) {
      facts[name] = { value: formatIsoDay(value), data: false };
    } else {
      facts[name] = { value: String(value), data: typeof value === 'string' };
    }
  }
  if (INSTANT.test(p.start || '') && INSTANT.test(p.end || '') && isoDate(new Date(p.start), zone) === isoDate(new Date(p.end), zone)) {
    facts.end = { value: formatTime(p.end, zone), data: false };
  }
  return facts;
}

/** A message's parts: its text with each {placeholder} filled from {@code facts} ({value, data}). */
function fill(key, facts) {
  const template = t(key);
  const parts = [];
  let last = 0;
  template.replace(/\{(\w+)\}/g, (m, name, offset) => {
    if (offset > last) parts.push({ text: template.substring(last, offset) });
    const f = facts[name];
    if (f) parts.push({ text: f.value, data: f.data });
    last = offset + m.length;
    return m;
  });
  if (last < template.length) parts.push({ text: template.substring(last) });
  return parts;
}

/** The key of a rule's message in the current language: rule.<id>, or rule.not-found for any <kind>-not-found. */
function ruleKey(rule) {
  if (!rule) return null;
  if (has('rule.' + rule)) return 'rule.' + rule;
  if (/-not-found$/.test(rule) && has('rule.not-found')) return 'rule.not-found';
  return null;
}

/** A request field's name without list indices or its object's path (windows[0].start → start). */
function fieldName(field) {
  return String(field || '').replace(/\[\d*\]/g, '').split('.').pop();
}

/** The label of a request field (field.<name>), or a neutral "a field" for a field without one. */
function fieldLabel(field) {
  const name = fieldName(field);
  return has('field.' + name) ? t('field.' + name) : t('field.unknown');
}

/** The message key of a field error by its constraint (validation.* in /i18n/errors.js), or null. */
function constraintKey(e) {
  switch (e.constraint) {
    case 'NotNull': case 'NotBlank': case 'NotEmpty': return 'validation.required';
    case 'Size':
      if (LIST_FIELDS.has(fieldName(e.field)) && e.max < NO_MAX) return 'validation.items.max';
      if (e.min !== undefined && e.max !== undefined && e.min === e.max) return 'validation.size.exact';
      if (e.max !== undefined && e.max < NO_MAX) return (e.min || 0) > 0 ? 'validation.size.range' : 'validation.size.max';
      return 'validation.size.min';
    case 'Min': case 'DecimalMin': return 'validation.min';
    case 'Max': case 'DecimalMax': return 'validation.max';
    case 'Positive': return 'validation.positive';
    case 'PositiveOrZero': return 'validation.positiveOrZero';
    case 'NoControlCharacters': return 'validation.controlCharacter';
    case 'DateWindow': return 'validation.dateWindow';
    case 'Digits': return 'validation.digits';
    default: return e.constraint ? 'validation.invalid' : null;
  }
}

/** One field error in the page's language: by its constraint; without one, the server's words on an English page. */
function fieldParts(e) {
  const key = constraintKey(e);
  if (key) {
    return fill(key, { field: { value: fieldLabel(e.field) }, min: { value: String(e.min) },
      max: { value: String(e.max) } });
  }
  if (lang() === 'en' && e.message) return [{ text: (e.field ? e.field + ': ' : '') + e.message }];
  return fill('validation.invalid', { field: { value: fieldLabel(e.field) } });
}

/**
 * A person's message for a failure, in the page's language only, as parts ({text, data}; data are names and codes,
 * the same in every language): the rule's message with its facts; an internal error with the id to quote; a rule
 * without a message in this language — on an English page the server's English words, on a Chinese page the
 * Chinese generic message and the rule's code; then any field errors, each by its constraint.
 */
export function errorParts(err) {
  if (!(err instanceof ApiError)) {
    if (err && err.network) return [{ text: t('error.network') }];
    return [{ text: err && err.message ? err.message : t('error.generic') }];
  }
  const p = err.problem;
  let parts;
  const key = ruleKey(err.rule);
  if (err.rule === 'internal' && p.errorId) {
    parts = fill('error.internal', { errorId: { value: String(p.errorId), data: true } });
  } else if (key) {
    parts = fill(key, ruleFacts(p));
  } else if (lang() === 'en' && (p.detail || p.title)) {
    const title = p.title && p.detail && p.title !== p.detail ? p.title + ': ' : '';
    parts = [{ text: title + (p.detail || p.title) }];
  } else if (err.rule) {
    parts = fill('error.withCode', { code: { value: err.rule, data: true } });
  } else {
    parts = fill('error.withStatus', { status: { value: String(err.status) } });
  }
  if (err.errors.length) {
    const english = lang() === 'en';
    parts.push({ text: english ? ' (' : '（' });
    err.errors.forEach((e, i) => {
      if (i > 0) parts.push({ text: english ? '; ' : '；' });
      parts.push(...fieldParts(e));
    });
    parts.push({ text: english ? ')' : '）' });
  }
  return parts;
}

/** The message of a failure as text (see errorParts). */
export function errorMessage(err) {
  return errorParts(err).map(part => part.text).join('');
}

/** The message of a failure as a node for a message box: names and codes in it marked translate="no". */
export function errorNode(err) {
  const out = document.createDocumentFragment();
  for (const part of errorParts(err)) {
    if (part.data) {
      const span = document.createElement('span');
      span.setAttribute('translate', 'no');
      span.textContent = part.text;
      out.appendChild(span);
    } else {
      out.appendChild(document.createTextNode(part.text));
    }
  }
  return out;
}
