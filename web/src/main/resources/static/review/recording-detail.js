/*
 * One recording, opened from the list: its title and facts, and its sections — the composed file
 * (composed-video.js), the tracks and segments (segment-player.js), the timeline (timeline.js), the legal hold
 * (legal-hold.js), how to verify it (verification.js) and who accessed it (access-log.js). While its composed
 * file is being made, the (unaudited) list is polled for the progress, and the recording reopened once it is done.
 */
import { get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { officeName, say, sayError } from '/js/page.js';
import { data, plural, sentence } from '/js/sentence.js';
import { accessLog } from '/review/access-log.js';
import { composedVideo } from '/review/composed-video.js';
import { legalHold } from '/review/legal-hold.js';
import { API, dateTime, duration, userName } from '/review/recording-texts.js';
import { segmentPlayer } from '/review/segment-player.js';
import { renderTimeline } from '/review/timeline.js';
import { verification } from '/review/verification.js';

const $ = byId;
const POLL_MS = 3000;

/**
 * Wires the close button. The open recording's details are S.detail. {@code list}: loadList() (resolves to the
 * recordings) and renderList() of the recording list. Returns {open(id), close(), render()}.
 */
export function recordingDetail(S, { loadList, renderList }) {
  let pollTimer = null;
  const composed = composedVideo(S, { changed: () => { render(); startPollingIfComposing(); } });
  const segments = segmentPlayer(S);
  const hold = legalHold(S, { holdChanged: holdChanged });
  const verify = verification(S);
  const accesses = accessLog(S);

  $('detail-close').addEventListener('click', close);

  async function open(id) {
    stopPolling();
    say($('detail-error'), null);
    say($('detail-message'), null);
    if (!S.detail || S.detail.recording.id !== id) {
      composed.forget();
      segments.stop();
      accesses.reset();
    }
    try {
      S.detail = await get(API + '/' + id);
    } catch (err) {
      sayError($('detail-error'), err);
      return;
    }
    renderList();
    render();
    $('detail').scrollIntoView({ block: 'start' });
    startPollingIfComposing();
  }

  function close() {
    stopPolling();
    S.detail = null;
    accesses.reset();
    segments.stop();
    composed.clear();
    render();
    renderList();
  }

  function stopPolling() {
    if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; }
  }

  /** While the composed file is made, poll the (unaudited) list and update progress; reopen when done. */
  function startPollingIfComposing() {
    stopPolling();
    const r = S.detail && S.detail.recording;
    if (!r || (r.composedState !== 'QUEUED' && r.composedState !== 'RUNNING')) return;
    pollTimer = setTimeout(async () => {
      pollTimer = null;
      const list = await loadList();
      if (!S.detail || S.detail.recording.id !== r.id) return;
      const now = (list || []).find(x => x.id === r.id);
      if (!now) return;
      S.detail.recording = now;
      if (now.composedState === 'DONE') {
        open(r.id);
        return;
      }
      render();
      startPollingIfComposing();
    }, POLL_MS);
  }

  /** The legal hold changed (S.detail.recording is the new state): the accesses, the detail and the list again. */
  async function holdChanged(id) {
    await accesses.reloadIfShown(id);
    render();
    loadList();
  }

  function render() {
    const box = $('detail');
    box.hidden = !S.detail;
    if (!S.detail) return;
    const r = S.detail.recording;
    $('detail-title').textContent = t('review.detail.title', { id: r.id, kind: t('review.kind.' + r.kind) });
    renderFacts(r);
    composed.render(r);
    segments.render();
    renderTimeline(S);
    hold.render(r);
    verify.render(r);
    accesses.render();
  }

  function renderFacts(r) {
    const dl = $('facts');
    dl.replaceChildren();
    const add = (key, value, testid) => {
      dl.appendChild(el('dt', null, t(key)));
      dl.appendChild(el('dd', { 'data-testid': testid || null }, value));
    };
    const name = (text) => el('span', { translate: 'no' }, text);
    const at = (instant) => dateTime(instant, S.zone);
    const s = S.detail.session;
    add('review.col.status', t('review.status.' + r.status), 'fact-status');
    if (s) {
      add('review.fact.case', name(s.caseNumber + (s.subject ? ' · ' + s.subject : '')), 'fact-case');
      if (s.petitionerName) add('review.fact.petitioner', name(s.petitionerName), 'fact-petitioner');
      add('review.fact.official', name(s.officialName), 'fact-official');
      add('review.fact.terminal', name(s.terminalName), 'fact-terminal');
      add('review.fact.rating', s.satisfactionScore ? t('review.rating.' + s.satisfactionScore)
        : t('review.fact.noRating'), 'fact-rating');
      if (s.satisfactionScore) {
        add('review.fact.comment', s.satisfactionComment ? name(s.satisfactionComment)
          : t('review.fact.noComment'), 'fact-comment');
      }
    }
    if (r.bookingId) add('review.fact.booking', '#' + r.bookingId);
    if (r.consultationId) add('review.fact.consultation', '#' + r.consultationId);
    const office = S.offices.get(r.officeId);
    add('review.fact.office', office ? officeName(office) : '#' + r.officeId);
    add('review.fact.started', at(r.startedAt));
    add('review.fact.ended', at(r.endedAt));
    add('review.col.duration', duration(r.durationMs));
    add('review.col.segments', String(r.segmentCount) + (r.series > 0 ? ' · ' + plural('review.fact.series.', r.series + 1) : ''));
    add('review.col.retention', r.retentionUntil ? at(r.retentionUntil)
      + (r.retentionReached ? ' · ' + t('review.fact.retentionReached') : '') : '–');
    if (r.status === 'DELETED') {
      add('review.fact.deleted', el('span', null, sentence('review.fact.deletedBy',
        { at: at(r.deletedAt), by: userName(S, r.deletedBy) })));
    }
  }

  return { open: open, close: close, render: render };
}
