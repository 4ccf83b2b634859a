/*
 * The evaluator pool of the administrator's office (评议员库): who is in it, adding an evaluator (a deputy, an expert,
 * a citizens' representative, with the office they belong to, which the draw never lets them evaluate), making an
 * evaluator's login (a login name and a first password the administrator hands over), and deactivating one (its
 * login stops with it).
 */
import { api, get, post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t, tNode } from '/js/i18n.js';
import { officeName, say, sayError } from '/js/page.js';

const $ = byId;
const API = '/api/v1/evaluation/evaluators';
const KINDS = ['EXPERT', 'DEPUTY', 'CITIZEN_REP'];

/** {@code page}: the page context of startPage. Returns {load(), render()}. */
export function evaluatorPool(page) {
  let evaluators = [];
  let loginFor = null; // the evaluator whose login form is open

  async function load() {
    $('pool-part').hidden = false;
    $('add-form').addEventListener('submit', add);
    try {
      evaluators = await get(API);
    } catch (err) {
      sayError($('pool-error'), err);
    }
    render();
  }

  async function add(e) {
    e.preventDefault();
    say($('pool-ok'), null);
    say($('pool-error'), null);
    const affiliation = $('add-affiliation').value;
    try {
      await post(API, { name: $('add-name').value.trim(), kind: $('add-kind').value,
        affiliationOfficeId: affiliation ? Number(affiliation) : null, username: null });
      $('add-name').value = '';
      say($('pool-ok'), () => t('pool.added'));
      evaluators = await get(API);
    } catch (err) {
      sayError($('pool-error'), err);
    }
    render();
  }

  async function makeLogin(ev, username, password) {
    say($('pool-ok'), null);
    say($('pool-error'), null);
    try {
      const linked = await post(API + '/' + ev.id + '/login', { username: username, password: password });
      loginFor = null;
      say($('pool-ok'), () => tNode('pool.created', { name: linked.name, username: linked.username },
        ['name', 'username']));
      evaluators = await get(API);
    } catch (err) {
      sayError($('pool-error'), err);
    }
    render();
  }

  async function setActive(ev, active) {
    say($('pool-error'), null);
    try {
      await api('PUT', API + '/' + ev.id + '/active', { active: active });
      evaluators = await get(API);
    } catch (err) {
      sayError($('pool-error'), err);
    }
    render();
  }

  function render() {
    const kind = $('add-kind');
    const chosenKind = kind.value;
    kind.replaceChildren(...KINDS.map(k => el('option', { value: k, selected: k === chosenKind }, t('pool.kind.' + k))));
    const aff = $('add-affiliation');
    const chosenAff = aff.value;
    aff.replaceChildren(el('option', { value: '' }, t('pool.affiliationNoneOption')),
      ...[...page.offices.values()].map(o => el('option', { value: String(o.id),
        selected: String(o.id) === chosenAff }, officeName(o))));
    const list = $('pool');
    list.replaceChildren();
    if (!evaluators.length) list.appendChild(el('li', { class: 'muted' }, t('pool.none')));
    for (const ev of evaluators) list.appendChild(item(ev));
  }

  function item(ev) {
    const li = el('li', { 'data-testid': 'evaluator-' + ev.id, class: ev.active ? null : 'inactive' },
      el('strong', { translate: 'no' }, ev.name), ' · ', t('pool.kind.' + ev.kind), ' · ',
      ev.affiliationOfficeId ? tNode('pool.affiliationOf', { office: page.officeName(ev.affiliationOfficeId) },
        ['office']) : t('pool.affiliationNone'), ' · ',
      ev.username ? tNode('pool.loginOf', { username: ev.username }, ['username']) : t('pool.noLogin'),
      ev.active ? '' : ' · ' + t('pool.inactive'), ' ');
    if (!ev.username && ev.active && loginFor !== ev.id) {
      li.appendChild(el('button', { type: 'button', 'data-testid': 'make-login-' + ev.id,
        onclick: () => { loginFor = ev.id; render(); } }, t('pool.makeLogin')));
    }
    li.appendChild(el('button', { type: 'button', 'data-testid': 'active-' + ev.id,
      onclick: () => setActive(ev, !ev.active) }, t(ev.active ? 'pool.deactivate' : 'pool.activate')));
    if (loginFor === ev.id) li.appendChild(loginForm(ev));
    return li;
  }

  function loginForm(ev) {
    const user = el('input', { type: 'text', id: 'login-username', 'data-testid': 'login-username',
      autocomplete: 'off', maxlength: 64, required: true });
    const password = el('input', { type: 'password', id: 'login-password', 'data-testid': 'login-password',
      autocomplete: 'new-password', minlength: 8, maxlength: 200, required: true });
    const form = el('form', { class: 'login-form', 'data-testid': 'login-form' },
      el('label', null, el('span', null, t('pool.username')), user),
      el('label', null, el('span', null, t('pool.password')), password),
      el('button', { type: 'submit', class: 'primary', 'data-testid': 'login-send' }, t('pool.create')));
    form.addEventListener('submit', (e) => { e.preventDefault(); makeLogin(ev, user.value.trim(), password.value); });
    return form;
  }

  return { load, render };
}
