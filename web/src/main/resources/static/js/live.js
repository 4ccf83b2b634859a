/*
 * Live reception in the browser, shared by the terminal kiosk page and the official console: the signaling
 * WebSocket (/ws/signaling, protocol in org.lianxin.signaling.protocol), the join with a join token, one
 * publisher RTCPeerConnection (own camera and microphone) and one subscriber RTCPeerConnection (everyone else),
 * trickle ICE, heartbeat, and reconnect with the same token within 30 s. Pages listen to events:
 *
 *   status        {status}  connecting | lobby | inSession | reconnecting | ended | removed | failed | left
 *   joined        {you, resumed}
 *   lobby         {position, estimatedWaitSeconds}          (own place while waiting)
 *   participants  {participants: [info]}                    (those in the session, self excluded)
 *   waiting       {waiting: [info]}                          (the lobby, for those who see it)
 *   stream        {participantId, stream}                    (a remote MediaStream appeared or changed)
 *   streamgone    {participantId}
 *   muted         {participantId, kind, muted, self}
 *   ended         {reason}
 *   error         {code, name, message, text, fatal}         (text is localized: live.error.<code>)
 *   mediarestart  {}                                         (the media server restarted: both peer connections
 *                                                             are made again; stream/streamgone follow as usual)
 *
 * When the media server (Janus) restarts, the server keeps the signaling connection and the place in the room,
 * tells everyone that feeds stopped (participantPublishing false), and once the media server is back sends
 * `mediaRestarted`: we then close both peer connections, publish again and subscribe again to whoever publishes.
 *
 * Messages in /i18n/live.js (live.error.<code>). Written defensively: a failing peer connection or a malformed frame
 * is reported as an error event and never stops the page.
 */
import { post } from '/js/api.js';
import { has, t } from '/js/i18n.js';

const HEARTBEAT_MS = 10000;
const SILENCE_MS = 25000;         // no frame at all for this long: the connection is dead, reconnect
const RECONNECT_WINDOW_MS = 30000; // the server holds a lost participant's place this long
const RECONNECT_DELAYS = [500, 1000, 2000, 3000];
/** Codes after which reconnecting cannot help (token refused, session over, removed, replaced). */
const FATAL = new Set([201, 202, 203, 204, 205, 304, 308, 309, 310, 311, 312, 307]);

