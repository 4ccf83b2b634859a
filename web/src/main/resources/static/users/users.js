/*
 * Accounts and roles (账号与角色, 三员分立): the accounts of the user's office and the offices below it. The security
 * administrator grants and changes roles and switches the accounts of the three duties on and off; the system
 * administrator switches the staff's accounts on and off and sees the roles without changing them. Every refusal is
 * the rule's own message (separated duties, own role, …). Both create accounts with the form of new-account.js. Everything shown is rebuilt from the state `S`, so the
 * language switch re-renders it.
 */
import { api, get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t, tNode } from '/js/i18n.js';
import { renderNav } from '/js/nav.js';
import { markReady, repaintMessages, say, sayError, startPage } from '/js/page.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import userMessages from '/i18n/users.js';
import { newAccountForm } from '/users/new-account.js';

const $ = byId;
/** The roles a security administrator may give here (evaluators come from the evaluator pool). */
const GRANTABLE = ['SCHEDULER', 'LEADER', 'OFFICIAL', 'REVIEWER', 'ADMIN', 'SECURITY_ADMIN', 'AUDITOR'];
const DUTIES = ['ADMIN', 'SECURITY_ADMIN', 'AUDITOR'];

const S = {
  page: null,
  accounts: [],
  done: null,       // () => message of the last change, or null
  renderForm: null  // the new-account form's render, once wired
};

async function start() {
  const page = await startPage({ messages: [commonMessages, errorMessages, userMessages], onLanguageChange: renderAll });
  if (!page) return;
  S.page = page;
  if (!isSecurity() && !isAdmin()) {
    renderAll();
    say($('status'), () => t('us.forbidden'));
    markReady();
    return;
  }
  S.renderForm = newAccountForm(page, async (account, message) => {
    S.done = message;
    await load();
  });
  await load();
  markReady();
}

const isSecurity = () => S.page && S.page.me.role === 'SECURITY_ADMIN';
const isAdmin = () => S.page && S.page.me.role === 'ADMIN';

async function load() {
  try {
    S.accounts = await get('/api/v1/users');
  } catch (err) {
    sayError($('page-error'), err);
  }
  renderAll();
}

function renderAll() {
  renderNav($('nav'), S.page && S.page.me, 'users');
  $('intro').textContent = isSecurity() ? t('us.intro.security') : isAdmin() ? t('us.intro.admin') : '';
  renderRows();
  if (S.renderForm) S.renderForm();
  say($('action-message'), S.done);
  repaintMessages($('status'));
}

/** Whether this user may switch the account on or off (the server decides; the page only offers what it allows). */
function maySwitch(a) {
  if (a.username === S.page.me.username || a.role === 'EVALUATOR') return false;
  const duty = a.duty || DUTIES.includes(a.role);
  return isSecurity() ? !!duty : isAdmin() && !duty;
}

function renderRows() {
  const rows = $('rows');
  rows.replaceChildren();
  const table = document.querySelector('[data-testid=accounts]');
  table.hidden = !S.accounts.length;
  if (!S.page || (!isSecurity() && !isAdmin())) return;
  say($('status'), () => t('us.count', { n: S.accounts.length }));
  for (const a of S.accounts) {
    rows.appendChild(el('tr', { class: a.enabled ? 'on' : 'off', 'data-testid': 'account', dataset: { username: a.username } },
      el('td', null, el('strong', { id: 'name-' + a.id, translate: 'no' }, a.displayName),
        el('div', { class: 'muted small', translate: 'no' },
        a.username)),
      el('td', null, S.page.officeName(a.officeId)),
      el('td', null, roleCell(a)),
      el('td', { 'data-testid': 'account-state' }, a.enabled ? t('us.enabled') : t('us.disabled')),
      el('td', null, maySwitch(a) ? el('button', { type: 'button', class: 'secondary', 'data-testid': 'switch',
        onclick: () => setEnabled(a, !a.enabled) }, a.enabled ? t('us.disable') : t('us.enable')) : null)));
  }
}

function roleCell(a) {
  const duty = a.duty ? el('div', { class: 'muted small' }, t('us.duty', { duty: t('role.' + a.duty) })) : null;
  if (!isSecurity() || a.username === S.page.me.username || a.role === 'EVALUATOR') {
    return el('div', null, el('span', { 'data-testid': 'account-role' }, t('role.' + a.role)), duty);
  }
  const id = 'role-' + a.id;
  const select = el('select', { id: id, 'data-testid': 'role-select', 'aria-labelledby': 'name-' + a.id },
    GRANTABLE.map(r => el('option', { value: r, selected: r === a.role }, t('role.' + r))));
  return el('div', null, el('div', { class: 'us-role' }, select,
    el('button', { type: 'button', 'data-testid': 'role-save', onclick: () => changeRole(a, select.value) },
      t('us.role.save'))), duty);
}

async function changeRole(a, role) {
  if (role === a.role) return;
  await act(() => api('PUT', '/api/v1/users/' + a.id + '/role', { role: role }),
    () => tNode('us.role.done', { name: a.username, role: t('role.' + role) }, ['name']));
}

async function setEnabled(a, enabled) {
  await act(() => api('PUT', '/api/v1/users/' + a.id + '/enabled', { enabled: enabled }),
    () => tNode(enabled ? 'us.enable.done' : 'us.disable.done', { name: a.username }, ['name']));
}

async function act(call, message) {
  say($('page-error'), null);
  S.done = null;
  try {
    await call();
    S.done = message;
  } catch (err) {
    sayError($('page-error'), err);
  }
  await load();
}

start();
