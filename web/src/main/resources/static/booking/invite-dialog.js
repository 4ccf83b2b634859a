/*
 * The invite dialog (邀请部门参加接访) of a booked reception: officials of the departments that may join a reception
 * for its case (see officials.js), less those already invited and the leader; send the chosen invitations.
 */
import { get, post } from '/js/api.js';
import { formatRange } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { lang, t } from '/js/i18n.js';
import { officeName, say, sayError } from '/js/page.js';
import { departmentOfficialsFor } from '/booking/officials.js';
import { data, sentence } from '/js/sentence.js';

const $ = byId;

/** Wires the dialog; {@code invited()} is told after every try to invite. Returns {open(booking), render()}. */
export function inviteDialog(S, { invited }) {
  let inviting = null; // {booking, candidates, chosen}

  $('i-close').addEventListener('click', () => $('invite-dialog').close());
  $('i-confirm').addEventListener('click', confirm);
  $('invite-dialog').addEventListener('close', () => { inviting = null; });

  async function open(b) {
    const inv = { booking: b, candidates: null, chosen: new Set() };
    inviting = inv;
    say($('i-error'), null);
    render();
    $('invite-dialog').showModal();
    try {
      const c = await get('/api/v1/cases/' + b.caseId);
      const already = new Set((b.invitations || []).map(i => i.officialId));
      const all = await departmentOfficialsFor(S.offices, c.officeId);
      if (inviting !== inv) return;
      inv.candidates = all.filter(x => !already.has(x.official.id) && x.official.id !== b.officialId);
    } catch (err) {
      if (inviting !== inv) return;
      inv.candidates = [];
      sayError($('i-error'), err);
    }
    render();
  }

  function render() {
    const inv = inviting;
    if (!inv) return;
    const b = inv.booking;
    $('invite-what').replaceChildren(el('span', { translate: 'no' }, b.code + ' · ' + b.caseNumber + ' · '
      + b.officialName), ' · ' + formatRange(b.start, b.end, S.zone));
    const box = $('i-list');
    box.replaceChildren();
    if (inv.candidates === null) {
      box.appendChild(el('span', { class: 'muted small', text: t('list.loading') }));
    } else if (!inv.candidates.length) {
      box.appendChild(el('span', { class: 'muted small', text: t('inviteLater.none') }));
    }
    for (const { official, office } of inv.candidates || []) {
      const id = 'i-official-' + official.id;
      box.appendChild(el('div', { class: 'check' },
        el('input', {
          type: 'checkbox', id: id, value: official.id, 'data-testid': 'i-official', checked: inv.chosen.has(official.id),
          onchange: (e) => {
            if (e.target.checked) inv.chosen.add(official.id); else inv.chosen.delete(official.id);
            $('i-confirm').disabled = inv.chosen.size === 0;
          }
        }),
        el('label', { for: id }, sentence('invite.option', {
          name: data(official.name), title: data(official.title || ''), office: officeName(office)
        }))));
    }
    $('i-confirm').disabled = inv.chosen.size === 0;
  }

  async function confirm() {
    const inv = inviting;
    if (!inv || !inv.chosen.size) return;
    $('i-confirm').disabled = true;
    say($('i-error'), null);
    const names = [];
    let last = null;
    try {
      for (const id of [...inv.chosen]) {
        last = await post('/api/v1/bookings/' + inv.booking.id + '/invitations', { officialId: id });
        names.push(inv.candidates.find(x => x.official.id === id).official.name);
        inv.chosen.delete(id);
        inv.candidates = inv.candidates.filter(x => x.official.id !== id);
      }
      $('invite-dialog').close();
      const code = last.code;
      say($('list-message'), () => el('span', null, sentence('inviteLater.success', {
        names: data(names.join(lang() === 'en' ? ', ' : '、')), code: data(code)
      })));
    } catch (err) {
      render();
      sayError($('i-error'), err);
    }
    invited();
  }

  return { open: open, render: render };
}
