/*
 * Webhook endpoints (事件推送地址): administrators list the systems that receive this office's events (the petition
 * information system), add or change one, give it a new signing secret (shown once, in full, right after), and read
 * its delivery log: each event's state, attempts and the receiver's answers, with 重新发送 for what failed.
 * Everything shown is rebuilt from the state `S`, so the language switch re-renders it.
 */
import { api, get, post } from '/js/api.js';
import { formatDayTime } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { renderNav } from '/js/nav.js';
import { markReady, repaintMessages, say, sayError, startPage } from '/js/page.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import webhookMessages from '/i18n/webhooks.js';

const $ = byId;

const S = {
  page: null,
  types: [],        // event type wire names
  endpoints: [],
  editing: null,    // the endpoint being changed, or null: a new one
  open: null,       // the endpoint whose log is shown
  log: [],
  attempts: null    // {delivery, list} of the delivery whose attempts are shown
};

async function start() {
  const page = await startPage({ messages: [commonMessages, errorMessages, webhookMessages], onLanguageChange: renderAll });
  if (!page) return;
  S.page = page;
  renderNav($('nav'), page.me, 'webhooks');
  if (page.me.role !== 'ADMIN') {
    say($('list-status'), () => t('wh.forbidden'));
    $('form').hidden = true;
    markReady();
    return;
  }
  try {
    S.types = (await get('/api/v1/webhooks/event-types')).map(x => x.name);
    await loadEndpoints();
  } catch (err) {
    sayError($('page-error'), err);
  }
  $('form').addEventListener('submit', save);
  $('cancel-edit').addEventListener('click', () => edit(null));
  $('log-state').addEventListener('change', () => loadLog());
  renderAll();
  markReady();
}

async function loadEndpoints() {
  S.endpoints = await get('/api/v1/webhooks/endpoints');
  renderList();
}

function renderAll() {
  renderNav($('nav'), S.page && S.page.me, 'webhooks');
  renderList();
  renderForm();
  renderLog();
  repaintMessages();
}

function typeName(name) {
  return t('wh.type.' + name);
}

function renderList() {
  const list = $('endpoints');
  list.replaceChildren();
  if (!S.page || S.page.me.role !== 'ADMIN') return;
  say($('list-status'), S.endpoints.length ? null : () => t('wh.list.none'));
  for (const e of S.endpoints) {
    const types = e.eventTypes.length ? e.eventTypes.map(x => typeName(wire(x))).join('、') : t('wh.types.all');
    const state = e.enabled ? t('wh.on') : t('wh.off') + (e.disabledReason ? '：' + e.disabledReason : '');
    list.appendChild(el('li', { class: e.enabled ? 'on' : 'off', 'data-testid': 'endpoint', dataset: { id: e.id } },
      el('div', null, el('strong', null, e.description || t('wh.unnamed')), ' · ',
        S.page.officeName(e.officeId), ' · ', el('span', { 'data-testid': 'endpoint-state' }, state)),
      el('div', { class: 'wh-url', 'data-testid': 'endpoint-url' }, e.url),
      el('div', { class: 'muted small' }, t('wh.list.types', { types: types })),
      el('div', { class: 'muted small', 'data-testid': 'endpoint-secrets' }, t('wh.list.secrets', {
        secrets: e.secrets.map(s => s.masked + (s.expiresAt ? t('wh.secret.until', { at: formatDayTime(s.expiresAt) }) : '')).join('，')
      })),
      el('div', { class: 'wh-buttons' },
        el('button', { type: 'button', 'data-testid': 'show-log', onclick: () => openLog(e) }, t('wh.list.log')),
        el('button', { type: 'button', 'data-testid': 'edit', onclick: () => edit(e) }, t('wh.list.edit')),
        el('button', { type: 'button', 'data-testid': 'rotate', onclick: () => rotate(e) }, t('wh.list.rotate')),
        el('button', { type: 'button', 'data-testid': 'delete', onclick: () => remove(e) }, t('wh.list.delete')))));
  }
}

/** The API gives event types as enum names (BOOKING_CREATED); the page speaks in wire names (booking.created). */
function wire(enumName) {
  return enumName.toLowerCase().replace('_', '.');
}

function renderForm() {
  const e = S.editing;
  $('form-title').textContent = e ? t('wh.form.edit', { name: e.description || e.url }) : t('wh.form.new');
  $('cancel-edit').hidden = !e;
  const box = $('types');
  const chosen = new Set(Array.from(box.querySelectorAll('input:checked')).map(i => i.value));
  box.replaceChildren();
  for (const name of S.types) {
    const id = 'type-' + name.replace('.', '-');
    box.appendChild(el('label', { for: id, class: 'wh-check' },
      el('input', { type: 'checkbox', id: id, value: name, 'data-testid': 'type', checked: chosen.has(name) }),
      typeName(name)));
  }
}

function edit(endpoint) {
  S.editing = endpoint;
  say($('form-error'), null);
  say($('secret-box'), null);
  $('url').value = endpoint ? endpoint.url : '';
  $('description').value = endpoint ? endpoint.description : '';
  $('enabled').checked = endpoint ? endpoint.enabled : true;
  $('types').replaceChildren();
  renderForm();
  if (endpoint) {
    const wanted = new Set(endpoint.eventTypes.map(wire));
    $('types').querySelectorAll('input').forEach(i => { i.checked = wanted.has(i.value); });
  }
  $('url').focus();
}

