/*
 * The official console (leader, department official, staff): today's sessions; open one to join it live with a
 * join token; the host sees the lobby with an admit button, every participant's video in a grid with mute /
 * remove, ends the session, and invites a department official during it. Rebuilt from `S` on language change.
 */
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const el = LX.el;
  const t = LX.t;
  const DEFAULT_ZONE = 'Asia/Shanghai';
  const OPENABLE = ['BOOKED', 'CHECKED_IN', 'IN_SESSION'];

  const S = {
    me: null,
    offices: new Map(),
    zone: DEFAULT_ZONE,
    sessions: null,
    booking: null,
    room: null, // the open room: {title(), sub(), grant(), lobby, invite, ...}, see openLive
    live: null,
    status: 'idle',
    you: null,
    participants: [],
    waiting: [],
    streams: new Map(),
    localStream: null,
    inviting: null // {candidates, chosen}
  };

  const messages = new Map();
  function say(box, render) {
    if (render) messages.set(box.id, render); else messages.delete(box.id);
    paint(box);
  }
  function paint(box) {
    const render = messages.get(box.id);
    box.replaceChildren();
    if (!render) return;
    const out = render();
    if (out instanceof Node) box.appendChild(out); else box.textContent = out;
  }
  const sayError = (box, err) => say(box, () => LX.errorMessage(err));

  function officeName(o) {
    return o ? (LX.lang() === 'en' && o.nameEn ? o.nameEn : o.name) : '';
  }

  async function start() {
    LX.applyI18n(document);
    LX.bindLanguageSwitch($('lang-switch'));
    LX.onLanguageChange(renderAll);
    $('logout').addEventListener('click', logout);
    $('sessions-refresh').addEventListener('click', loadSessions);
    $('leave').addEventListener('click', leaveRoom);
    $('end').addEventListener('click', endSession);
    $('invite-open').addEventListener('click', () => S.room && S.room.invite && S.room.invite());
    $('i-close').addEventListener('click', () => { S.inviting = null; $('invite-dialog').close(); });
    $('i-confirm').addEventListener('click', sendInvite);
    window.addEventListener('beforeunload', () => { if (S.live) S.live.leave(); });
    try {
      const [me, offices] = await Promise.all([LX.get('/api/v1/me'), LX.get('/api/v1/offices')]);
      S.me = me;
      for (const o of offices || []) S.offices.set(o.id, o);
      const mine = S.offices.get(me.officeId);
      S.zone = (mine && mine.zone) || DEFAULT_ZONE;
    } catch (err) {
      sayError($('page-error'), err);
      return;
    }
    renderAll();
    readyResolve();
    document.body.dataset.ready = 'true';
    loadSessions();
  }

  async function logout() {
    if (S.live) S.live.leave();
    stopLocal();
    let res;
    try {
      res = await fetch('/logout', { method: 'POST', credentials: 'same-origin',
        headers: LX.csrfToken() ? { 'X-XSRF-TOKEN': LX.csrfToken() } : {} });
    } catch (e) {
      say($('page-error'), () => t('error.network'));
      return;
    }
    if (res.ok) { window.location.assign('/login?logout'); return; }
    let problem = null;
    try { problem = await res.json(); } catch (e) { /* not a problem */ }
    sayError($('page-error'), new LX.ApiError(res.status, problem));
  }

  function renderAll() {
    if (S.me) {
      $('who').removeAttribute('data-i18n');
      $('who').textContent = t('who.text', { name: S.me.displayName || S.me.username, role: t('role.' + S.me.role),
        office: officeName(S.offices.get(S.me.officeId)) || S.me.officeName });
    }
    renderSessions();
    renderRoom();
    renderInvite();
    document.querySelectorAll('.message').forEach(paint);
  }

  // ------------------------------------------------------------------ sessions

  async function loadSessions() {
    if (!S.me) return;
    $('sessions-status').textContent = t('list.loading');
    const today = LX.isoDate(new Date(), S.zone);
    const who = S.me.officialId != null ? 'officialId=' + S.me.officialId : 'officeId=' + S.me.officeId;
    try {
      const list = await LX.get('/api/v1/bookings?' + who + '&from=' + today + '&to=' + today);
      S.sessions = (list || []).sort((a, b) => String(a.start).localeCompare(String(b.start)));
      $('sessions-status').textContent = '';
    } catch (err) {
      S.sessions = [];
      $('sessions-status').textContent = LX.errorMessage(err);
    }
    renderSessions();
  }

  function renderSessions() {
    const body = $('sessions');
    body.replaceChildren();
    $('sessions-empty').hidden = !(S.sessions && S.sessions.length === 0);
    for (const b of S.sessions || []) {
      const invited = (b.invitations || []).map(i => i.officialName + '（' + t('invitation.' + i.state) + '）').join('、');
      body.appendChild(el('tr', { 'data-testid': 'session-row', dataset: { bookingId: b.id, code: b.code } },
        el('td', null, LX.formatTime(b.start, S.zone) + '–' + LX.formatTime(b.end, S.zone)),
        el('td', null, el('span', { class: 'state state-' + b.state }, t('state.' + b.state))),
        el('td', null, b.caseNumber),
        el('td', null, b.officialName),
        el('td', null, b.terminalName),
        el('td', null, invited || t('list.noInvitations')),
        el('td', null, OPENABLE.includes(b.state)
          ? el('button', { type: 'button', class: 'primary', 'data-testid': 'open-session', onclick: () => openRoom(b) },
            t('console.open'))
          : null)));
    }
  }

  // ------------------------------------------------------------------ room

  function openRoom(b) {
    S.booking = b;
    openLive({
      title: () => t('kiosk.banner.case', { number: S.booking.caseNumber }) + ' · ' + S.booking.officialName,
      sub: () => LX.formatRange(S.booking.start, S.booking.end, S.zone) + ' · '
        + t('kiosk.banner.room', { name: S.booking.terminalName }),
      grant: () => LX.joinToken(b.id),
      lobby: true,
      invite: openInvite,
      inviteLabel: 'console.invite',
      mayInvite: () => !!S.me && (S.me.role === 'LEADER' || S.me.role === 'ADMIN' || S.me.role === 'SCHEDULER'),
      endLabel: 'console.end',
      endConfirm: 'console.endConfirm',
      statusKey: (status) => 'console.status.' + status,
      roleKey: (role) => 'live.role.' + role,
      onLeave: () => { S.booking = null; loadSessions(); }
    });
  }

  /**
   * Opens a live room in the room panel (the list panels are hidden): a booking's session or a consultation
   * (console/consultation.js). {@code room} gives the texts and the join token; it may have no lobby.
   */
  async function openLive(room) {
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
    renderRoom();
    let grant;
    try {
      grant = await room.grant();
    } catch (err) {
      S.status = 'failed';
      sayError($('room-error'), err);
      renderRoom();
      return;
    }
    if (S.room !== b) return;
    const role = String(grant.role || '').toLowerCase();
    if (role === 'petitioner') { // county staff: the petitioner joins from the terminal page
      S.status = 'idle';
      say($('room-error'), () => t('console.petitionerRole'));
      renderRoom();
      return;
    }
    const observer = role === 'observer';
    if (!observer && !S.localStream) {
      try {
        S.localStream = (await LX.openDevices()).stream;
      } catch (e) {
        say($('room-info'), () => t('console.noMedia') + ' ' + t('kiosk.devices.problem.' + (e.reason || 'other')));
      }
    }
    if (S.room !== b) return;
    const live = LX.live({ token: grant.token, wsUrl: grant.wsUrl, localStream: observer ? null : S.localStream });
    S.live = live;
    window.__lianxinLive = live;
    live.on('status', (e) => {
      if (S.live !== live) return;
      S.status = e.status;
      renderRoom();
      if (room.onStatus) room.onStatus(e.status);
    });
    live.on('joined', (e) => { S.you = e.you; renderRoom(); });
    live.on('participants', (e) => { S.participants = e.participants; renderRoom(); });
    live.on('waiting', (e) => { S.waiting = e.waiting; renderRoom(); });
    live.on('stream', (e) => { S.streams.set(e.participantId, e.stream); renderRoom(); });
    live.on('streamgone', (e) => { S.streams.delete(e.participantId); renderRoom(); });
    live.on('muted', () => renderRoom());
    live.on('error', (e) => say($('room-error'), () => LX.liveErrorText(e.code, e.message)));
  }

  function isHost() {
    return !!(S.you && S.you.role === 'host');
  }

  function leaveRoom() {
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

  function stopLocal() {
    if (S.localStream) { S.localStream.getTracks().forEach(tr => tr.stop()); S.localStream = null; }
  }

  function endSession() {
    if (!S.live || !S.room || !window.confirm(t(S.room.endConfirm))) return;
    S.live.end();
  }

  function renderRoom() {
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

  // ------------------------------------------------------------------ invite during the session

  /** The offices from the booking's terminal office up to the root. */
  function chainOf(officeId) {
    const chain = [];
    const seen = new Set();
    let o = S.offices.get(officeId);
    while (o && !seen.has(o.id)) { seen.add(o.id); chain.push(o); o = o.parentId == null ? null : S.offices.get(o.parentId); }
    return chain;
  }

  async function openInvite() {
    const b = S.booking;
    if (!b) return;
    S.inviting = { candidates: null, chosen: null };
    say($('i-error'), null);
    renderInvite();
    $('invite-dialog').showModal();
    const chain = new Set(chainOf(b.terminalOfficeId).map(o => o.id));
    const depts = [...S.offices.values()].filter(o => o.level === 'DEPARTMENT' && chain.has(o.parentId));
    const already = new Set((b.invitations || []).map(i => i.officialId));
    const lists = await Promise.all(depts.map(async (o) => {
      try {
        return ((await LX.get('/api/v1/offices/' + o.id + '/officials?subtree=false')) || [])
          .filter(f => f.active !== false && f.kind === 'DEPARTMENT_OFFICIAL' && !already.has(f.id))
          .map(f => ({ official: f, office: o }));
      } catch (e) {
        return [];
      }
    }));
    if (!S.inviting) return;
    S.inviting.candidates = lists.flat();
    renderInvite();
  }

  function renderInvite() {
    const box = $('i-list');
    const inv = S.inviting;
    box.replaceChildren();
    $('i-confirm').disabled = !inv || inv.chosen == null;
    if (!inv) return;
    if (inv.candidates === null) { box.appendChild(el('p', { class: 'muted', text: t('list.loading') })); return; }
    if (!inv.candidates.length) { box.appendChild(el('p', { class: 'muted', text: t('console.inviteNone') })); return; }
    for (const { official, office } of inv.candidates) {
      const id = 'inv-' + official.id;
      box.appendChild(el('div', { class: 'check' },
        el('input', { type: 'radio', name: 'invitee', id: id, value: official.id, 'data-testid': 'invitee',
          checked: inv.chosen === official.id, onchange: () => { inv.chosen = official.id; renderInvite(); } }),
        el('label', { for: id }, t('invite.option', { name: official.name, title: official.title || '', office: officeName(office) }))));
    }
  }

  async function sendInvite() {
    const inv = S.inviting;
    if (!inv || inv.chosen == null || !S.booking) return;
    $('i-confirm').disabled = true;
    const chosen = inv.candidates.find(c => c.official.id === inv.chosen);
    try {
      S.booking = await LX.post('/api/v1/bookings/' + S.booking.id + '/invitations', { officialId: inv.chosen });
      S.inviting = null;
      $('invite-dialog').close();
      say($('room-info'), () => t('console.inviteSent', { name: chosen ? chosen.official.name : '' }));
    } catch (err) {
      sayError($('i-error'), err);
      $('i-confirm').disabled = false;
    }
  }

  /** For console/consultation.js: the room panel and what the console loaded. */
  let readyResolve;
  window.LXConsole = {
    ready: new Promise(resolve => { readyResolve = resolve; }),
    me: () => S.me,
    offices: () => S.offices,
    zone: () => S.zone,
    officeName: officeName,
    openLive: openLive,
    leaveRoom: leaveRoom,
    currentRoom: () => S.room,
    isHost: isHost,
    say: say
  };

  start();
})();
