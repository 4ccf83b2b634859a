/* The cancel dialog (取消预约) of a booking that has not ended: a reason is required. */
import { post } from '/js/api.js';
import { formatRange } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';

const $ = byId;

/** Wires the dialog; {@code cancelled(booking)} is told of the cancelled booking. Returns {open(booking), render()}. */
export function cancelDialog(S, { cancelled }) {
  let cancelling = null;

  $('c-close').addEventListener('click', () => $('cancel-dialog').close());
  $('c-confirm').addEventListener('click', confirm);
  $('cancel-dialog').addEventListener('close', () => { cancelling = null; });

  function open(b) {
    cancelling = b;
    $('cancel-reason').value = '';
    say($('c-error'), null);
    render();
    $('cancel-dialog').showModal();
    $('cancel-reason').focus();
  }

  function render() {
    const b = cancelling;
    if (!b) return;
    $('cancel-what').replaceChildren(el('span', { translate: 'no' }, b.code + ' · ' + b.caseNumber + ' · '
      + b.officialName), ' · ' + formatRange(b.start, b.end, S.zone));
  }

  async function confirm() {
    const b = cancelling;
    if (!b) return;
    const reason = $('cancel-reason').value.trim();
    if (!reason) {
      say($('c-error'), () => t('cancel.reasonRequired'));
      $('cancel-reason').focus();
      return;
    }
    $('c-confirm').disabled = true;
    try {
      const done = await post('/api/v1/bookings/' + b.id + '/cancel', { reason: reason });
      $('cancel-dialog').close();
      say($('list-message'), () => t('cancel.success', { code: done.code }));
      cancelled(done);
    } catch (err) {
      sayError($('c-error'), err);
    } finally {
      $('c-confirm').disabled = false;
    }
  }

  return { open: open, render: render };
}
