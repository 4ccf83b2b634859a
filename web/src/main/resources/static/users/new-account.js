/*
 * The "新建账号 / New account" form of the accounts page: the system administrator creates the staff of its subtree
 * (scheduler, leader, official, reviewer; a leader or official is linked to an official record of the same office),
 * the security administrator the accounts of the three duties. The server checks everything again; a refusal names
 * the field, which gets the focus. The initial password can be generated here (it meets the stated policy) and is
 * handed over in person; it is never shown again.
 */
import { api, get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t, tNode } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';

const $ = byId;
const STAFF_ROLES = ['SCHEDULER', 'LEADER', 'OFFICIAL', 'REVIEWER'];
const DUTY_ROLES = ['ADMIN', 'SECURITY_ADMIN', 'AUDITOR'];
const LINKED = ['LEADER', 'OFFICIAL'];
const FIELDS = { username: 'new-username', displayName: 'new-display', officeId: 'new-office', role: 'new-role',
  officialId: 'new-official', password: 'new-password' };

/**
 * Wires the form for the page context; {@code created(account, password)} is told of each account made.
 * Returns a render function for the language switch.
 */
export function newAccountForm(page, created) {
  const security = page.me.role === 'SECURITY_ADMIN';
  const roles = security ? DUTY_ROLES : STAFF_ROLES;
  $('new-account').hidden = false;
  const officials = new Map(); // officeId -> [official]

  function render() {
    $('new-intro').textContent = t(security ? 'us.new.intro.security' : 'us.new.intro.admin');
    const office = $('new-office').value;
    const home = page.offices.get(page.me.officeId);
    const subtree = [...page.offices.values()].filter(o => home && o.path.startsWith(home.path));
    $('new-office').replaceChildren(...subtree.map(o =>
      el('option', { value: String(o.id), selected: String(o.id) === office }, page.officeName(o.id))));
    const role = $('new-role').value;
    $('new-role').replaceChildren(...roles.map(r => el('option', { value: r, selected: r === role }, t('role.' + r))));
    renderOfficials();
  }

  async function renderOfficials() {
    const linked = LINKED.includes($('new-role').value);
    $('new-official-field').hidden = !linked;
    if (!linked) return;
    const officeId = Number($('new-office').value);
    if (!officials.has(officeId)) {
      try {
        officials.set(officeId, await get('/api/v1/offices/' + officeId + '/officials'));
      } catch (err) {
        sayError($('page-error'), err);
        officials.set(officeId, []);
      }
    }
    const chosen = $('new-official').value;
    const list = officials.get(officeId) || [];
    $('new-official').replaceChildren(
      el('option', { value: '' }, list.length ? t('us.new.official.choose') : t('us.new.official.none')),
      ...list.map(o => el('option', { value: String(o.id), selected: String(o.id) === chosen },
        o.name + (o.title ? '（' + o.title + '）' : ''))));
  }

  $('new-office').addEventListener('change', renderOfficials);
  $('new-role').addEventListener('change', renderOfficials);
  $('new-generate').addEventListener('click', () => { $('new-password').value = generatePassword(); });
  $('new-form').addEventListener('submit', async e => {
    e.preventDefault();
    say($('page-error'), null);
    const role = $('new-role').value;
    const body = {
      username: $('new-username').value.trim(),
      displayName: $('new-display').value.trim(),
      officeId: $('new-office').value ? Number($('new-office').value) : null,
      role: role,
      officialId: LINKED.includes(role) && $('new-official').value ? Number($('new-official').value) : null,
      password: $('new-password').value
    };
    $('new-submit').disabled = true;
    try {
      const account = await api('POST', '/api/v1/users', body);
      $('new-username').value = '';
      $('new-display').value = '';
      $('new-password').value = '';
      await created(account, () => tNode('us.new.done', { name: account.username, role: t('role.' + account.role) },
        ['name']));
    } catch (err) {
      sayError($('page-error'), err);
      const field = err.problem && FIELDS[err.problem.field];
      if (field) $(field).focus();
    } finally {
      $('new-submit').disabled = false;
    }
  });
  render();
  return render;
}

/** 14 random characters of four kinds (no look-alikes such as l, 1, O, 0), at least one of each kind. */
export function generatePassword() {
  const kinds = ['abcdefghijkmnpqrstuvwxyz', 'ABCDEFGHJKLMNPQRSTUVWXYZ', '23456789', '-_.!#%+'];
  const random = n => {
    const a = new Uint32Array(1);
    crypto.getRandomValues(a);
    return a[0] % n;
  };
  const chars = kinds.map(k => k[random(k.length)]);
  const all = kinds.join('');
  while (chars.length < 14) chars.push(all[random(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = random(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
