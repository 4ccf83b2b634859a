/*
 * Step 2 of the kiosk: the petitioner's identity check. The ID number (GB 11643, checked here first) is sent once
 * with the check-in and never kept in the page.
 */
import { post } from '/js/api.js';
import { byId } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say } from '/js/page.js';
import { sayFailure } from '/terminal/phrase.js';

const $ = byId;

/** GB 11643: 17 digits and a check digit (0-9 or X). */
export function validIdNumber(s) {
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * w[i];
  return '10X98765432'[sum % 11] === s[17];
}

/** 1101**********1234: the first and last four characters of a number of 8 or more, the rest hidden. */
export function maskIdNumber(s) {
  return s.length < 8 ? s : s.substring(0, 4) + '*'.repeat(s.length - 8) + s.substring(s.length - 4);
}

/**
 * Wires the identity form. The number shows in full while it is typed (staff see a typo in 18 characters) and
 * masked once the field is left or checked (1101**********1234); 显示号码 shows it again, 隐藏号码 masks it.
 * The number itself is held here only while the step is shown. {@code kiosk}: checkedIn(idNumber) of the kiosk.
 * Returns {clear(), render()}.
 */
export function identityCheck(S, kiosk) {
  const field = $('id-number');
  const toggle = $('identity-show');
  let number = '';       // what was typed
  let revealed = false;  // shown on demand (the show/hide control)

  $('identity-form').addEventListener('submit', (e) => { e.preventDefault(); checkIn(); });
  field.addEventListener('focus', () => { field.value = number; });
  field.addEventListener('input', () => {
    const upper = field.value.toUpperCase().replace(/\s+/g, '');
    if (upper !== field.value) field.value = upper;
    number = upper;
  });
  field.addEventListener('blur', () => { number = field.value; render(); });
  toggle.addEventListener('click', () => { revealed = !revealed; render(); });

  /** The field as it should read: in full while typed or shown on demand, masked otherwise. */
  function render() {
    const typing = document.activeElement === field;
    field.value = typing || revealed ? number : maskIdNumber(number);
    field.dataset.masked = String(!typing && !revealed && number.length >= 8);
    toggle.dataset.revealed = String(revealed);
    toggle.textContent = t(revealed ? 'kiosk.identity.hide' : 'kiosk.identity.show');
  }

  /** An empty form, as the step is shown (and the number forgotten once the step is left). */
  function clear() {
    number = '';
    revealed = false;
    render();
    say($('identity-error'), null);
  }

  async function checkIn() {
    if (document.activeElement === field) number = field.value;
    const idNumber = number.trim().toUpperCase();
    say($('identity-error'), null);
    if (!validIdNumber(idNumber)) {
      say($('identity-error'), () => t('kiosk.identity.invalid'));
      return;
    }
    field.blur(); // masked while the server checks
    render();
    const button = $('identity-check');
    button.disabled = true;
    try {
      S.booking = await post('/api/v1/bookings/' + S.booking.id + '/check-in', { idNumber: idNumber });
      number = ''; // never kept in the page
      revealed = false;
      render();
      kiosk.checkedIn(idNumber); // a due evaluation of the handling result first, then the devices
    } catch (err) {
      if (err && err.rule === 'identity-mismatch') say($('identity-error'), () => t('kiosk.identity.mismatch'));
      else sayFailure($('identity-error'), err);
    } finally {
      button.disabled = false;
    }
  }

  return { clear: clear, render: render };
}
