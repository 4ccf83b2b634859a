/*
 * A recording's composed file (all tracks in one MP4): the player while it is done (kept playing across
 * re-renders), its progress while queued or running, else its state; managers may compose it again after a failure
 * or when there is none.
 */
import { post } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { say, sayError } from '/js/page.js';
import { data, sentence } from '/js/sentence.js';
import { API, composedText } from '/review/recording-texts.js';

const $ = byId;

/**
 * {@code detail}: changed() of the recording detail (re-render and follow the composing).
 * Returns {render(r), forget(), clear()}.
 */
export function composedVideo(S, detail) {
  let composedFor = null; // id of the recording whose composed video element is in place

  function render(r) {
    const box = $('composed');
    const ready = r.composedState === 'DONE' && r.status !== 'DELETED';
    if (ready && composedFor === r.id && $('composed-video')) { // keep the playing video, say the rest again
      $('composed-video').setAttribute('aria-label', t('review.composed.title'));
      $('composed-note').replaceWith(note(r));
      return;
    }
    box.replaceChildren();
    composedFor = null;
    if (ready) {
      // preload none: nothing is fetched (nor written to the access log) until the reviewer presses play
      // (or follows a link to a moment of it)
      // opened at a moment (?recording=&t=): its metadata is fetched so that it stands at that second
      const at = S.startAt && S.startAt.recordingId === r.id ? S.startAt.seconds : null;
      const video = el('video', { id: 'composed-video', 'data-testid': 'composed-video', controls: true,
        preload: at === null ? 'none' : 'metadata', playsinline: true,
        src: API + '/' + r.id + '/composed/media' + (at === null ? '' : '#t=' + at),
        'data-start-at': at === null ? null : String(at), 'aria-label': t('review.composed.title') });
      if (at !== null) {
        video.addEventListener('loadedmetadata', () => {
          if (Math.abs(video.currentTime - at) > 0.5) video.currentTime = Math.min(at, video.duration || at);
        }, { once: true });
      }
      box.appendChild(video);
      box.appendChild(note(r));
      composedFor = r.id;
      return;
    }
    if (r.composedState === 'QUEUED' || r.composedState === 'RUNNING') {
      box.appendChild(el('div', { class: 'progress', 'data-testid': 'composed-progress' },
        el('progress', { max: 100, value: r.composedProgress }),
        el('span', null, t('review.composed.' + r.composedState, { p: r.composedProgress }))));
      return;
    }
    const text = r.status === 'DELETED' ? [t('review.composed.deleted')]
      : r.composedState === 'FAILED' && r.composedError
        ? sentence('review.composed.failedWhy', { error: data(r.composedError) }) : [composedText(r)];
    box.appendChild(el('p', { class: r.composedState === 'FAILED' ? 'message err' : 'muted',
      'data-testid': 'composed-state' }, text));
    if (S.manager && r.status !== 'DELETED' && r.status !== 'EMPTY' && r.endedAt
        && (r.composedState === 'FAILED' || r.composedState === 'NONE')) {
      box.appendChild(el('button', { type: 'button', 'data-testid': 'compose', onclick: () => compose(r.id) },
        t('review.composed.rerun')));
    }
  }

  /** The download link (a download is logged as one) and what the access log keeps. */
  function note(r) {
    return el('p', { id: 'composed-note', class: 'muted small' },
      el('a', { href: API + '/' + r.id + '/composed/media?download=true', download: 'recording-' + r.id + '.mp4',
        'data-testid': 'composed-download' }, t('review.composed.download')), ' · ', t('review.composed.audited'));
  }

  async function compose(id) {
    try {
      const now = await post(API + '/' + id + '/compose');
      S.detail.recording = now;
      say($('detail-message'), () => t('review.composed.requested'));
      detail.changed();
    } catch (err) {
      sayError($('detail-error'), err);
    }
  }

  /** Another recording is opened: the next render puts a new player in place. */
  function forget() {
    composedFor = null;
  }

  /** The detail is closed: no player. */
  function clear() {
    composedFor = null;
    $('composed').replaceChildren();
  }

  return { render: render, forget: forget, clear: clear };
}
