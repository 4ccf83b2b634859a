/*
 * Step 2 of the kiosk: the petitioner's identity check. The ID number (GB 11643, checked here first) is sent once
 * with the check-in and never kept in the page.
 */
import { post } from '/js/api.js';
import { byId } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';

const $ = byId;

/** GB 11643: 17 digits and a check digit (0-9 or X). */
export function validIdNumber(s) {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * w[i];
  return '10X98765432'[sum % 11] === s[17];
}

/** Wires the identity form. {@code kiosk}: go(step) of the kiosk. Returns {clear()}. */
export function identityCheck(S, kiosk) {
  $('identity-form').addEventListener('submit', (e) => { e.preventDefault(); checkIn(); });

  /** An empty form, as the step is shown. */
  function clear() {
    $('id-number').value = '';
    say($('identity-error'), null);
  }

  async function checkIn() {
    const field = $('id-number');
    const idNumber = field.value.trim().toUpperCase();
    field.value = ''; // never keep the number in the page
    say($('identity-error'), null);
    if (!validIdNumber(idNumber)) {
      say($('identity-error'), () => t('kiosk.identity.invalid'));
      field.focus();
      return;
    }
    const button = $('identity-check');
    button.disabled = true;
    try {
      S.booking = await post('/api/v1/bookings/' + S.booking.id + '/check-in', { idNumber: idNumber });
      kiosk.go('devices');
    } catch (err) {
      sayError($('identity-error'), err);
      field.focus();
    } finally {
      button.disabled = false;
    }
  }

  return { clear: clear };
}
