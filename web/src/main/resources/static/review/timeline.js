/*
 * A recording's timeline as sentences in the page's language, with names: who joined, was admitted, muted whom,
 * left, who checked the petitioner in, when the recording notice was shown, how the session ended — and its gaps,
 * in red, in time order. The server gives each entry's facts (name, by, media, reason: TimelineFacts); a note it
 * did not understand is shown as written, as data.
 */
import { byId, el } from '/js/dom.js';
import { has, lang, locale, t } from '/js/i18n.js';
import { data, sentence } from '/js/sentence.js';
import { dateTime } from '/review/recording-texts.js';

const $ = byId;

function gapReason(reason) {
  if (!reason) return '';
  const key = 'review.gapReason.' + reason;
  return has(key) ? t(key) : null;
}

/** A participant: the name (data) if known, else the role as a noun ("the petitioner"). */
function who(e) {
  if (e.name) return data(e.name);
  return roleNoun(e.role);
}

function roleNoun(role) {
  const key = 'review.roleNoun.' + String(role || '').toUpperCase();
  return has(key) ? t(key) : t('review.roleNoun.other');
}

/** Who did it: a name (data), the system, or nothing said. */
function by(e) {
  if (e.bySystem) return t('review.system');
  return e.by ? data(e.by) : null;
}

/** The key and parameters of an entry's sentence. */
function sentenceOf(e) {
  const p = { who: who(e), by: by(e), role: roleNoun(e.role), type: data(e.type) };
  const k = 'review.tl.' + e.type;
  switch (e.type) {
    case 'CHECKED_IN':
    case 'RECORDING_NOTICE':
      return [p.by ? k + '.by' : k, p];
    case 'JOINED':
      if (e.lobby) return [k + '.lobby', p];
      return [e.name ? k + '.as' : k, p];
    case 'MUTED':
    case 'UNMUTED': {
      const media = e.media === 'video' ? 'video' : 'audio';
      if (!e.by) return [k + '.' + media + '.unknown', p]; // by someone the recording cannot name
      return [k + '.' + media + (e.by === e.name ? '.self' : ''), p];
    }
    case 'LEFT':
    case 'REMOVED': {
      const reason = e.type === 'REMOVED' ? 'REMOVED' : e.reason;
      return [has('review.tl.LEFT.' + reason) ? 'review.tl.LEFT.' + reason : 'review.tl.LEFT', p];
    }
    case 'RECORDING_ON':
      if (e.reason === 'SETTINGS') return [k + '.settings', p];
      return [k, Object.assign(p, { by: p.by || t('review.system') })];
    case 'RECORDING_OFF':
      return [k, Object.assign(p, { by: p.by || t('review.system') })];
    case 'RECORDING_ENDED':
    case 'ENDED':
      return [e.reason && has(k + '.' + e.reason) ? k + '.' + e.reason : k, p];
    default:
      return [has(k) ? k : 'review.tl.other', p];
  }
}

/** English sentences start with a capital ("the petitioner joined" → "The petitioner joined"). */
function capitalised(nodes) {
  if (lang() === 'en' && nodes.length && nodes[0].nodeType === Node.TEXT_NODE) {
    const s = nodes[0].nodeValue;
    nodes[0].nodeValue = s.charAt(0).toUpperCase() + s.substring(1);
  }
  return nodes;
}

function clock(instant, zone) {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23' }).format(new Date(instant));
}

/** A bad-link period (from the participant's link reports): from its start (the entry's time) to its end, in words. */
function badLink(e, zone) {
  const l = e.link;
  const level = has('review.link.' + l.level) ? t('review.link.' + l.level) : data(l.level);
  const seconds = Math.max(1, Math.round((new Date(l.end) - new Date(e.at)) / 1000));
  const rtt = l.rttMs === null || l.rttMs === undefined ? t('review.link.rttUnknown')
    : t('review.link.rttMs', { ms: l.rttMs });
  const words = capitalised(sentence('review.tl.BAD_LINK', { who: who(e), level: level, seconds: String(seconds),
    to: el('time', { datetime: l.end, title: dateTime(l.end, zone) }, clock(l.end, zone)),
    loss: String(l.lossPercent), rtt: rtt }));
  return el('li', { class: 'bad-link', 'data-testid': 'timeline-bad-link',
    dataset: { type: e.type, level: l.level, participantId: e.participantId || '' } },
  el('time', { class: 'at', datetime: e.at, title: dateTime(e.at, zone) }, clock(e.at, zone)),
  el('span', null, words));
}

/** Renders the timeline of the open recording (S.detail) in the office's zone. */
export function renderTimeline(S) {
  const ol = $('timeline');
  ol.replaceChildren();
  const items = [];
  for (const e of S.detail.timeline) items.push({ at: e.at, entry: e });
  for (const g of S.detail.gaps) items.push({ at: g.from, gap: g });
  items.sort((a, b) => new Date(a.at) - new Date(b.at));
  if (!items.length) {
    ol.appendChild(el('li', { class: 'muted' }, t('review.timeline.empty')));
    return;
  }
  for (const it of items) {
    if (it.gap) {
      const g = it.gap;
      const known = gapReason(g.reason);
      const reason = known !== null ? known
        : sentence('review.gapReason.other', { reason: data(g.reason) });
      ol.appendChild(el('li', { class: 'gap', 'data-testid': 'timeline-gap' },
        el('time', { class: 'at', datetime: g.from, title: dateTime(g.from, S.zone) }, clock(g.from, S.zone)),
        el('span', null, sentence('review.gap', { to: g.to ? clock(g.to, S.zone) : '…', reason: el('span', null,
          reason) }))));
      continue;
    }
    const e = it.entry;
    if (e.type === 'BAD_LINK' && e.link) {
      ol.appendChild(badLink(e, S.zone));
      continue;
    }
    const [key, params] = sentenceOf(e);
    const words = capitalised(sentence(key, params));
    if (e.note) words.push(' ', ...sentence('review.tl.note', { note: data(e.note) }));
    ol.appendChild(el('li', { 'data-testid': 'timeline-entry', dataset: { type: e.type } },
      el('time', { class: 'at', datetime: e.at, title: dateTime(e.at, S.zone) }, clock(e.at, S.zone)),
      el('span', null, words)));
  }
}