async function save(ev) {
  ev.preventDefault();
  say($('form-error'), null);
  say($('secret-box'), null);
  const body = {
    url: $('url').value.trim(),
    description: $('description').value.trim(),
    eventTypes: Array.from($('types').querySelectorAll('input:checked')).map(i => i.value),
    enabled: $('enabled').checked
  };
  $('save').disabled = true;
  try {
    if (S.editing) {
      await api('PUT', '/api/v1/webhooks/endpoints/' + S.editing.id, body);
      edit(null);
      say($('secret-box'), () => t('wh.saved'));
    } else {
      const made = await post('/api/v1/webhooks/endpoints', body);
      edit(null);
      showSecret(made);
    }
    await loadEndpoints();
  } catch (err) {
    sayError($('form-error'), err);
  } finally {
    $('save').disabled = false;
  }
}

function showSecret(made) {
  say($('secret-box'), () => el('div', null,
    el('p', null, t('wh.secret.once', { name: made.endpoint.description || made.endpoint.url })),
    el('p', { class: 'wh-secret', 'data-testid': 'secret' }, made.secret)));
}

async function rotate(e) {
  if (!window.confirm(t('wh.rotate.confirm'))) return;
  try {
    showSecret(await post('/api/v1/webhooks/endpoints/' + e.id + '/rotate-secret'));
    await loadEndpoints();
  } catch (err) {
    sayError($('page-error'), err);
  }
}

async function remove(e) {
  if (!window.confirm(t('wh.delete.confirm', { name: e.description || e.url }))) return;
  try {
    await api('DELETE', '/api/v1/webhooks/endpoints/' + e.id);
    if (S.open && S.open.id === e.id) { S.open = null; renderLog(); }
    await loadEndpoints();
  } catch (err) {
    sayError($('page-error'), err);
  }
}

async function openLog(e) {
  S.open = e;
  S.attempts = null;
  await loadLog();
}

async function loadLog() {
  if (!S.open) return;
  say($('log-error'), null);
  const state = $('log-state').value;
  try {
    S.log = await get('/api/v1/webhooks/endpoints/' + S.open.id + '/deliveries?limit=200' + (state ? '&state=' + state : ''));
  } catch (err) {
    S.log = [];
    sayError($('log-error'), err);
  }
  renderLog();
}

function renderLog() {
  $('log-card').hidden = !S.open;
  if (!S.open) return;
  $('log-title').textContent = t('wh.log.of', { name: S.open.description || S.open.url });
  const rows = $('log-rows');
  rows.replaceChildren();
  $('log-none').hidden = S.log.length > 0;
  for (const d of S.log) {
    const last = d.lastAttemptAt ? formatDayTime(d.lastAttemptAt) : '—';
    const answer = d.lastStatus ? 'HTTP ' + d.lastStatus : (d.lastError || '—');
    const next = d.state === 'PENDING' && d.attempts > 0 ? t('wh.log.next', { at: formatDayTime(d.nextAttemptAt) }) : '';
    rows.appendChild(el('tr', { 'data-testid': 'delivery', dataset: { id: d.id, state: d.state } },
      el('td', null, typeName(d.eventType), el('div', { class: 'muted small' }, d.msgId)),
      el('td', { class: d.state, 'data-testid': 'delivery-state' }, t('wh.state.' + d.state), next ? el('div', { class: 'muted small' }, next) : null),
      el('td', null, String(d.attempts)),
      el('td', null, last),
      el('td', null, answer),
      el('td', null,
        el('button', { type: 'button', 'data-testid': 'show-attempts', onclick: () => showAttempts(d) }, t('wh.log.attempts.show')),
        d.state === 'PENDING' ? null
          : el('button', { type: 'button', 'data-testid': 'resend', onclick: () => resend(d) }, t('wh.log.resend')))));
  }
  renderAttempts();
}

async function showAttempts(d) {
  try {
    S.attempts = { delivery: d, list: await get('/api/v1/webhooks/deliveries/' + d.id + '/attempts') };
  } catch (err) {
    sayError($('log-error'), err);
  }
  renderAttempts();
}

function renderAttempts() {
  const box = $('attempts');
  box.replaceChildren();
  if (!S.attempts) return;
  box.appendChild(el('h3', null, t('wh.attempts.title', { id: S.attempts.delivery.msgId })));
  const list = el('ol', { 'data-testid': 'attempt-list' });
  for (const a of S.attempts.list) {
    list.appendChild(el('li', { 'data-testid': 'attempt' },
      t('wh.attempts.line', { at: formatDayTime(a.startedAt), answer: a.status ? 'HTTP ' + a.status : (a.error || '—'),
        ms: a.latencyMs, node: a.node }),
      a.response ? el('div', { class: 'wh-answer' }, a.response) : null));
  }
  box.appendChild(list);
}

async function resend(d) {
  try {
    await post('/api/v1/webhooks/deliveries/' + d.id + '/resend');
    await loadLog();
  } catch (err) {
    sayError($('log-error'), err);
  }
}

start();
