/*
 * A recording's tracks (one per participant, with role and times) and their Matroska segments; a segment plays in
 * the segment player below them, with the start of each segment's SHA-256 (the whole in its title).
 */
import { formatTime } from '/js/dates.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { sentence } from '/js/sentence.js';
import { API, roleName, trackName } from '/review/recording-texts.js';

/** The text of sentence nodes (for an attribute). */
function textOf(nodes) {
  return nodes.map(n => n.textContent).join('');
}

const $ = byId;

/** Returns {render(), stop()}. */
export function segmentPlayer(S) {
  let playing = null; // chain index of the segment in the segment player

  function render() {
    const box = $('tracks');
    box.replaceChildren();
    const r = S.detail.recording;
    const byTrack = new Map();
    for (const s of S.detail.segments) {
      if (!byTrack.has(s.trackId)) byTrack.set(s.trackId, []);
      byTrack.get(s.trackId).push(s);
    }
    if (!S.detail.tracks.length) {
      box.appendChild(el('p', { class: 'muted' }, t('review.tracks.none')));
      return;
    }
    for (const tr of S.detail.tracks) {
      const segs = (byTrack.get(tr.trackId) || []).slice().sort((a, b) => a.trackIndex - b.trackIndex);
      const who = trackName(S, tr.trackId);
      box.appendChild(el('div', { class: 'track', 'data-testid': 'track', dataset: { trackId: tr.trackId } },
        el('div', null, el('strong', null, sentence('review.track.who', { who: who })),
          ' · ' + roleName(tr.role) + ' · ' + (tr.startedAt ? formatTime(tr.startedAt, S.zone) : '')
          + '–' + (tr.endedAt ? formatTime(tr.endedAt, S.zone) : '')),
        el('div', { class: 'segments' }, segs.map(s => el('span', { class: 'segment' }, el('button', {
          type: 'button', 'data-testid': 'segment-play', dataset: { chainIndex: s.chainIndex, sha256: s.sha256 },
          class: playing === s.chainIndex ? 'playing' : null,
          disabled: !s.uploaded || r.status === 'DELETED',
          'aria-label': textOf(sentence('review.segment.label', { who: who, n: s.trackIndex + 1 })),
          onclick: () => play(s.chainIndex)
        }, t('review.segment', { n: s.trackIndex + 1, s: Math.round(s.durationMs / 1000) })),
        s.uploaded && r.status !== 'DELETED' ? el('a', {
          href: API + '/' + r.id + '/segments/' + s.chainIndex + '/media?download=true', download: '',
          class: 'small', 'data-testid': 'segment-download',
          'aria-label': textOf(sentence('review.segment.downloadLabel', { who: who, n: s.trackIndex + 1 }))
        }, t('review.segment.download')) : null,
        el('code', { class: 'sha small muted', title: 'SHA-256 ' + s.sha256 }, s.sha256.substring(0, 8)))))));
    }
  }

  function play(chainIndex) {
    const v = $('segment-video');
    v.hidden = false;
    v.src = API + '/' + S.detail.recording.id + '/segments/' + chainIndex + '/media';
    playing = chainIndex;
    v.play().catch(() => { /* the user presses play */ });
    render();
  }

  /** No segment playing, the player hidden. */
  function stop() {
    playing = null;
    const v = $('segment-video');
    v.pause(); v.removeAttribute('src'); v.load(); v.hidden = true;
  }

  return { render: render, stop: stop };
}
