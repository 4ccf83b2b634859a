/*
 * The host's invite dialog of a consultation (邀请参加会商): walk the office tree (the caller's own office and the
 * offices above it open at first), see each office's officials (the server decides whose officials the caller may
 * list) and invite them one by one.
 */
import { errorMessage, get, post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { applyI18n, t } from '/js/i18n.js';
import { officeName } from '/js/page.js';
import { data, message } from '/console/names.js';

const $ = byId;
const API = '/api/v1/consultations';

/**
 * Adds the dialog to the page. {@code panel}: me() and offices() of the signed-in user; invited(consultation)
 * with the consultation as the server returned it after an invitation; closed() when the dialog was closed.
 * Returns {open(consultation), render()}.
 */
export function consultationInvite(panel) {
  const { me, offices } = panel;
  let inviting = null; // {consultation, expanded: Set(officeId), officials: Map(officeId → list | Error | null), error, sent}

  const dialog = el('dialog', { id: 'consult-invite-dialog', 'data-testid': 'consult-invite-dialog', 'aria-labelledby': 'ci-title' },
    el('form', { method: 'dialog', class: 'dialog-body' },
      el('h2', { id: 'ci-title', 'data-i18n': 'consult.inviteTitle' }),
      el('p', { id: 'ci-sub', class: 'muted small' }),
      el('ul', { id: 'ci-tree', class: 'office-tree', role: 'tree', 'data-testid': 'ci-tree' }),
      el('div', { id: 'ci-info', class: 'message ok', role: 'status', 'data-testid': 'ci-info' }),
      el('div', { id: 'ci-error', class: 'message err', role: 'alert', 'data-testid': 'ci-error' }),
      el('div', { class: 'dialog-actions' },
        el('button', { type: 'button', id: 'ci-close', 'data-testid': 'ci-close', 'data-i18n': 'dialog.close', onclick: close }))));
  document.body.append(dialog);
  applyI18n(dialog);

  function open(c) {
    const expanded = new Set();
    // start with the caller's own office and its chain up to the root open
    let o = offices().get(me().officeId);
    const seen = new Set();
    while (o && !seen.has(o.id)) { seen.add(o.id); expanded.add(o.id); o = o.parentId == null ? null : offices().get(o.parentId); }
    inviting = { consultation: c, expanded: expanded, officials: new Map(), error: null, sent: null };
    for (const id of expanded) loadOfficials(id);
    render();
    $('consult-invite-dialog').showModal();
  }

  function close() {
    inviting = null;
    $('consult-invite-dialog').close();
    panel.closed();
  }

  async function loadOfficials(officeId) {
    const inv = inviting;
    if (!inv || inv.officials.has(officeId)) return;
    inv.officials.set(officeId, null);
    let result;
    try {
      result = ((await get('/api/v1/offices/' + officeId + '/officials?subtree=false')) || [])
        .filter(f => f.active !== false);
    } catch (err) {
      result = err;
    }
    if (inviting !== inv) return;
    inv.officials.set(officeId, result);
    render();
  }

  function toggle(officeId) {
    const inv = inviting;
    if (!inv) return;
    if (inv.expanded.has(officeId)) inv.expanded.delete(officeId);
    else { inv.expanded.add(officeId); loadOfficials(officeId); }
    render();
  }

  function render() {
    const inv = inviting;
    const tree = $('ci-tree');
    tree.replaceChildren();
    if (!inv) return;
    const c = inv.consultation;
    $('ci-sub').replaceChildren(...message('consult.inviteSub', { title: c.title }));
    const children = new Map();
    const roots = [];
    for (const o of offices().values()) {
      if (o.parentId == null || !offices().has(o.parentId)) roots.push(o);
      else {
        if (!children.has(o.parentId)) children.set(o.parentId, []);
        children.get(o.parentId).push(o);
      }
    }
    // offices of a level first, then departments; each by its code
    const order = (a, b) => ((a.level === 'DEPARTMENT') - (b.level === 'DEPARTMENT'))
      || String(a.code).localeCompare(String(b.code));
    roots.sort(order);
    children.forEach(list => list.sort(order));
    const invited = new Set((c.participants || []).map(p => p.officialId));
    const node = (o) => {
      const open = inv.expanded.has(o.id);
      const kids = children.get(o.id) || [];
      const li = el('li', { role: 'treeitem', 'aria-expanded': open ? 'true' : 'false', 'data-testid': 'office-node',
        dataset: { officeId: o.id, code: o.code, level: o.level } },
        el('button', { type: 'button', class: 'twisty', 'data-testid': 'office-toggle', onclick: () => toggle(o.id) },
          el('span', { class: 'caret', 'aria-hidden': 'true' }, open ? '▾' : '▸'),
          data(officeName(o), { class: 'strong' }),
          el('span', { class: 'level' }, t('consult.level.' + o.level))));
      if (open) {
        const sub = el('ul', { role: 'group' });
        const list = inv.officials.get(o.id);
        if (list === null || list === undefined) {
          sub.appendChild(el('li', { class: 'muted small', role: 'none' }, t('list.loading')));
        } else if (list instanceof Error) {
          sub.appendChild(el('li', { class: 'muted small', role: 'none' }, t('consult.officialsHidden')));
        } else {
          for (const f of list) {
            const self = me().officialId === f.id;
            const already = invited.has(f.id) || f.id === c.hostOfficialId;
            sub.appendChild(el('li', { class: 'official', role: 'treeitem', 'data-testid': 'tree-official', dataset: { officialId: f.id } },
              el('span', null, ...message('invite.option', { name: f.name, title: f.title || '', office: officeName(o) })),
              already || self
                ? el('span', { class: 'muted small' }, f.id === c.hostOfficialId ? t('consult.isHost') : t('consult.invited'))
                : el('button', { type: 'button', class: 'primary', 'data-testid': 'invite-official',
                  onclick: () => invite(f) }, t('consult.inviteOne'))));
          }
          if (!list.length) sub.appendChild(el('li', { class: 'muted small', role: 'none' }, t('consult.noOfficials')));
        }
        for (const k of kids) sub.appendChild(node(k));
        li.appendChild(sub);
      }
      return li;
    };
    for (const r of roots) tree.appendChild(node(r));
    $('ci-info').replaceChildren(...(inv.sent ? message('consult.invitedOne', { name: inv.sent }) : []));
    $('ci-error').textContent = inv.error ? errorMessage(inv.error) : '';
  }

  async function invite(official) {
    const inv = inviting;
    if (!inv) return;
    try {
      inv.consultation = await post(API + '/' + inv.consultation.id + '/invitations', { officialId: official.id });
      inv.sent = official.name;
      inv.error = null;
      panel.invited(inv.consultation);
    } catch (err) {
      inv.error = err;
      inv.sent = null;
    }
    if (inviting === inv) render();
  }

  return { open: open, render: render };
}
