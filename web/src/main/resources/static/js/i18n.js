/*
 * Language and messages, shared by every page: Chinese (zh) first, English (en) as the switch. The language is the
 * user's choice (kept in localStorage when they press the switch); before any choice, the browser's: the first of
 * navigator.languages that is Chinese (zh*) or English (en*), and Chinese when it names neither. A page registers the message areas it needs (/i18n/<area>.js, each {zh: {...}, en: {...}}) with
 * useMessages; t(key, params) finds a key in the current language, then in Chinese, else gives the key back.
 * Elements carrying data-i18n (text), data-i18n-placeholder or data-i18n-aria-label are translated by applyI18n.
 */
const LANG_KEY = 'lianxin.lang';
const dictionaries = { zh: {}, en: {} };
const listeners = [];

/** Adds message areas (their zh and en dictionaries) to what t() knows. */
export function useMessages(...areas) {
  for (const area of areas) {
    for (const language of Object.keys(dictionaries)) Object.assign(dictionaries[language], area[language] || {});
  }
}

export function lang() {
  let stored = null;
  try { stored = window.localStorage.getItem(LANG_KEY); } catch (e) { /* storage disabled */ }
  if (stored === 'en' || stored === 'zh') return stored;
  return browserLang(navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]);
}

/** The page language for a browser's language list (most wanted first): zh or en, whichever comes first; else zh. */
export function browserLang(languages) {
  for (const l of languages || []) {
    const tag = String(l || '').toLowerCase();
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'zh';
}

/** The locale of dates and times in the current language. */
export function locale() {
  return lang() === 'en' ? 'en-GB' : 'zh-CN';
}

/** Whether {@code key} has a message in {@code language} (the current one by default), without falling back. */
export function has(key, language) {
  const dict = dictionaries[language || lang()] || {};
  return dict[key] !== undefined && dict[key] !== '';
}

/** The translation of {@code key}, with {name} placeholders filled from {@code params}. */
export function t(key, params) {
  const dict = dictionaries[lang()] || dictionaries.zh;
  let text = dict[key];
  if (text === undefined) text = dictionaries.zh[key];
  if (text === undefined) return key;
  if (params) {
    text = text.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined || params[name] === null)
      ? '' : String(params[name]));
  }
  return text;
}

/**
 * The translation of {@code key} as a DocumentFragment, with the params named in {@code dataNames} (names of people,
 * offices, rooms; case numbers; codes: the same in every language) each in a <span translate="no">, so that a reader,
 * a translation tool and the page tests know them for data.
 */
export function tNode(key, params, dataNames) {
  const data = new Set(dataNames || []);
  const template = t(key);
  const out = document.createDocumentFragment();
  let last = 0;
  template.replace(/\{(\w+)\}/g, (m, name, offset) => {
    if (offset > last) out.appendChild(document.createTextNode(template.substring(last, offset)));
    const value = params && params[name] !== undefined && params[name] !== null ? String(params[name]) : '';
    if (data.has(name)) {
      const span = document.createElement('span');
      span.setAttribute('translate', 'no');
      span.textContent = value;
      out.appendChild(span);
    } else {
      out.appendChild(document.createTextNode(value));
    }
    last = offset + m.length;
    return m;
  });
  if (last < template.length) out.appendChild(document.createTextNode(template.substring(last)));
  return out;
}

/** Translates every element under root carrying data-i18n (text), data-i18n-placeholder or data-i18n-aria-label. */
export function applyI18n(root) {
  root = root || document;
  root.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach(el => {
    el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  });
  root.querySelectorAll('[data-i18n-aria-label]').forEach(el => {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  });
  document.documentElement.lang = lang() === 'en' ? 'en' : 'zh-CN';
  // the language switch names the other language in that language ("English" on a Chinese page): say so
  root.querySelectorAll('[data-i18n="lang.switch"]').forEach(el => { el.lang = lang() === 'en' ? 'zh-CN' : 'en'; });
  if (document.body && document.body.dataset.titleKey) {
    document.title = t(document.body.dataset.titleKey) + ' · ' + t('app.name');
  }
}

/** Calls fn(lang) after every language switch, in the order registered. */
export function onLanguageChange(fn) {
  listeners.push(fn);
}

export function setLang(language) {
  try { window.localStorage.setItem(LANG_KEY, language); } catch (e) { /* storage disabled */ }
  applyI18n(document);
  listeners.forEach(fn => fn(language));
}

/** Wires a button as the language switch: it names the other language. */
export function bindLanguageSwitch(button) {
  button.addEventListener('click', () => setLang(lang() === 'en' ? 'zh' : 'en'));
}
