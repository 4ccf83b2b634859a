/*
 * The console's room panel (#room-panel): one live room at a time, a booking's session (console.js) or a remote
 * consultation (consultation.js). Joins with the room's join token, shows the lobby with an admit button to the
 * host, every participant's video in a grid with mute / remove for the host, the end and invite buttons, and the
 * user's own microphone and camera switches. A video that is turned off shows a placeholder, not its last frame.
 * When the session is over (ended, removed, left) the others' tiles go and the own camera and microphone are
 * released. While a room is open the list panels (.list-panel) are hidden.
 *
 * A room is described by the one who opens it:
 *   title(), sub()          the room head: a string or nodes (data inside translate="no", see names.js)
 *   grant()                 resolves to the join token grant {token, wsUrl, role}
 *   lobby                   whether the room has a lobby (a consultation has none)
 *   invite(), mayInvite()   the invite button's action and whether the user may use it
 *   inviteLabel, endLabel, endConfirm     message keys
 *   statusKey(status), roleKey(role)      message keys of a connection status and of a role
 *   onStatus(status), onLeave()           optional
 *   bookingId               optional: which booking's session it is
 *   consultationId          optional: which consultation it is
 *   petitioner()            optional: {name, subject} of the petitioner as this user may know them (the server
 *                           names the petitioner to nobody), or null
 *
 * Other parts follow the panel with onRender(fn) and read state() {status, participants, finished}.
 */
import { byId, el, oncePerTask } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { openDevices } from '/js/devices.js';
import { live as startLive, liveErrorText } from '/js/live.js';
import { say, sayError } from '/js/page.js';
import { data, message } from '/console/names.js';
import { renderLink } from '/console/link-indicator.js';
import { renderHostControls, renderWaitingList } from '/console/room-controls.js';

const $ = byId;
const OVER = ['ended', 'removed', 'left', 'failed'];
const ICONS = {
  audio: '<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5 11a7 7 0 0 0 14 0M12 18v3"/>',
  video: '<rect x="3" y="7" width="12" height="10" rx="2"/><path d="M15 10.5l6-3v9l-6-3z"/>',
  slash: '<path d="M4 3l17 18"/>'
};

/** A small line icon (decorative: the words beside it say the same). */
function icon(kind, off) {
  const span = el('span', { class: 'icon', 'aria-hidden': 'true' });
  span.innerHTML = '<svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2" '
    + 'stroke-linecap="round" stroke-linejoin="round">' + ICONS[kind] + (off ? ICONS.slash : '') + '</svg>';
  return span;
}

