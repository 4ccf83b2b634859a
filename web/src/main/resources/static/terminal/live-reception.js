/*
 * Step 5 of the kiosk: the live reception. Joins the booking's room with its join token and the self-tested camera
 * and microphone, and shows where the petitioner is: connecting; waiting in the lobby (who receives, the session's
 * time, the place in the queue and the estimated wait, beside the petitioner's own picture); your turn; connected
 * (the leader's video plays); muted by the host; reconnecting; ended; the leader's video large with the own picture
 * small, other officials of a joint reception as small tiles. Removed, failed or left: back to the start.
 */
import { formatRange } from '/js/dates.js';
import { byId, el, oncePerTask } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { joinToken, live as startLive, liveErrorText } from '/js/live.js';
import { say } from '/js/page.js';
import { data, phrase, sayFailure } from '/terminal/phrase.js';

const $ = byId;

/**
 * Wires the join button and the remote video. {@code kiosk}: go(step), showEvaluation() (when the session ended)
 * and stopMeter() of the self-test. Returns {render(), stop(), reset()}.
 */
export function liveReception(S, kiosk) {
  /**
   * Draws the live step once for everything that changed in the current task: the admission brings several events at
   * once (the status, the participants, the leader's audio and video), and each drawing costs the kiosk's main thread,
   * which also shows the leader's first frame.
   */
  const render = oncePerTask(() => renderNow());
  const L = {
    status: null,           // the live session's status
    lobby: null,            // own place in the lobby
    lobbyAt: 0,             // when it was told (the wait counts down from there)
    lobbyTimer: null,       // re-renders the wait each 15 s while waiting
    admitted: false,        // the host let the petitioner in (a reconnect then is not the lobby)
    participants: [],
    remoteStreams: new Map(),
    remotePlaying: false,   // the leader's video is playing (media really flows)
    mediaLost: false,       // the media path is lost (ICE down for seconds): staff are told, the page says so
    selfMuted: { audio: false, video: false },
    linkLevel: null         // the kiosk's own link as the server judges it: good, poor, bad
  };

  $('join').addEventListener('click', join);
  $('live-restart').addEventListener('click', () => kiosk.startOver());
  $('live-retry').addEventListener('click', join);
  $('remote-video').addEventListener('playing', () => { L.remotePlaying = true; render(); });
  $('remote-video').addEventListener('emptied', () => { L.remotePlaying = false; render(); });
  window.addEventListener('beforeunload', () => { if (S.live) S.live.leave(); });

  async function join() {
    $('join').disabled = true;
    say($('live-error'), null);
    kiosk.stopMeter();
    L.status = 'connecting';
    kiosk.go('live');
    $('self-video').srcObject = S.stream;
    render();
    let grant;
    try {
      grant = await joinToken(S.booking.id);
    } catch (err) {
      L.status = 'failed';
      sayFailure($('live-error'), err);
      render();
      return;
    }
    const live = startLive({ token: grant.token, wsUrl: grant.wsUrl, localStream: S.stream });
    S.live = live;
    window.__lianxinLive = live; // for diagnostics and tests
    live.on('status', (e) => {
      L.status = e.status;
      if (e.status === 'inSession') L.admitted = true; // (a drawing may come after a later status of the same task)
      if (e.status === 'ended') kiosk.showEvaluation();
      render();
    });
    live.on('joined', (e) => { // a resumed place keeps what the host muted
      if (e.you) L.selfMuted = { audio: !!e.you.audioMuted, video: !!e.you.videoMuted };
      render();
    });
    live.on('lobby', (l) => { L.lobby = l; L.lobbyAt = Date.now(); render(); });
    live.on('participants', (e) => { L.participants = e.participants; render(); });
    live.on('stream', (e) => { L.remoteStreams.set(e.participantId, e.stream); render(); });
    live.on('streamgone', (e) => { L.remoteStreams.delete(e.participantId); render(); });
    live.on('muted', (e) => { if (e.self) { L.selfMuted[e.kind] = e.muted; render(); } });
    live.on('mediapath', (e) => { L.mediaLost = !e.ok; render(); });
    live.on('mediareconnecting', (e) => { L.mediaReconnecting = e.reconnecting; render(); });
    live.on('link', (e) => { if (e.self && e.level !== L.linkLevel) { L.linkLevel = e.level; render(); } });
    live.on('error', (e) => { if (e.fatal || e.code >= 300) say($('live-error'), () => liveErrorText(e.code, e.message)); });
  }

  function host() {
    return L.participants.find(p => p.role === 'host') || null;
  }


  function renderNow() {
    const status = L.status;
    const box = $('live-status');
    box.dataset.status = status || '';
    box.dataset.media = L.mediaLost ? 'lost' : '';
    if (status === 'inSession') L.admitted = true;
    // not admitted yet (also while reconnecting from the lobby): the lobby card beside the own picture
    const waiting = status === 'lobby' || status === 'connecting' || (status === 'reconnecting' && !L.admitted);
    $('panel-live').dataset.phase = waiting ? 'lobby' : (status || '');
    let text = '', more = '';
    switch (status) {
      case 'connecting': text = t('kiosk.live.connecting'); break;
      case 'lobby': text = t('kiosk.live.waiting'); break;
      case 'inSession': {
        const h = host();
        const flowing = h && L.remoteStreams.has(h.id) && L.remotePlaying;
        text = flowing ? t('kiosk.live.connected') : t('kiosk.live.yourTurn');
        if (L.selfMuted.audio) more = t('kiosk.live.selfMutedAudio');
        if (L.selfMuted.video) more = (more ? more + ' · ' : '') + t('kiosk.live.selfMutedVideo');
        if (L.mediaLost) { // lost for seconds: in words a petitioner understands: what happened, that staff know, what to do
          text = t('kiosk.live.mediaLost');
          more = t('kiosk.live.mediaLostDetail');
        } else if (L.mediaReconnecting) { // the picture broke off while the signaling lives: ICE is being restarted
          text = t('kiosk.live.reconnecting');
          more = t('kiosk.live.mediaReconnecting');
        }
        break;
      }
      case 'reconnecting': text = t('kiosk.live.reconnecting'); break;
      case 'ended': text = t('kiosk.live.ended'); break;
      case 'removed': text = t('kiosk.live.removed'); break;
      case 'failed': text = t('kiosk.live.failed'); break;
      case 'left': text = t('kiosk.live.left'); break;
      default: text = '';
    }
    box.textContent = text;
    $('live-detail').textContent = more;
    renderLinkHint(status);
    $('live-actions').hidden = !['removed', 'failed', 'left'].includes(status);
    $('live-retry').hidden = status !== 'failed' || !S.stream; // the join failed: the same camera tries again
    renderLobby(waiting);
    const h = host();
    const remote = $('remote-video');
    const stream = h ? L.remoteStreams.get(h.id) : null;
    if (remote.srcObject !== (stream || null)) {
      L.remotePlaying = false;
      remote.srcObject = stream || null;
      if (stream) remote.play().catch(() => {});
    }
    const name = $('remote-name');
    const hostName = h ? t('kiosk.live.hostName', { name: h.displayName }) : '';
    if (name.dataset.drawn !== hostName) {
      name.replaceChildren(...(h ? [phrase('kiosk.live.hostName', { name: h.displayName })] : []));
      name.dataset.drawn = hostName;
    }
    renderOthers();
  }

  /**
   * Other officials (joint reception) as small tiles, one per official, kept from one drawing to the next: their
   * videos go on playing (a new element would start each picture again).
   */
  function renderOthers() {
    const others = $('others');
    const wanted = L.participants.filter(p => p.role === 'official');
    const ids = new Set(wanted.map(p => p.id));
    for (const f of [...others.children]) {
      if (ids.has(f.dataset.participantId)) continue;
      const v = f.querySelector('video');
      if (v) v.srcObject = null;
      f.remove();
    }
    wanted.forEach((p, index) => {
      let tile = [...others.children].find(f => f.dataset.participantId === p.id);
      if (!tile) {
        tile = el('figure', { class: 'tile', dataset: { participantId: p.id } },
          el('video', { autoplay: true, playsinline: true, 'data-participant': p.id }), el('figcaption'));
      }
      const v = tile.querySelector('video');
      const s = L.remoteStreams.get(p.id) || null;
      if (v.srcObject !== s) {
        v.srcObject = s;
        if (s) v.play().catch(() => {});
      }
      const caption = tile.querySelector('figcaption');
      const drawn = p.displayName + ' · ' + t('live.role.' + p.role);
      if (caption.dataset.drawn !== drawn) {
        caption.replaceChildren(data(p.displayName), ' · ', t('live.role.' + p.role));
        caption.dataset.drawn = drawn;
      }
      if (others.children[index] !== tile) others.insertBefore(tile, others.children[index] || null);
    });
  }

  /** A calm hint while the own link is poor or bad in the session (the picture may pause; nothing to do). */
  function renderLinkHint(status) {
    const hint = $('live-link');
    const level = status === 'inSession' && (L.linkLevel === 'poor' || L.linkLevel === 'bad') ? L.linkLevel : null;
    hint.hidden = !level;
    hint.dataset.level = level || '';
    hint.textContent = level ? t('live.link.hint.' + level) : '';
  }

  /**
   * The lobby card: who receives (an initial in place of a photo: the officials' data has none), when, the place
   * in the queue and the estimated wait the server computes (LobbyWaits), and what to do meanwhile.
   */
  function renderLobby(shown) {
    $('lobby').hidden = !shown;
    if (shown && !L.lobbyTimer) L.lobbyTimer = setInterval(render, 15000);
    if (!shown && L.lobbyTimer) { clearInterval(L.lobbyTimer); L.lobbyTimer = null; }
    const b = S.booking;
    if (!shown || !b) return;
    const leader = b.officialName || '';
    $('lobby-avatar').textContent = leader.substring(0, 1);
    $('lobby-leader').replaceChildren(phrase('kiosk.lobby.leader', { name: leader }));
    $('lobby-time').textContent = t('kiosk.lobby.time', { time: formatRange(b.start, b.end, S.zone) });
    const l = L.lobby;
    $('lobby-place').textContent = l && l.position ? t('kiosk.lobby.place', { n: l.position }) : '';
    const left = l ? (l.estimatedWaitSeconds || 0) * 1000 - (Date.now() - L.lobbyAt) : 0;
    const minutes = Math.max(0, Math.ceil(left / 60000));
    $('lobby-wait').textContent = !l ? '' : minutes > 1 ? t('kiosk.lobby.wait', { minutes: minutes })
      : minutes === 1 ? t('kiosk.lobby.waitOne') : t('kiosk.lobby.soon');
  }

  /** Leaves the session, if any, and turns camera and microphone off. */
  function stop() {
    const live = S.live;
    S.live = null;
    if (live && !live.finished) live.leave();
    if (S.stream) { S.stream.getTracks().forEach(tr => tr.stop()); S.stream = null; }
    $('self-video').srcObject = null;
    $('remote-video').srcObject = null;
    L.remoteStreams.clear();
    L.participants = [];
  }

  /** For the next petitioner: stopped, and nothing of this session shown. */
  function reset() {
    stop();
    L.status = null;
    L.lobby = null;
    L.selfMuted = { audio: false, video: false };
    L.admitted = false;
    L.mediaLost = false;
    L.mediaReconnecting = false;
    L.linkLevel = null;
  }

  return { render: renderNow, stop: stop, reset: reset };
}
