/*
 * The console's room panel (#room-panel): one live room at a time, a booking's session (console.js) or a remote
 * consultation (consultation.js). Joins with the room's join token, shows the lobby with an admit button to the
 * host, every participant's video in a grid with mute / remove for the host, and the end and invite buttons.
 * While a room is open the list panels (.list-panel) are hidden.
 *
 * A room is described by the one who opens it:
 *   title(), sub()          the texts of the room head
 *   grant()                 resolves to the join token grant {token, wsUrl, role}
 *   lobby                   whether the room has a lobby (a consultation has none)
 *   invite(), mayInvite()   the invite button's action and whether the user may use it
 *   inviteLabel, endLabel, endConfirm     message keys
 *   statusKey(status), roleKey(role)      message keys of a connection status and of a role
 *   onStatus(status), onLeave()           optional
 *   consultationId          optional: which consultation it is
 */
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { openDevices } from '/js/devices.js';
import { live as startLive, liveErrorText } from '/js/live.js';
import { say, sayError } from '/js/page.js';

const $ = byId;

/** Wires the room panel's buttons; returns the panel: open(room), leave(), stop(), current(), isHost(), render(). */
export function roomPanel() {
  const S = {
    room: null,
    live: null,
    status: 'idle',
    you: null,
    participants: [],
    waiting: [],
    streams: new Map(),
    localStream: null
  };

  $('leave').addEventListener('click', leave);
  $('end').addEventListener('click', endSession);
  $('invite-open').addEventListener('click', () => S.room && S.room.invite && S.room.invite());
  window.addEventListener('beforeunload', () => { if (S.live) S.live.leave(); });

  /** Opens a live room in the room panel (the list panels are hidden). */
  async function open(room) {
    const b = room;
    S.room = room;
    S.status = 'connecting';
    S.participants = [];
    S.waiting = [];
    S.streams.clear();
    say($('room-error'), null);
    say($('room-info'), null);
    document.querySelectorAll('.list-panel').forEach(p => { p.hidden = true; });
    $('room-panel').hidden = false;
    $('end').textContent = t(room.endLabel);
    $('invite-open').textContent = t(room.inviteLabel);
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
    window.__lianxinLive = live; // for diagnostics and tests
    live.on('status', (e) => {
      if (S.live !== live) return;
      S.status = e.status;
      render();
      if (room.onStatus) room.onStatus(e.status);
    });
    live.on('joined', (e) => { S.you = e.you; render(); });
    live.on('participants', (e) => { S.participants = e.participants; render(); });
    live.on('waiting', (e) => { S.waiting = e.waiting; render(); });
    live.on('stream', (e) => { S.streams.set(e.participantId, e.stream); render(); });
    live.on('streamgone', (e) => { S.streams.delete(e.participantId); render(); });
    live.on('muted', () => render());
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
    $('room-panel').hidden = true;
    document.querySelectorAll('.list-panel').forEach(p => { p.hidden = false; });
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

  function render() {
    const room = S.room;
    if (!room) return;
    $('room-title').textContent = room.title();
    $('room-sub').textContent = room.sub();
    const status = $('conn-status');
    status.dataset.status = S.status;
    status.textContent = t(room.statusKey(S.status));
    $('end').textContent = t(room.endLabel);
    $('end').hidden = !isHost() || S.status !== 'inSession';
    $('invite-open').textContent = t(room.inviteLabel);
    $('invite-open').hidden = S.status !== 'inSession' || !room.invite || !room.mayInvite();
    $('lobby-panel').hidden = !room.lobby;
    $('room-body').classList.toggle('no-lobby', !room.lobby);
    $('leave').textContent = S.live && !S.live.finished ? t('console.leave') : t('console.back');
    renderLobby();
    renderGrid();
  }

  function renderLobby() {
    const list = $('lobby');
    list.replaceChildren();
    if (!S.waiting.length) {
      list.appendChild(el('li', { class: 'muted', text: t('console.lobbyEmpty') }));
      return;
    }
    for (const p of S.waiting) {
      list.appendChild(el('li', { 'data-testid': 'waiting', dataset: { participantId: p.id } },
        el('span', { class: 'strong' }, p.displayName),
        el('span', { class: 'muted small' }, t('live.role.' + p.role) + (p.connected === false ? ' · ' + t('console.disconnected') : '')),
        isHost() ? el('button', { type: 'button', class: 'primary', 'data-testid': 'admit',
          onclick: () => S.live && S.live.admit(p.id) }, t('console.admit')) : null));
    }
  }

  /** Keeps one tile per participant (video elements are reused so playback does not restart). */
  function renderGrid() {
    const grid = $('grid');
    const want = [];
    if (S.you) want.push({ info: S.you, self: true });
    for (const p of S.participants) want.push({ info: p, self: false });
    const keep = new Set(want.map(w => w.info.id));
    grid.querySelectorAll('figure.tile').forEach(f => { if (!keep.has(f.dataset.participantId)) f.remove(); });
    for (const { info, self } of want) {
      let tile = grid.querySelector('figure.tile[data-participant-id="' + CSS.escape(info.id) + '"]');
      if (!tile) {
        const video = el('video', { autoplay: true, playsinline: true, 'data-testid': 'tile-video' });
        if (self) video.muted = true;
        tile = el('figure', { class: 'tile' + (self ? ' self' : ''), 'data-testid': 'tile',
          dataset: { participantId: info.id, role: info.role } }, video, el('figcaption'), el('div', { class: 'controls' }));
        grid.appendChild(tile);
      }
      const video = tile.querySelector('video');
      const stream = self ? S.localStream : S.streams.get(info.id);
      if (video.srcObject !== (stream || null)) {
        video.srcObject = stream || null;
        if (stream) video.play().catch(() => {});
      }
      const flags = [];
      if (info.audioMuted) flags.push(t('console.audioMuted'));
      if (info.videoMuted) flags.push(t('console.videoMuted'));
      if (info.connected === false) flags.push(t('console.disconnected'));
      tile.querySelector('figcaption').replaceChildren(...[
        el('span', { class: 'strong' }, self ? t('console.you', { name: info.displayName }) : info.displayName),
        el('span', { class: 'role' }, t(S.room.roleKey(info.role))),
        flags.length ? el('span', { class: 'flags' }, flags.join(' · ')) : null].filter(Boolean));
      const controls = tile.querySelector('.controls');
      controls.replaceChildren();
      if (isHost() && !self) {
        controls.append(
          el('button', { type: 'button', 'data-testid': 'mute-audio', onclick: () => info.audioMuted
            ? S.live.unmute(info.id, 'audio') : S.live.mute(info.id, 'audio') },
          info.audioMuted ? t('console.unmuteAudio') : t('console.muteAudio')),
          el('button', { type: 'button', 'data-testid': 'mute-video', onclick: () => info.videoMuted
            ? S.live.unmute(info.id, 'video') : S.live.mute(info.id, 'video') },
          info.videoMuted ? t('console.unmuteVideo') : t('console.muteVideo')),
          el('button', { type: 'button', class: 'danger', 'data-testid': 'remove', onclick: () => {
            if (window.confirm(t('console.removeConfirm', { name: info.displayName }))) S.live.remove(info.id);
          } }, t('console.remove')));
      }
    }
    if (!S.participants.length && !grid.querySelector('.nobody')) {
      grid.appendChild(el('p', { class: 'muted nobody', text: t('console.nobody') }));
    }
    const nobody = grid.querySelector('.nobody');
    if (nobody) {
      if (S.participants.length) nobody.remove(); else nobody.textContent = t('console.nobody');
    }
  }

  return { open: open, leave: leave, stop: stop, current: () => S.room, isHost: isHost, render: render };
}
