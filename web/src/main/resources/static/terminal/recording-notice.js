/*
 * Step 4 of the kiosk: the recording notice (接访全程录音录像). The petitioner confirms it before joining, and the
 * server is told, once per booking, that it was shown (it goes on the recording's timeline).
 */
import { post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say } from '/js/page.js';
import { failureText } from '/terminal/phrase.js';

const $ = byId;

/** Wires the confirmation box. Returns {show()}. */
export function recordingNotice(S) {
  let sentFor = null; // booking whose recording notice the server was told of

  $('notice-ack').addEventListener('change', () => { $('join').disabled = !$('notice-ack').checked; });

  /** The step is shown: not yet confirmed, and the server told. */
  function show() {
    $('notice-ack').checked = false;
    $('join').disabled = true;
    noticeShown();
  }

  /**
   * Tells the server, once per booking, that the petitioner was shown the recording notice. A failure does not
   * stop the reception: a small warning says so.
   */
  async function noticeShown() {
    const b = S.booking;
    if (!b || sentFor === b.id) return;
    sentFor = b.id;
    let warning = $('notice-warning');
    if (!warning) {
      warning = el('div', { id: 'notice-warning', class: 'message info small', role: 'status',
        'data-testid': 'notice-warning' });
      $('panel-notice').appendChild(warning);
    }
    say(warning, null);
    try {
      await post('/api/v1/bookings/' + b.id + '/recording-notice');
    } catch (err) {
      if (!S.booking || S.booking.id !== b.id) return;
      sentFor = null; // shown again later, it is tried again
      say(warning, () => t('kiosk.notice.recordFailed', { error: failureText(err) }));
    }
  }

  return { show: show };
}
