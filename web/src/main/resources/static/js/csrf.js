/*
 * Spring Security's CSRF token: the XSRF-TOKEN cookie, sent back as the X-XSRF-TOKEN header on every request that
 * changes something (the REST client, the login form, logout).
 */
export function cookie(name) {
  const prefix = name + '=';
  for (const part of document.cookie.split(';')) {
    const p = part.trim();
    if (p.startsWith(prefix)) return decodeURIComponent(p.substring(prefix.length));
  }
  return null;
}

export function csrfToken() {
  return cookie('XSRF-TOKEN');
}

/** The header carrying the token, or none while there is no token. */
export function csrfHeaders() {
  const token = csrfToken();
  return token ? { 'X-XSRF-TOKEN': token } : {};
}