/** The WebSocket URL: an absolute ws(s):// as given, else a path on this origin with ws:// or wss://. */
export function liveUrl(wsUrl) {
  if (wsUrl && /^wss?:\/\//i.test(wsUrl)) return wsUrl;
  const path = wsUrl && wsUrl.startsWith('/') ? wsUrl : '/ws/signaling';
  return (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + path;
}

/** POST /api/v1/bookings/{id}/join-token → {token, roomId, role, wsUrl}. */
export function joinToken(bookingId) {
  return post('/api/v1/bookings/' + encodeURIComponent(bookingId) + '/join-token', {});
}

/** The localized text of a protocol error number, falling back to the server's message. */
export function liveErrorText(code, message) {
  const key = 'live.error.' + code;
  if (has(key) || has(key, 'zh')) return t(key);
  return t('live.error.unknown', { code: code, message: message || '' });
}

/** Resolves when the connection has gathered its candidates (host candidates only: quick), or after 2 s. */
function gathered(pc) {
  return new Promise(resolve => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const done = () => { if (pc.iceGatheringState === 'complete') resolve(); };
    pc.addEventListener('icegatheringstatechange', done);
    setTimeout(resolve, 2000);
  });
}

export class LiveSession {
  /**
   * @param {object} opts
   *   token        the join token
   *   wsUrl        from the join-token response (optional)
   *   localStream  MediaStream to publish (optional: observers publish nothing)
   */
  constructor(opts) {
    this.token = opts.token;
    this.url = liveUrl(opts.wsUrl);
    this.localStream = opts.localStream || null;
    this.handlers = new Map();
    this.ws = null;
    this.status = 'idle';
    this.you = null;
    this.participants = new Map(); // id → info (self excluded)
    this.waiting = new Map();
    this.streams = new Map();      // participantId → MediaStream
    this.midOwner = new Map();     // subscriber mid → participantId
    this.subscribedTo = '';        // the publishers of the current subscription, sorted, joined by \n
    this.subscribing = false;      // a subscribe is waiting for its offer
    this.resubscribe = false;      // the publishers changed while it was waiting
    this.pub = null;
    this.sub = null;
    this.seq = 0;
    this.lostAt = null;
    this.attempt = 0;
    this.timers = { heartbeat: null, reconnect: null };
    this.lastFrameAt = 0;
    this.finished = false; // ended, removed, left or failed: no more reconnects
  }

  on(event, fn) {
    if (!this.handlers.has(event)) this.handlers.set(event, []);
    this.handlers.get(event).push(fn);
    return this;
  }

  emit(event, detail) {
    for (const fn of this.handlers.get(event) || []) {
      try { fn(detail); } catch (e) { console.error('live: handler of ' + event + ' failed', e); }
    }
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', { status: status });
  }

  fail(code, name, message, fatal) {
    this.emit('error', { code: code, name: name || null, message: message || '', fatal: !!fatal,
      text: liveErrorText(code, message) });
  }

  // ---------------------------------------------------------------- connection

  connect() {
    if (this.finished) return;
    this.setStatus(this.lostAt ? 'reconnecting' : 'connecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.onClosed(null);
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.lastFrameAt = Date.now();
      this.send({ type: 'join', token: this.token });
      this.startHeartbeat();
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.lastFrameAt = Date.now();
      let msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return this.fail(101, 'TRANSPORT_MALFORMED', 'unreadable frame'); }
      if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
      try {
        this.handle(msg);
      } catch (e) {
        console.error('live: handling ' + msg.type + ' failed', e);
      }
    };
    ws.onclose = () => { if (this.ws === ws) this.onClosed(ws); };
    ws.onerror = () => { /* onclose follows */ };
  }

  send(msg) {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return null;
    const id = 'c' + (++this.seq);
    msg.id = id;
    try { ws.send(JSON.stringify(msg)); } catch (e) { return null; }
    return id;
  }

  startHeartbeat() {
    clearInterval(this.timers.heartbeat);
    this.timers.heartbeat = setInterval(() => {
      if (!this.ws) return;
      if (Date.now() - this.lastFrameAt > SILENCE_MS) {
        // silent connection: drop it and reconnect
        const dead = this.ws;
        this.onClosed(dead);
        try { dead.close(); } catch (e) { /* already closed */ }
        return;
      }
      this.send({ type: 'heartbeat' });
    }, HEARTBEAT_MS);
  }

  /** The WebSocket is gone: reconnect with the same token while the place is held. */
  onClosed(ws) {
    if (ws && this.ws !== ws) return;
    this.ws = null;
    clearInterval(this.timers.heartbeat);
    if (this.finished) return;
    if (!this.lostAt) { this.lostAt = Date.now(); this.attempt = 0; }
    if (Date.now() - this.lostAt > RECONNECT_WINDOW_MS) {
      this.finish('failed');
      this.fail(0, 'RECONNECT_FAILED', '', true);
      return;
    }
    this.setStatus('reconnecting');
    const delay = RECONNECT_DELAYS[Math.min(this.attempt++, RECONNECT_DELAYS.length - 1)];
    clearTimeout(this.timers.reconnect);
    this.timers.reconnect = setTimeout(() => this.connect(), delay);
  }

  /** For tests and for a person's "reconnect now": drops the socket as if the network had. */
  dropConnection() {
    const ws = this.ws;
    if (!ws) return;
    this.onClosed(ws);
    try { ws.close(); } catch (e) { /* closed */ }
  }

  finish(status) {
    this.finished = true;
    clearInterval(this.timers.heartbeat);
    clearTimeout(this.timers.reconnect);
    this.closePeers();
    const ws = this.ws;
    this.ws = null;
    if (ws) { try { ws.close(); } catch (e) { /* closed */ } }
    this.setStatus(status);
  }

  /** Leaves for good (the place is given up). */
  leave() {
    if (this.finished) return;
    this.send({ type: 'leave' });
    this.finish('left');
  }

  // ---------------------------------------------------------------- host actions

  admit(participantId) { return this.send({ type: 'admit', participantId: participantId }); }
  mute(participantId, kind) { return this.send({ type: 'mute', participantId: participantId, kind: kind }); }
  unmute(participantId, kind) { return this.send({ type: 'unmute', participantId: participantId, kind: kind }); }
  remove(participantId) { return this.send({ type: 'remove', participantId: participantId }); }
  end() { return this.send({ type: 'end' }); }

  // ---------------------------------------------------------------- messages

  handle(msg) {
    switch (msg.type) {
      case 'joined': return this.onJoined(msg);
      case 'lobby': return this.emit('lobby', { position: msg.position, estimatedWaitSeconds: msg.estimatedWaitSeconds });
      case 'admitted':
        this.setParticipants(msg.participants);
        return this.enterSession();
      case 'participantJoined':
        this.waiting.delete(msg.participant.id);
        this.upsert(msg.participant);
        this.emit('waiting', { waiting: [...this.waiting.values()] });
        return;
      case 'participantWaiting':
        this.waiting.set(msg.participant.id, msg.participant);
        return this.emit('waiting', { waiting: [...this.waiting.values()] });
      case 'participantLeft': return this.onLeft(msg.participantId);
      case 'participantConnection': {
        const p = this.participants.get(msg.participantId) || this.waiting.get(msg.participantId);
        if (p) p.connected = !!msg.connected;
        this.emitParticipants();
        this.emit('waiting', { waiting: [...this.waiting.values()] });
        return;
      }
      case 'participantPublishing': {
        const p = this.participants.get(msg.participantId);
        if (p) {
          p.publishing = !!msg.publishing;
          if (!p.publishing) this.dropStream(p.id);
        }
        this.emitParticipants();
        return this.updateSubscription();
      }
      case 'muted': return this.onMuted(msg);
      case 'removed':
        this.finish('removed');
        return;
      case 'ended':
        this.emit('ended', { reason: msg.reason });
        this.finish('ended');
        return;
      case 'offer': return this.onOffer(msg);
      case 'answer': return this.onAnswer(msg);
      case 'error': return this.onError(msg);
      case 'heartbeatAck': return;
      case 'mediaRestarted': return this.onMediaRestarted();
      default: return; // a newer server's message: ignore
    }
  }

  onJoined(msg) {
    const resumed = !!msg.resumed;
    this.lostAt = null;
    this.attempt = 0;
    this.you = msg.you || null;
    this.participants.clear();
    this.waiting.clear();
    for (const w of msg.waiting || []) this.waiting.set(w.id, w);
    this.emit('joined', { you: this.you, resumed: resumed });
    this.emit('waiting', { waiting: [...this.waiting.values()] });
    // a new connection: start the media afresh (re-publish, re-subscribe)
    this.closePeers();
    if (msg.lobby) {
      this.emitParticipants();
      this.setStatus('lobby');
      this.emit('lobby', { position: msg.lobby.position, estimatedWaitSeconds: msg.lobby.estimatedWaitSeconds });
      return;
    }
    this.setParticipants(msg.participants);
    this.enterSession();
  }

  setParticipants(list) {
    this.participants.clear();
    for (const p of list || []) if (!this.you || p.id !== this.you.id) this.participants.set(p.id, p);
    this.emitParticipants();
  }

  upsert(p) {
    if (this.you && p.id === this.you.id) return;
    this.participants.set(p.id, p);
    this.emitParticipants();
    this.updateSubscription();
  }

  emitParticipants() {
    this.emit('participants', { participants: [...this.participants.values()] });
  }

  enterSession() {
    this.setStatus('inSession');
    if (this.localStream && (!this.you || this.you.role !== 'observer')) this.publish();
    this.updateSubscription();
  }

  onLeft(id) {
    this.waiting.delete(id);
    this.participants.delete(id);
    this.dropStream(id);
    this.emitParticipants();
    this.emit('waiting', { waiting: [...this.waiting.values()] });
    this.updateSubscription();
  }

  onMuted(msg) {
    const self = !!(this.you && msg.participantId === this.you.id);
    const p = self ? this.you : this.participants.get(msg.participantId);
    if (p) {
      if (msg.kind === 'audio') p.audioMuted = !!msg.muted;
      if (msg.kind === 'video') p.videoMuted = !!msg.muted;
    }
    this.emit('muted', { participantId: msg.participantId, kind: msg.kind, muted: !!msg.muted, self: self });
    if (!self) this.emitParticipants();
  }

  /** The media server was restarted: every peer connection is dead. Start the media afresh on this connection. */
  onMediaRestarted() {
    if (this.finished) return;
    this.closePeers();
    this.emit('mediarestart', {});
    if (this.status !== 'inSession') return; // in the lobby: no media yet
    if (this.localStream && (!this.you || this.you.role !== 'observer')) this.publish();
    this.updateSubscription();
  }

  onError(msg) {
    const code = Number(msg.code) || 0;
    const fatal = FATAL.has(code);
    if (code === 403 || code === 401) { // the subscription failed: try again with who publishes now
      this.subscribing = false;
      this.subscribedTo = '';
      setTimeout(() => this.updateSubscription(), 1000);
    }
    this.fail(code, msg.name, msg.message, fatal);
    if (fatal) this.finish(code === 308 ? 'removed' : code === 304 ? 'ended' : 'failed');
  }

  // ---------------------------------------------------------------- media

  newPeer(target) {
    const pc = new RTCPeerConnection({ iceServers: [] });
    // candidates found before the offer/answer went out are in its SDP; later ones, and the end, are trickled
    pc.sdpSent = false;
    pc.onicecandidate = (ev) => {
      if (!pc.sdpSent || pc.signalingState === 'closed') return;
      const c = ev.candidate;
      this.send({ type: 'trickle', target: target,
        candidate: c && c.candidate ? { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex } : null });
    };
    pc.oniceconnectionstatechange = () => {
      if (pc.iceConnectionState !== 'failed' || this.finished) return;
      // ICE lost: publish again / subscribe again on fresh connections
      if (target === 'publisher' && this.pub === pc) { this.pub = null; try { pc.close(); } catch (e) { /* closed */ } this.publish(); }
      if (target === 'subscriber' && this.sub === pc) { this.subscribedTo = ''; this.updateSubscription(); }
    };
    return pc;
  }

  async publish() {
    if (!this.localStream) return;
    if (this.pub) { try { this.pub.close(); } catch (e) { /* closed */ } }
    const pc = this.newPeer('publisher');
    this.pub = pc;
    try {
      for (const track of this.localStream.getTracks()) {
        pc.addTransceiver(track, { direction: 'sendonly', streams: [this.localStream] });
      }
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      await gathered(pc);
      if (this.pub !== pc) return;
      this.send({ type: 'publish', sdp: pc.localDescription.sdp });
      this.sentSdp(pc, 'publisher');
    } catch (e) {
      console.error('live: publish failed', e);
      this.fail(402, 'MEDIA_PUBLISH_FAILED', String(e && e.message || e), false);
    }
  }

  async onAnswer(msg) {
    const pc = this.pub;
    if (!pc || pc.signalingState !== 'have-local-offer') return;
    try {
      await pc.setRemoteDescription({ type: 'answer', sdp: msg.sdp });
    } catch (e) {
      console.error('live: publisher answer refused', e);
      this.fail(402, 'MEDIA_PUBLISH_FAILED', String(e && e.message || e), false);
    }
  }

  /**
   * Subscribes to everyone who publishes now. The server answers each subscribe with a new subscription (a new
   * offer with all the streams asked for, on a new peer connection), so the whole list is sent every time.
   */
  updateSubscription() {
    if (this.status !== 'inSession' || this.finished) return;
    const ids = [...this.participants.values()].filter(p => p.publishing).map(p => p.id).sort().slice(0, 32);
    const key = ids.join('\n');
    if (key === this.subscribedTo) return;
    if (this.subscribing) { this.resubscribe = true; return; }
    if (!ids.length) {
      this.subscribedTo = '';
      if (this.sub) { try { this.sub.close(); } catch (e) { /* closed */ } this.sub = null; }
      return;
    }
    if (this.send({ type: 'subscribe', participants: ids })) {
      this.subscribedTo = key;
      this.subscribing = true;
      this.resubscribe = false;
    }
  }

  async onOffer(msg) {
    // a new subscription: a new peer connection in place of the old one
    if (this.sub) { try { this.sub.close(); } catch (e) { /* closed */ } }
    const pc = this.newPeer('subscriber');
    pc.ontrack = (ev) => this.onTrack(ev);
    this.sub = pc;
    this.midOwner.clear();
    const owners = new Set();
    for (const s of msg.streams || []) { this.midOwner.set(String(s.mid), s.participantId); owners.add(s.participantId); }
    for (const id of [...this.streams.keys()]) {
      this.streams.delete(id);
      if (!owners.has(id)) this.emit('streamgone', { participantId: id });
    }
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp });
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      await gathered(pc);
      if (this.sub !== pc) return;
      this.send({ type: 'answer', sdp: pc.localDescription.sdp });
      this.sentSdp(pc, 'subscriber');
    } catch (e) {
      console.error('live: subscription offer refused', e);
      this.fail(403, 'MEDIA_SUBSCRIBE_FAILED', String(e && e.message || e), false);
    } finally {
      this.subscribing = false;
      if (this.resubscribe) { this.resubscribe = false; this.updateSubscription(); }
    }
  }

  /** The SDP went out: trickle what comes later, and the end of candidates once gathering is complete. */
  sentSdp(pc, target) {
    pc.sdpSent = true;
    if (pc.iceGatheringState === 'complete') this.send({ type: 'trickle', target: target, candidate: null });
  }

  onTrack(ev) {
    const mid = ev.transceiver && ev.transceiver.mid;
    const owner = this.midOwner.get(String(mid));
    if (!owner) return;
    let stream = this.streams.get(owner);
    if (!stream) { stream = new MediaStream(); this.streams.set(owner, stream); }
    for (const old of stream.getTracks()) if (old.kind === ev.track.kind && old !== ev.track) stream.removeTrack(old);
    if (!stream.getTracks().includes(ev.track)) stream.addTrack(ev.track);
    this.emit('stream', { participantId: owner, stream: stream });
  }

  dropStream(id) {
    if (this.streams.delete(id)) this.emit('streamgone', { participantId: id });
  }

  closePeers() {
    for (const pc of [this.pub, this.sub]) { if (pc) { try { pc.close(); } catch (e) { /* closed */ } } }
    this.pub = null;
    this.sub = null;
    this.midOwner.clear();
    for (const id of this.streams.keys()) this.emit('streamgone', { participantId: id });
    this.streams.clear();
    this.subscribedTo = '';
    this.subscribing = false;
    this.resubscribe = false;
  }

  /** Counters for tests and diagnostics: frames decoded per remote participant. */
  async stats() {
    const out = { framesDecoded: 0, bytesReceived: 0, bytesSent: 0 };
    for (const pc of [this.pub, this.sub]) {
      if (!pc) continue;
      const report = await pc.getStats();
      report.forEach(s => {
        if (s.type === 'inbound-rtp') {
          out.bytesReceived += s.bytesReceived || 0;
          if (s.kind === 'video') out.framesDecoded += s.framesDecoded || 0;
        }
        if (s.type === 'outbound-rtp') out.bytesSent += s.bytesSent || 0;
      });
    }
    return out;
  }
}

