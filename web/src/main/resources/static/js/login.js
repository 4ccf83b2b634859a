/*
 * The login page. Posts the form with fetch so the CSRF token (cookie XSRF-TOKEN) goes in the X-XSRF-TOKEN
 * header, and follows Spring Security's redirect: /login?error shows the error here, anything else is the
 * page to go to. The page needs JavaScript: being static, it has no other way to carry the CSRF token.
 */
import { csrfToken } from '/js/csrf.js';
import { applyI18n, bindLanguageSwitch, onLanguageChange, t, useMessages } from '/js/i18n.js';
import commonMessages from '/i18n/common.js';
import loginMessages from '/i18n/login.js';

const form = document.getElementById('login-form');
const errorBox = document.getElementById('login-error');
const infoBox = document.getElementById('login-info');
const submit = document.getElementById('login-submit');
let state = null; // 'error' | 'logout' | 'failed' | 'ended'

function render() {
  errorBox.textContent = state === 'error' ? t('login.error') : state === 'failed' ? t('login.failed')
    : state === 'ended' ? t('login.ended') : '';
  infoBox.textContent = state === 'logout' ? t('login.loggedOut') : '';
}

const params = new URLSearchParams(window.location.search);
if (params.has('error')) state = 'error';
else if (params.has('logout')) state = 'logout';
else if (params.has('ended')) state = 'ended';

useMessages(commonMessages, loginMessages);
applyI18n(document);
bindLanguageSwitch(document.getElementById('lang-switch'));
onLanguageChange(render);
render();
if (state === 'error') document.getElementById('password').focus();

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!form.username.value.trim() || !form.password.value) {
    state = 'error';
    render();
    return;
  }
  submit.disabled = true;
  submit.textContent = t('login.busy');
  const token = csrfToken();
  const body = new URLSearchParams();
  body.set('username', form.username.value.trim());
  body.set('password', form.password.value);
  if (token) body.set('_csrf', token);
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (token) headers['X-XSRF-TOKEN'] = token;
  try {
    const res = await fetch(form.action, {
      method: 'POST', body: body, headers: headers, credentials: 'same-origin', redirect: 'follow'
    });
    const landed = new URL(res.url, window.location.href);
    if (landed.pathname === '/login' && landed.searchParams.has('error')) {
      state = 'error';
    } else if (res.ok && landed.pathname !== '/login') {
      window.location.assign(landed.pathname + landed.search);
      return;
    } else if (res.ok && landed.pathname === '/login') {
      // logged in but sent back to the login page (no saved request): go to the booking page
      window.location.assign('/booking/');
      return;
    } else {
      state = res.status === 401 ? 'error' : 'failed';
    }
  } catch (e) {
    state = 'failed';
  }
  submit.disabled = false;
  submit.textContent = t('login.submit');
  form.password.value = '';
  render();
  form.password.focus();
});