/** Wires the room panel's buttons; returns the panel: open(room), leave(), stop(), current(), isHost(), render(), … */
export function roomPanel() {
  /**
   * Draws the panel once for everything that changed in the current task: an admission brings several events at once
   * (the newcomer, the lobby without them, their audio and video), and each full drawing costs the page's main thread
   * — which also shows the newcomer's first frame — tens of milliseconds on a busy terminal.
   */
  const render = oncePerTask(() => renderNow());
  const S = {
    room: null,
    live: null,
    status: 'idle',
    you: null,
    participants: [],
    waiting: [],
    streams: new Map(),
    links: new Map(), // participantId → its last link report (own, and everyone's to a host)
    localStream: null,
    selfOff: { audio: false, video: false }, // the user's own microphone and camera switched off
    pathDown: new Map()                      // participantId → route, whose media path is lost (they report it)
  };
  const listeners = [];

  $('leave').addEventListener('click', leave);
  $('end').addEventListener('click', endSession);
  $('invite-open').addEventListener('click', () => S.room && S.room.invite && S.room.invite());
  $('self-mic').addEventListener('click', () => toggleSelf('audio'));
  $('self-camera').addEventListener('click', () => toggleSelf('video'));
  window.addEventListener('beforeunload', () => { if (S.live) S.live.leave(); });

  /** Opens a live room in the room panel (the list panels are hidden). */
  async function open(room) {
    const b = room;
    S.room = room;
    S.status = 'connecting';
    S.you = null;
    S.participants = [];
    S.waiting = [];
    S.streams.clear();
    S.links.clear();
    S.selfOff = { audio: false, video: false };
    S.pathDown.clear();
    say($('room-error'), null);
    say($('room-info'), null);
    document.querySelectorAll('.list-panel').forEach(p => { p.hidden = true; });
    $('room-panel').hidden = false;
    $('grid').replaceChildren();
    render();
    let grant;
    try {
      grant = await room.grant();
    } catch (err) {
      S.status = 'failed';
      sayError($('room-error'), err);
      render();
      return;
    }
    if (S.room !== b) return;
    const role = String(grant.role || '').toLowerCase();
    if (role === 'petitioner') { // county staff: the petitioner joins from the terminal page
      S.status = 'idle';
      say($('room-error'), () => t('console.petitionerRole'));
      render();
      return;
    }
    const observer = role === 'observer';
    if (!observer && !S.localStream) {
      try {
        S.localStream = (await openDevices()).stream;
      } catch (e) {
        say($('room-info'), () => t('console.noMedia') + ' ' + t('devices.problem.' + (e.reason || 'other')));
      }
    }
    if (S.room !== b) return;
    const live = startLive({ token: grant.token, wsUrl: grant.wsUrl, localStream: observer ? null : S.localStream });
    S.live = live;
    S.mediaReconnecting = false;
    window.__lianxinLive = live; // for diagnostics and tests
    live.on('status', (e) => {
      if (S.live !== live) return;
      S.status = e.status;
      if (OVER.includes(e.status)) {
        // the session is over for us: nobody else to show, and the camera and microphone are released
        S.participants = [];
        S.waiting = [];
        S.streams.clear();
        stopLocal();
      }
      render();
      if (room.onStatus) room.onStatus(e.status);
    });
    live.on('joined', (e) => { if (S.live === live) { S.you = e.you; syncSelf(); render(); } });
    live.on('mediareconnecting', (e) => { if (S.live === live) { S.mediaReconnecting = e.reconnecting; render(); } });
    live.on('participants', (e) => { if (S.live === live && !live.finished) { S.participants = e.participants; render(); } });
    live.on('waiting', (e) => { if (S.live === live && !live.finished) { S.waiting = e.waiting; render(); } });
    live.on('stream', (e) => { if (S.live === live && !live.finished) { S.streams.set(e.participantId, e.stream); render(); } });
    live.on('streamgone', (e) => { if (S.live === live) { S.streams.delete(e.participantId); render(); } });
    live.on('muted', (e) => {
      if (S.live !== live) return;
      // the room says what the host (ourselves included) turned off: the own switch follows it
      if (e.self && S.localStream) setSelf(e.kind, e.muted);
      render();
    });
    live.on('participantmediapath', (e) => {
      if (S.live !== live) return;
      if (e.ok) S.pathDown.delete(e.participantId);
      else S.pathDown.set(e.participantId, ['relay', 'direct'].includes(e.route) ? e.route : 'unknown');
      render();
    });
    live.on('link', (e) => { if (S.live === live && !live.finished) { S.links.set(e.participantId, e); render(); } });
    live.on('error', (e) => say($('room-error'), () => liveErrorText(e.code, e.message)));
  }

  function isHost() {
    return !!(S.you && S.you.role === 'host');
  }

  /** Leaves the room (if joined) and shows the list panels again. */
  function leave() {
    if (S.live) S.live.leave();
    S.live = null;
    stopLocal();
    const room = S.room;
    S.room = null;
    S.you = null;
    S.status = 'idle';
    S.participants = [];
    S.waiting = [];
    S.streams.clear();
    $('room-panel').hidden = true;
    document.querySelectorAll('.list-panel').forEach(p => { p.hidden = false; });
    notify();
    if (room && room.onLeave) room.onLeave();
  }

  /** Before signing out: leaves the live session and stops the camera. */
  function stop() {
    if (S.live) S.live.leave();
    stopLocal();
  }

  function stopLocal() {
    if (S.localStream) { S.localStream.getTracks().forEach(tr => tr.stop()); S.localStream = null; }
  }

  function endSession() {
    if (!S.live || !S.room || !window.confirm(t(S.room.endConfirm))) return;
    S.live.end();
  }

  // ---------------------------------------------------------------- own microphone and camera

  function setSelf(kind, off) {
    S.selfOff[kind] = !!off;
    if (!S.localStream) return;
    const tracks = kind === 'audio' ? S.localStream.getAudioTracks() : S.localStream.getVideoTracks();
    tracks.forEach(tr => { tr.enabled = !off; });
    if (S.live && S.live.localStream === S.localStream && !S.live.finished) S.live.setLocal(kind, !off);
  }

  /**
   * Switches the own microphone or camera: nothing is sent for it from now on; a host also tells the room (which
   * stops relaying it, shows the others that it is off and notes it in the recording's timeline).
   */
  function toggleSelf(kind) {
    if (!S.localStream) return;
    const off = !S.selfOff[kind];
    setSelf(kind, off);
    if (isHost() && S.live && !S.live.finished && S.you) {
      if (off) S.live.mute(S.you.id, kind); else S.live.unmute(S.you.id, kind);
    }
    render();
  }

  /** After (re)joining: a host's own mute state is the room's. */
  function syncSelf() {
    if (!S.you || !S.localStream || !isHost()) return;
    setSelf('audio', !!S.you.audioMuted);
    setSelf('video', !!S.you.videoMuted);
  }

  // ---------------------------------------------------------------- rendering

  function notify() {
    for (const fn of listeners) {
      try { fn(); } catch (e) { console.error('console: room listener failed', e); }
    }
  }

  function finished() {
    return !S.live || S.live.finished || OVER.includes(S.status);
  }

  function renderNow() {
    const room = S.room;
    if (!room) return;
    replaceIfChanged($('room-title'), [].concat(room.title()));
    replaceIfChanged($('room-sub'), [].concat(room.sub()));
    const status = $('conn-status');
    status.dataset.status = S.status;
    status.textContent = t(room.statusKey(S.status));
    status.dataset.media = S.status === 'inSession' && S.mediaReconnecting ? 'reconnecting' : '';
    if (status.dataset.media) status.textContent = t('console.status.mediaReconnecting');
    $('end').textContent = t(room.endLabel);
    $('end').hidden = !isHost() || S.status !== 'inSession';
    $('invite-open').textContent = t(room.inviteLabel);
    $('invite-open').hidden = S.status !== 'inSession' || !room.invite || !room.mayInvite();
    const over = !!S.live && finished(); // nobody to admit any more
    $('lobby-panel').hidden = !room.lobby || over;
    $('room-body').classList.toggle('no-lobby', !room.lobby || over);
    $('leave').textContent = S.live && !S.live.finished ? t('console.leave') : t('console.back');
    renderSelfSwitches();
    renderLobby();
    renderGrid();
    notify();
  }

  function renderSelfSwitches() {
    const shown = !!S.localStream && !finished();
    for (const [id, kind, key] of [['self-mic', 'audio', 'console.selfMic'], ['self-camera', 'video', 'console.selfCamera']]) {
      const button = $(id);
      const off = S.selfOff[kind];
      button.hidden = !shown;
      button.setAttribute('aria-pressed', off ? 'true' : 'false');
      button.classList.toggle('pressed', off);
      const drawn = off + '|' + t(key);
      if (button.dataset.drawn === drawn) continue; // the icon's SVG is parsed only when it changes
      button.dataset.drawn = drawn;
      button.replaceChildren(icon(kind, off), el('span', null, t(key)));
    }
  }

  /** Puts these nodes in place of the element's children, unless they would show the same text. */
  function replaceIfChanged(node, nodes) {
    const text = nodes.map(n => (typeof n === 'string' ? n : n.textContent)).join('');
    if (node.childNodes.length && node.textContent === text) return;
    node.replaceChildren(...nodes);
  }

  /** How a participant is named: the petitioner as this user may know them, anyone else by the name they joined with. */
  function nameOf(info) {
    if (info.role === 'petitioner') {
      const p = S.room && S.room.petitioner ? S.room.petitioner() : null;
      return p && p.name ? data(p.name, { class: 'strong' }) : el('span', { class: 'strong' }, t('live.role.petitioner'));
    }
    return data(info.displayName, { class: 'strong' });
  }

  function plainNameOf(info) {
    if (info.role === 'petitioner') {
      const p = S.room && S.room.petitioner ? S.room.petitioner() : null;
      return p && p.name ? p.name : t('live.role.petitioner');
    }
    return info.displayName;
  }

  function matterOf(info) {
    const subject = matterTextOf(info);
    return subject ? data(subject, { class: 'matter' }) : null;
  }

  function matterTextOf(info) {
    if (info.role !== 'petitioner' || !S.room || !S.room.petitioner) return null;
    const p = S.room.petitioner();
    return p && p.subject ? p.subject : null;
  }

  function renderLobby() {
    renderWaitingList($('lobby'), S.waiting, {
      drawn: (p) => [plainNameOf(p), matterTextOf(p), t('live.role.' + p.role),
        p.connected === false ? t('console.disconnected') : ''].join('\u0001'),
      describe: (p) => [nameOf(p), matterOf(p), el('span', { class: 'muted small' },
        t('live.role.' + p.role) + (p.connected === false ? ' · ' + t('console.disconnected') : ''))],
      admit: isHost() ? (p) => S.live && S.live.admit(p.id) : null
    });
  }

  /** Keeps one tile per participant (video elements are reused so playback does not restart). */
  function renderGrid() {
    const grid = $('grid');
    const want = [];
    if (S.you && !finished()) want.push({ info: S.you, self: true });
    for (const p of S.participants) want.push({ info: p, self: false });
    const keep = new Set(want.map(w => w.info.id));
    grid.querySelectorAll('figure.tile').forEach(f => {
      if (keep.has(f.dataset.participantId)) return;
      const v = f.querySelector('video');
      if (v) v.srcObject = null;
      f.remove();
    });
    for (const { info, self } of want) renderTile(grid, info, self);
    const over = finished() && !!S.live;
    const nobodyText = over
      ? [el('strong', null, t(S.room.statusKey(S.status))), el('span', null, t('console.mediaReleased')),
        el('button', { type: 'button', class: 'primary', 'data-testid': 'back-to-list', onclick: leave }, t('console.back'))]
      : [t('console.nobody')];
    let nobody = grid.querySelector('.nobody');
    if (!S.participants.length) {
      if (!nobody) nobody = el('p', { class: 'muted nobody', 'data-testid': 'grid-note' });
      nobody.replaceChildren(...nobodyText);
      nobody.classList.toggle('over', over);
      if (grid.lastElementChild !== nobody) grid.appendChild(nobody); // after the own tile
    } else if (nobody) {
      nobody.remove();
    }
  }

  /**
   * Why a participant's video is gone, as its browser reported it (e.g. the TURN relay unreachable), or null. The
   * same element is kept while the reason stays, so that a screen reader announces the status once and not again
   * each time the tile is drawn.
   */
  function mediaPathOf(caption, route) {
    if (!route) return null;
    let path = caption.querySelector('[data-testid=media-path]');
    if (!path) path = el('span', { class: 'flags media-path', role: 'status', 'data-testid': 'media-path' });
    const words = t('console.mediaPath.' + route);
    if (path.dataset.route !== route) path.dataset.route = route;
    if (path.textContent !== words) path.textContent = words;
    return path;
  }

  function renderTile(grid, info, self) {
    let tile = grid.querySelector('figure.tile[data-participant-id="' + CSS.escape(info.id) + '"]');
    if (!tile) {
      const video = el('video', { autoplay: true, playsinline: true, 'data-testid': 'tile-video' });
      if (self) video.muted = true;
      tile = el('figure', { class: 'tile' + (self ? ' self' : ''), 'data-testid': 'tile',
        dataset: { participantId: info.id, role: info.role } },
        el('div', { class: 'screen' }, video,
          el('div', { class: 'camera-off', 'data-testid': 'camera-off', hidden: true },
            icon('video', true), el('span', { class: 'camera-off-text' }))),
        el('figcaption'), el('div', { class: 'link-slot' }), el('div', { class: 'controls' }));
      grid.appendChild(tile);
    }
    const video = tile.querySelector('video');
    const stream = self ? S.localStream : S.streams.get(info.id);
    if (video.srcObject !== (stream || null)) {
      video.srcObject = stream || null;
      if (stream) video.play().catch(() => {});
    }
    // a video whose frames stop (or start) changes what the tile shows (tracks join a stream one by one)
    if (stream) {
      stream.getVideoTracks().forEach(tr => {
        if (tr.__lianxinFollowed) return;
        tr.__lianxinFollowed = true;
        tr.addEventListener('mute', render);
        tr.addEventListener('unmute', render);
        tr.addEventListener('ended', render);
      });
    }
    // what the picture is: the video, or a placeholder saying why there is none
    let why = null;
    if (self) {
      if (!S.localStream || !S.localStream.getVideoTracks().length) why = 'console.noCamera';
      else if (S.selfOff.video) why = 'console.cameraOff';
    } else if (info.videoMuted) {
      why = 'console.cameraOff';
    } else if (!stream || !stream.getVideoTracks().some(tr => tr.readyState === 'live' && !tr.muted)) {
      why = 'console.noVideo';
    }
    video.classList.toggle('off', !!why);
    const placeholder = tile.querySelector('.camera-off');
    placeholder.hidden = !why;
    placeholder.querySelector('.camera-off-text').textContent = why ? t(why) : '';

    const flags = [];
    if (self ? S.selfOff.audio : info.audioMuted) flags.push(t('console.audioMuted'));
    if (!self && info.videoMuted) flags.push(t('console.videoMuted'));
    if (info.connected === false) flags.push(t('console.disconnected'));
    const caption = tile.querySelector('figcaption');
    const route = self ? null : S.pathDown.get(info.id);
    // the caption is drawn again only when what it says changed (a screen reader then announces it once)
    const drawn = [self ? t('console.you', { name: info.displayName }) : plainNameOf(info), t(S.room.roleKey(info.role)), matterTextOf(info),
      flags.join(t('console.flagSep')), route ? t('console.mediaPath.' + route) : ''].join('\u0001');
    if (caption.dataset.drawn !== drawn) caption.replaceChildren(...[
      self ? el('span', { class: 'strong' }, ...message('console.you', { name: info.displayName })) : nameOf(info),
      el('span', { class: 'role' }, t(S.room.roleKey(info.role))),
      matterOf(info),
      flags.length ? el('span', { class: 'flags' }, flags.join(t('console.flagSep'))) : null,
      mediaPathOf(caption, route)].filter(Boolean));
    caption.dataset.drawn = drawn;
    renderLink(tile.querySelector('.link-slot'), finished() ? null : S.links.get(info.id));
    renderHostControls(tile.querySelector('.controls'), isHost() && !self && !finished() ? {
      audioMuted: !!info.audioMuted,
      videoMuted: !!info.videoMuted,
      toggle: (kind, muted) => muted ? S.live.unmute(info.id, kind) : S.live.mute(info.id, kind),
      remove: () => { if (window.confirm(t('console.removeConfirm', { name: plainNameOf(info) }))) S.live.remove(info.id); }
    } : null, icon);
  }

  return {
    open: open,
    leave: leave,
    stop: stop,
    current: () => S.room,
    isHost: isHost,
    render: renderNow,
    /** The live state other parts follow: {status, participants (self excluded), finished}. */
    state: () => ({ status: S.status, participants: S.participants, finished: finished() }),
    /** Calls fn after every render of the room panel (and when it is left). */
    onRender: (fn) => { listeners.push(fn); }
  };
}
