/*
 * One topic (专项) on the topics page: its facts (place, category, the rule it crossed, when found), its matters
 * (each a link to the case page), who did what and when, and — for supervisors (reviewers, leaders, administrators)
 * — following it with a lead unit and a note, then closing it with a conclusion.
 */
import { get, post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t, tNode } from '/js/i18n.js';
import { formatDateTime } from '/js/dates.js';
import { officeName, say, sayError } from '/js/page.js';
import { API, officeNode, stateBadge } from '/topics/topic-view.js';

const $ = byId;
const SUPERVISORS = ['REVIEWER', 'LEADER', 'ADMIN'];

/** The panel over the page state S; hooks: changed() after an act, shown() after a topic was opened or closed. */
export function topicPanel(S, hooks) {
  let detail = null;

  async function open(id) {
    say($('detail-error'), null);
    say($('detail-info'), null);
    try {
      detail = await get(API + '/' + id);
    } catch (err) {
      detail = null;
      $('detail').hidden = false;
      $('detail-body').replaceChildren();
      sayError($('detail-error'), err);
      return;
    }
    render();
    hooks.shown();
    $('detail-title').focus();
  }

  function close() {
    detail = null;
    $('detail').hidden = true;
    say($('detail-error'), null);
    say($('detail-info'), null);
    hooks.shown();
  }

  async function act(path, body, doneKey) {
    say($('detail-error'), null);
    try {
      detail = await post(API + '/' + detail.topic.id + path, body);
      say($('detail-info'), () => t(doneKey));
      render();
      hooks.changed();
    } catch (err) {
      sayError($('detail-error'), err);
    }
  }

  function render() {
    if (!detail) {
      $('detail').hidden = true;
      return;
    }
    const tp = detail.topic;
    $('detail').hidden = false;
    // actions() is null when there is nothing for this user to do: replaceChildren would write "null"
    $('detail-body').replaceChildren(...[facts(tp), mattersTable(detail.matters), historyList(detail.history),
      actions(tp)].filter(Boolean));
  }

  function facts(tp) {
    const row = (key, value) => [el('dt', null, t(key)), el('dd', null, value)];
    return el('dl', { class: 'sv-facts', 'data-testid': 'tp-facts' },
      row('tp.col.place', officeNode(tp.place)),
      row('tp.col.category', el('span', { translate: 'no' }, tp.category)),
      row('tp.col.state', stateBadge(tp)),
      row('tp.col.matters', el('span', { 'data-testid': 'tp-detail-count' }, String(tp.matterCount))),
      row('tp.field.rule', t('tp.rule', { n: tp.threshold, days: tp.windowDays })),
      row('tp.field.triggered', formatDateTime(tp.triggeredAt, S.zone)),
      row('tp.col.opened', formatDateTime(tp.openedAt, S.zone)),
      tp.lead ? row('tp.col.lead', officeNode(tp.lead)) : null,
      tp.note ? row('tp.field.note', el('div', { class: 'sv-text', translate: 'no', 'data-testid': 'tp-note' }, tp.note)) : null,
      tp.conclusion ? row('tp.field.conclusion',
        el('div', { class: 'sv-text', translate: 'no', 'data-testid': 'tp-conclusion' }, tp.conclusion)) : null);
  }

  function mattersTable(matters) {
    return el('div', { class: 'sv-box' }, el('h3', null, t('tp.matters.title', { n: matters.length })),
      el('div', { class: 'table-wrap' }, el('table', { class: 'tp-matters', 'data-testid': 'tp-matters' },
        el('thead', null, el('tr', null, ...['tp.matters.case', 'tp.matters.subject', 'tp.matters.office',
          'tp.matters.filed', 'tp.matters.status'].map(k => el('th', { scope: 'col' }, t(k))))),
        el('tbody', null, ...matters.map(m => el('tr', { 'data-testid': 'tp-matter' },
          el('td', null, el('a', { href: '/cases/?id=' + encodeURIComponent(m.caseId), translate: 'no',
            'data-testid': 'tp-matter-link' }, m.caseNumber)),
          el('td', { translate: 'no' }, m.subject),
          el('td', null, officeNode(m.office)),
          el('td', null, formatDateTime(m.createdAt, S.zone)),
          el('td', null, t('case.status.' + m.status))))))));
  }

  function historyList(history) {
    return el('div', { class: 'sv-box' }, el('h3', null, t('tp.history.title')),
      el('ul', { class: 'sv-history', 'data-testid': 'tp-history' }, ...history.map(h => el('li', null,
        el('div', null, el('span', { class: 'muted' }, formatDateTime(h.at, S.zone) + t('tp.sep')),
          tNode('tp.event.' + h.kind, { n: String(h.matters ?? ''), office: h.office ? officeName(h.office) : '' },
            ['office']),
          el('span', { class: 'muted' }, t('tp.sep'), h.actor === 'system' ? t('tp.system')
            : el('span', { translate: 'no', 'data-testid': 'tp-actor' }, h.actor))),
        h.text ? el('div', { class: 'sv-history-text', translate: 'no' }, h.text) : null))));
  }

  function actions(tp) {
    if (!S.me || !SUPERVISORS.includes(S.me.role) || tp.state === 'CLOSED') return null;
    if (tp.state === 'OPEN') {
      const leads = [...S.offices.values()].sort((a, b) => String(a.path || a.id).localeCompare(String(b.path || b.id)));
      const lead = el('select', { id: 'tp-lead', 'data-testid': 'tp-lead', required: true },
        el('option', { value: '' }, t('tp.follow.choose')),
        ...leads.map(o => el('option', { value: o.id, translate: 'no' }, officeName(o))));
      const note = el('textarea', { id: 'tp-note-input', 'data-testid': 'tp-note-input', rows: 3, maxlength: 2000 });
      return el('form', { class: 'sv-action', novalidate: true, 'data-testid': 'tp-follow-form', onsubmit: (e) => {
        e.preventDefault();
        if (!lead.value) { say($('detail-error'), () => t('tp.follow.leadMissing')); lead.focus(); return; }
        act('/follow', { leadOfficeId: Number(lead.value), note: note.value }, 'tp.follow.done');
      } },
      el('h3', null, t('tp.follow.title')),
      el('p', { class: 'muted small' }, t('tp.follow.hint')),
      el('div', { class: 'sv-field' }, el('label', { for: 'tp-lead' }, t('tp.col.lead')), lead),
      el('div', { class: 'sv-field' }, el('label', { for: 'tp-note-input' }, t('tp.field.note')), note),
      el('button', { type: 'submit', class: 'primary', 'data-testid': 'tp-follow' }, t('tp.follow.submit')));
    }
    const conclusion = el('textarea', { id: 'tp-conclusion-input', 'data-testid': 'tp-conclusion-input', rows: 4,
      maxlength: 4000, required: true });
    return el('form', { class: 'sv-action', novalidate: true, 'data-testid': 'tp-close-form', onsubmit: (e) => {
      e.preventDefault();
      if (!conclusion.value.trim()) {
        say($('detail-error'), () => t('tp.close.missing'));
        conclusion.focus();
        return;
      }
      act('/close', { conclusion: conclusion.value }, 'tp.close.done');
    } },
    el('h3', null, t('tp.close.title')),
    el('div', { class: 'sv-field' }, el('label', { for: 'tp-conclusion-input' }, t('tp.field.conclusion')), conclusion),
    el('button', { type: 'submit', class: 'primary', 'data-testid': 'tp-close' }, t('tp.close.submit')));
  }

  return { open, close, render, current: () => (detail ? detail.topic : null) };
}