/** Starts a live session: connects and joins. */
export function live(opts) {
  const s = new LiveSession(opts);
  s.connect();
  return s;
}

// ------------------------------------------------------------------ device self-test helpers

/**
 * Opens camera and microphone. Resolves {stream, missing: []} or rejects with an Error whose `reason` is
 * 'denied' | 'missing-camera' | 'missing-microphone' | 'missing-both' | 'busy' | 'unsupported' | 'other'.
 */
export async function openDevices() {
  const err = (reason, cause) => { const e = new Error(reason); e.reason = reason; e.cause = cause; return e; };
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) throw err('unsupported');
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
    return { stream: stream };
  } catch (e) {
    const name = e && e.name;
    if (name === 'NotAllowedError' || name === 'SecurityError') throw err('denied', e);
    if (name === 'NotReadableError' || name === 'AbortError') throw err('busy', e);
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      // which one is missing?
      let cams = 0, mics = 0;
      try {
        const devices = await navigator.mediaDevices.enumerateDevices();
        cams = devices.filter(d => d.kind === 'videoinput').length;
        mics = devices.filter(d => d.kind === 'audioinput').length;
      } catch (x) { /* unknown */ }
      if (!cams && !mics) throw err('missing-both', e);
      if (!cams) throw err('missing-camera', e);
      if (!mics) throw err('missing-microphone', e);
      throw err('missing-both', e);
    }
    throw err('other', e);
  }
}

/**
 * A level meter on a stream's audio: calls onLevel(0..100) about 15 times a second. Returns stop().
 */
export function levelMeter(stream, onLevel) {
  const Ctx = window.AudioContext || window.webkitAudioContext;
  if (!Ctx || !stream.getAudioTracks().length) return () => {};
  const ctx = new Ctx();
  const source = ctx.createMediaStreamSource(stream);
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 1024;
  source.connect(analyser);
  const data = new Float32Array(analyser.fftSize);
  let stopped = false;
  if (ctx.state === 'suspended') ctx.resume().catch(() => {});
  const timer = setInterval(() => {
    if (stopped) return;
    analyser.getFloatTimeDomainData(data);
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum += data[i] * data[i];
    const rms = Math.sqrt(sum / data.length);
    // -60 dBFS → 0, 0 dBFS → 100
    const db = rms > 0 ? 20 * Math.log10(rms) : -100;
    onLevel(Math.max(0, Math.min(100, Math.round((db + 60) * 100 / 60))));
  }, 66);
  return () => {
    stopped = true;
    clearInterval(timer);
    try { source.disconnect(); } catch (e) { /* gone */ }
    ctx.close().catch(() => {});
  };
}
