/*
 * Shared by every page: the language switch, translation of [data-i18n] elements, the REST client
 * (CSRF header, RFC 9457 problem details) and date formatting in an office's zone.
 * Needs /js/messages.js first.
 */
(function () {
  'use strict';
  const LANG_KEY = 'lianxin.lang';
  const LX = window.LX = window.LX || {};
  const listeners = [];

  LX.lang = function () {
    let stored = null;
    try { stored = window.localStorage.getItem(LANG_KEY); } catch (e) { /* storage disabled */ }
    return stored === 'en' ? 'en' : 'zh';
  };

  /** The translation of {@code key}, with {name} placeholders filled from {@code params}. */
  LX.t = function (key, params) {
    const dict = window.LX_MESSAGES[LX.lang()] || window.LX_MESSAGES.zh;
    let text = dict[key];
    if (text === undefined) text = window.LX_MESSAGES.zh[key];
    if (text === undefined) return key;
    if (params) {
      text = text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined || params[name] === null)
        ? '' : String(params[name]));
    }
    return text;
  };

  /** Translates every element under root carrying data-i18n (text), data-i18n-placeholder or data-i18n-aria-label. */
  LX.applyI18n = function (root) {
    root = root || document;
    root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = LX.t(el.dataset.i18n); });
    root.querySelectorAll('[data-i18n-placeholder]').forEach(el => {
      el.setAttribute('placeholder', LX.t(el.dataset.i18nPlaceholder));
    });
    root.querySelectorAll('[data-i18n-aria-label]').forEach(el => {
      el.setAttribute('aria-label', LX.t(el.dataset.i18nAriaLabel));
    });
    document.documentElement.lang = LX.lang() === 'en' ? 'en' : 'zh-CN';
    if (document.body && document.body.dataset.titleKey) {
      document.title = LX.t(document.body.dataset.titleKey) + ' · ' + LX.t('app.name');
    }
  };

  LX.onLanguageChange = function (fn) { listeners.push(fn); };

  LX.setLang = function (lang) {
    try { window.localStorage.setItem(LANG_KEY, lang); } catch (e) { /* storage disabled */ }
    LX.applyI18n(document);
    listeners.forEach(fn => fn(lang));
  };

  /** Wires a button as the language switch: it names the other language. */
  LX.bindLanguageSwitch = function (button) {
    button.addEventListener('click', () => LX.setLang(LX.lang() === 'en' ? 'zh' : 'en'));
  };

  // ------------------------------------------------------------------ REST

  LX.cookie = function (name) {
    const prefix = name + '=';
    for (const part of document.cookie.split(';')) {
      const p = part.trim();
      if (p.startsWith(prefix)) return decodeURIComponent(p.substring(prefix.length));
    }
    return null;
  };

  LX.csrfToken = function () { return LX.cookie('XSRF-TOKEN'); };

  /** A refused request: the problem detail's fields, plus the HTTP status. */
  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
      this.status = status;
      this.problem = problem || {};
      this.rule = this.problem.rule || null;
      this.detail = this.problem.detail || null;
      this.errors = Array.isArray(this.problem.errors) ? this.problem.errors : [];
    }
  }
  LX.ApiError = ApiError;

  function toLogin() {
    window.location.assign('/login');
  }

  /**
   * Calls the API. GET without a body; POST/PUT/DELETE send JSON and the X-XSRF-TOKEN header.
   * Resolves to the parsed JSON (null for 204); rejects with ApiError (problem detail) or a network Error.
   */
  LX.api = async function (method, url, body) {
    const headers = { 'Accept': 'application/json, application/problem+json' };
    const init = { method: method, headers: headers, credentials: 'same-origin' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (method !== 'GET' && method !== 'HEAD') {
      const token = LX.csrfToken();
      if (token) headers['X-XSRF-TOKEN'] = token;
    }
    let res;
    try {
      res = await fetch(url, init);
    } catch (e) {
      const err = new Error(LX.t('error.network'));
      err.network = true;
      throw err;
    }
    const type = res.headers.get('Content-Type') || '';
    if (res.status === 401 || (res.redirected && /\/login(\?|$)/.test(new URL(res.url).pathname + new URL(res.url).search))) {
      toLogin();
      throw new ApiError(401, { title: LX.t('error.session'), rule: 'session' });
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
  };

  LX.get = (url) => LX.api('GET', url);
  LX.post = (url, body) => LX.api('POST', url, body === undefined ? {} : body);

  /** A person's message for a failure: the localized rule, then the server's detail and any field errors. */
  LX.errorMessage = function (err) {
    if (!(err instanceof ApiError)) return err && err.message ? err.message : LX.t('error.generic');
    const parts = [];
    let rule = err.rule;
    let label = null;
    if (rule) {
      const key = 'rule.' + rule;
      const known = (window.LX_MESSAGES[LX.lang()] || {})[key];
      if (known) label = known;
      else if (/-not-found$/.test(rule)) label = LX.t('rule.not-found');
    }
    if (!label) label = err.problem.title || LX.t('error.generic');
    parts.push(label);
    let detail = err.detail;
    if (detail && detail !== label) parts.push(detail);
    const main = parts.join(LX.lang() === 'en' ? ': ' : '：');
    const fields = err.errors.map(e => (e.field ? e.field + ' ' : '') + (e.message || '')).filter(s => s.trim());
    return fields.length ? main + ' (' + fields.join('; ') + ')' : main;
  };

  // ------------------------------------------------------------------ dates in an office's zone

  function locale() { return LX.lang() === 'en' ? 'en-GB' : 'zh-CN'; }

  /** YYYY-MM-DD of an instant in a zone. */
  LX.isoDate = function (date, zone) {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(date);
    const get = t => parts.find(p => p.type === t).value;
    return get('year') + '-' + get('month') + '-' + get('day');
  };

  /** YYYY-MM-DD plus n days (calendar arithmetic, no zone). */
  LX.addDays = function (isoDate, n) {
    const [y, m, d] = isoDate.split('-').map(Number);
    const t = new Date(Date.UTC(y, m - 1, d + n));
    return t.toISOString().substring(0, 10);
  };

  LX.formatDay = function (instant, zone) {
    return new Intl.DateTimeFormat(locale(), { timeZone: zone, month: 'long', day: 'numeric', weekday: 'long' })
      .format(new Date(instant));
  };

  LX.formatTime = function (instant, zone) {
    return new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .format(new Date(instant));
  };

  /** "12月1日星期二 09:00–09:30" in the zone. */
  LX.formatRange = function (start, end, zone) {
    const dateText = new Intl.DateTimeFormat(locale(), {
      timeZone: zone, year: 'numeric', month: 'short', day: 'numeric', weekday: 'short'
    }).format(new Date(start));
    return dateText + ' ' + LX.formatTime(start, zone) + '–' + LX.formatTime(end, zone);
  };

  LX.formatDateTime = function (instant, zone) {
    return new Intl.DateTimeFormat(locale(), {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
      second: '2-digit', hourCycle: 'h23'
    }).format(new Date(instant));
  };

  // ------------------------------------------------------------------ small DOM helper

  /** el('button', {class: 'x', dataset: {id: 1}, onclick: fn}, 'text', child…) */
  LX.el = function (tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'dataset') Object.assign(node.dataset, v);
        else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.substring(2), v);
        else if (k === 'text') node.textContent = v;
        else node.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  };
})();
