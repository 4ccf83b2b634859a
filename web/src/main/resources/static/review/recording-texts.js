/*
 * How the review page writes a recording's values: durations, instants in the office's zone, a participant's role
 * and name, a user's name, and the state of the composed file.
 */
import { formatDateTime } from '/js/dates.js';
import { t } from '/js/i18n.js';
import { data } from '/js/sentence.js';

/** Recordings' REST API. */
export const API = '/api/v1/recordings';

/** "m:ss" or "h:mm:ss"; – when unknown. */
export function duration(ms) {
  if (ms === null || ms === undefined) return '–';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  const two = n => String(n).padStart(2, '0');
  return (h ? h + ':' + two(m) : String(m)) + ':' + two(sec);
}

/** Date and time in the zone; – when there is none. */
export function dateTime(instant, zone) {
  return instant ? formatDateTime(instant, zone) : '–';
}

/** The state of a recording's composed file (with its progress while queued or running). */
export function composedText(r) {
  if (r.composedState === 'RUNNING' || r.composedState === 'QUEUED') {
    return t('review.composed.' + r.composedState, { p: r.composedProgress });
  }
  return t('review.composed.' + r.composedState);
}

/** A participant's role in the recording; the role itself when there is no message for it. */
export function roleName(role) {
  if (!role) return '';
  const key = 'review.role.' + String(role).toUpperCase();
  const text = t(key);
  return text === key ? role : text;
}

/**
 * The name of a track's participant as data: the petitioner's name where the reviewer may see it, an official's
 * name; else the role in words.
 */
export function trackName(S, trackId) {
  const tr = S.detail.tracks.find(x => x.trackId === trackId);
  if (!tr) return data(trackId);
  if (tr.participantId === 'petitioner') {
    const s = S.detail.session;
    return s && s.petitionerName ? data(s.petitionerName) : roleName(tr.role);
  }
  return tr.displayName ? data(tr.displayName) : roleName(tr.role);
}

/** A user named by the recording (legal hold, deletion): the name, else the login name, as data. */
export function userName(S, username) {
  if (!username) return '';
  const people = (S.detail && S.detail.people) || {};
  const me = S.me && S.me.username === username ? S.me.displayName : null; // a hold just set here
  return data(people[username] || me || username);
}
