/*
 * Live reception in the browser, shared by the terminal kiosk page and the official console: a LiveSession joins a
 * room with a join token and follows it (lobby, participants, mute, end, errors). Its parts:
 *   /js/live-connection.js  the signaling WebSocket (/ws/signaling, protocol in org.lianxin.signaling.protocol):
 *                           join, heartbeat, reconnect with the same token within 30 s
 *   /js/live-media.js       one publisher RTCPeerConnection (own camera and microphone) and one subscriber
 *                           RTCPeerConnection (everyone else), trickle ICE, the remote streams
 * Camera and microphone themselves (open, level meter) are in /js/devices.js. Pages listen to events:
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
 *   mediapath     {ok, route}                               (own media path lost / back; route relay|direct|unknown;
 *                                                             the server tells the staff: /js/media-path.js)
 *   participantmediapath {participantId, ok, route}          (staff: a participant's media path lost / back)
 *   mediareconnecting {reconnecting}                         (a peer connection's media path broke while the
 *                                                             signaling lives: ICE is being restarted; false: back)
 *   link          {participantId, self, level, lossPercent, sendLossPercent, rttMs, inKbps, outKbps, freezes}
 *                                                            (a link's quality: our own, and to a host everyone's;
 *                                                             measured by /js/link-quality.js, judged by the server)
 *
 * Waiting in the lobby, the server says `prepareMedia`: we publish at once, to nobody (the server lets no one subscribe,
 * records and forwards nothing until the host admits us), so that the admission needs only subscriptions; the same
 * publisher connection carries on after it. `preparing` {} tells the page that the own picture is on its way to the
 * server and still reaches no one.
 *
 * When the media server (Janus) restarts, the server keeps the signaling connection and the place in the room,
 * tells everyone that feeds stopped (participantPublishing false), and once the media server is back sends
 * `mediaRestarted`: we then close both peer connections, publish again and subscribe again to whoever publishes.
 *
 * After a dropped link the server says `videoResumed` once the media server hears our video again: while our browser
 * is retransmitting the packets lost in the drop (the media server asked for them; they would hold the new keyframe
 * back about a second) we switch our video sending off and on, which drops them (/js/video-resume.js).
 *
 * Messages in /i18n/live.js (live.error.<code>). Written defensively: a failing peer connection or a malformed frame
 * is reported as an error event and never stops the page.
 */
import { post } from '/js/api.js';
import { has, t } from '/js/i18n.js';
import { liveUrl, SignalingConnection } from '/js/live-connection.js';
import { LiveMedia } from '/js/live-media.js';
import { MediaPathWatch } from '/js/media-path.js';
import { LinkMeter } from '/js/link-quality.js';
import { restartVideoSending } from '/js/video-resume.js';

export { liveUrl };

/** Codes after which reconnecting cannot help (token refused, session over, removed, replaced). */
const FATAL = new Set([201, 202, 203, 204, 205, 304, 308, 309, 310, 311, 312, 307, 315]);

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

export class LiveSession {
  /**
   * @param {object} opts
   *   token        the join token
   *   wsUrl        from the join-token response (optional)
   *   localStream  MediaStream to publish (optional: observers publish nothing)
   */
  constructor(opts) {
    this.token = opts.token;
    this.localStream = opts.localStream || null;
    this.handlers = new Map();
    this.status = 'idle';
    this.you = null;
    this.participants = new Map(); // id → info (self excluded)
    this.waiting = new Map();
    this.finished = false; // ended, removed, left or failed: no more reconnects
    this.mediaReconnecting = false; // a peer connection's media path broke: ICE is being restarted
    this.connection = new SignalingConnection(this, liveUrl(opts.wsUrl));
    this.media = new LiveMedia(this);
    // the media path lost or back: the page says so, and the server tells the staff why
    this.mediaPath = new MediaPathWatch(this.media, (ok, route) => {
      this.emit('mediapath', { ok: ok, route: route });
      this.send({ type: 'mediaPath', ok: ok, route: route });
    });
    this.linkMeter = new LinkMeter(this);
  }

  // the parts' state, read by tests and diagnostics
  get url() { return this.connection.url; }
  get ws() { return this.connection.ws; }
  get pub() { return this.media.pub; }
  get sub() { return this.media.sub; }
  get streams() { return this.media.streams; }     // participantId → MediaStream
  get midOwner() { return this.media.midOwner; }   // subscriber mid → participantId

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
    this.connection.connect();
  }

  send(msg) {
    return this.connection.send(msg);
  }

  /** For tests and for a person's "reconnect now": drops the socket as if the network had. */
  dropConnection() {
    this.connection.drop();
  }

  finish(status) {
    this.finished = true;
    this.mediaPath.stop();
    clearTimeout(this.iceRenewal);
    this.linkMeter.stop();
    this.media.close();
    this.connection.close();
    this.setStatus(status);
  }

  /** Leaves for good (the place is given up). */
  leave() {
    if (this.finished) return;
    this.send({ type: 'leave' });
    this.finish('left');
  }

  // ---------------------------------------------------------------- own microphone and camera

  /**
   * Turns the own microphone or camera off (nothing is sent for it: the others' video stops instead of showing
   * black) or on again. Anyone may; a host also tells the room with mute(ownId, kind).
   */
  setLocal(kind, on) {
    if (!this.localStream) return;
    const tracks = kind === 'audio' ? this.localStream.getAudioTracks() : this.localStream.getVideoTracks();
    tracks.forEach(t => { t.enabled = !!on; });
    this.media.setSending(kind, !!on);
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
      case 'admitted': // the subscription first, the page's drawing after it (instant admission)
        this.setParticipants(msg.participants, false);
        this.enterSession();
        return this.emitParticipants();
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
          if (!p.publishing) this.media.dropStream(p.id);
        }
        this.emitParticipants();
        return this.media.updateSubscription();
      }
      case 'muted': return this.onMuted(msg);
      case 'removed':
        this.finish('removed');
        return;
      case 'ended':
        this.emit('ended', { reason: msg.reason });
        this.finish('ended');
        return;
      case 'offer': return this.media.onOffer(msg);
      case 'answer': return this.media.onAnswer(msg);
      case 'restartOffer': return this.media.onRestartOffer(msg);
      case 'offerUpdate': return this.media.onOfferUpdate(msg);
      case 'error': return this.onError(msg);
      case 'heartbeatAck': return;
      case 'mediaRestarted': return this.onMediaRestarted();
      case 'iceServersRenewed':
        this.media.renewIceServers(Array.isArray(msg.iceServers) ? msg.iceServers : []);
        return this.renewIceServersLater();
      case 'participantMediaPath':
        return this.emit('participantmediapath', { participantId: msg.participantId, ok: !!msg.ok, route: msg.route });
      case 'prepareMedia': return this.onPrepareMedia();
      case 'videoResumed': return restartVideoSending(this.media.pub);
      case 'linkQuality': return this.onLinkQuality(msg);
      default: return; // a newer server's message: ignore
    }
  }

  onJoined(msg) {
    const resumed = !!msg.resumed;
    this.connection.joined();
    this.you = msg.you || null;
    // TURN (relay through 443 where only HTTPS passes): credentials for this join, used by the next peer connections
    this.media.iceServers = Array.isArray(msg.iceServers) ? msg.iceServers : [];
    this.renewIceServersLater();
    if (this.mediaPath.lost) this.send({ type: 'mediaPath', ok: false, route: this.mediaPath.route }); // unsent?
    this.participants.clear();
    this.waiting.clear();
    for (const w of msg.waiting || []) this.waiting.set(w.id, w);
    this.emit('joined', { you: this.you, resumed: resumed });
    this.linkMeter.start();
    this.emit('waiting', { waiting: [...this.waiting.values()] });
    // A place resumed in the session keeps its peer connections: the media does not go through this connection and
    // the server held the endpoints. One whose media path broke meanwhile restarts ICE on them. Otherwise (a new
    // place, the lobby) the media starts afresh.
    const keep = resumed && !msg.lobby && !!(this.media.pub || this.media.sub);
    if (!keep) this.media.close();
    if (msg.lobby) {
      this.emitParticipants();
      this.setStatus('lobby');
      this.emit('lobby', { position: msg.lobby.position, estimatedWaitSeconds: msg.lobby.estimatedWaitSeconds });
      return;
    }
    this.setParticipants(msg.participants);
    if (keep) this.resumeSession();
    else this.enterSession();
  }

  /** Back in the session on a new connection with the peer connections kept (see onJoined). */
  resumeSession() {
    this.setStatus('inSession');
    // our feed gone on the server, or its answer lost with the old connection: publish anew
    if (this.publishes() && (!this.media.pub || !(this.you && this.you.publishing)
        || this.media.pub.signalingState !== 'stable')) this.media.publish();
    this.media.afterReconnect();
    this.media.updateSubscription();
  }

  setParticipants(list, emit = true) {
    this.participants.clear();
    for (const p of list || []) if (!this.you || p.id !== this.you.id) this.participants.set(p.id, p);
    if (emit) this.emitParticipants();
  }

  upsert(p) {
    if (this.you && p.id === this.you.id) return;
    this.participants.set(p.id, p);
    this.media.updateSubscription(); // before the page draws the newcomer: its media is on the way sooner
    this.emitParticipants();
  }

  emitParticipants() {
    this.emit('participants', { participants: [...this.participants.values()] });
  }

  /** Whether we send our own camera and microphone: when we have them and are not an observer. */
  publishes() {
    return !!this.localStream && (!this.you || this.you.role !== 'observer');
  }

  enterSession() {
    this.status = 'inSession'; // told to the page after the media steps below
    // published from the lobby already (prepareMedia): the admission needs only the subscriptions
    if (this.publishes() && !this.media.pub) this.media.publish();
    this.media.updateSubscription();
    this.status = null;
    this.setStatus('inSession');
  }

  /** In the lobby, the server asks us to publish now, to nobody until the host admits us. */
  onPrepareMedia() {
    if (this.finished || this.status !== 'lobby' || !this.publishes()) return;
    this.media.publish();
    this.emit('preparing', {});
  }

  onLeft(id) {
    this.waiting.delete(id);
    this.participants.delete(id);
    this.media.dropStream(id);
    this.emitParticipants();
    this.emit('waiting', { waiting: [...this.waiting.values()] });
    this.media.updateSubscription();
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
  /**
   * TURN credentials expire (username "expiry:participant"): ask for fresh ones 2 minutes before, so that a peer
   * connection made later (a re-publish, an ICE restart) can still allocate a relay. At most once a minute.
   */
  renewIceServersLater() {
    clearTimeout(this.iceRenewal);
    const expiries = this.media.iceServers.map(s => parseInt(String(s.username || '').split(':')[0], 10) * 1000)
      .filter(n => Number.isFinite(n));
    if (!expiries.length || this.finished) return;
    const delay = Math.max(60000, Math.min(...expiries) - Date.now() - 120000);
    this.iceRenewal = setTimeout(() => { if (!this.finished) this.send({ type: 'renewIceServers' }); }, delay);
  }

  onMediaRestarted() {
    if (this.finished) return;
    this.media.close();
    this.emit('mediarestart', {});
    if (this.status !== 'inSession') return; // in the lobby: no media yet
    if (this.publishes()) this.media.publish();
    this.media.updateSubscription();
  }

  /** A link's quality as the server judged its browser's report (ours, or to a host anyone's). */
  onLinkQuality(msg) {
    const self = !!(this.you && msg.participantId === this.you.id);
    this.emit('link', { participantId: msg.participantId, self: self, level: msg.level, lossPercent: msg.lossPercent,
      sendLossPercent: msg.sendLossPercent, rttMs: msg.rttMs, inKbps: msg.inKbps, outKbps: msg.outKbps, freezes: msg.freezes });
  }

  onError(msg) {
    const code = Number(msg.code) || 0;
    const fatal = FATAL.has(code);
    if (code === 403 || code === 401) this.media.subscriptionFailed(); // try again with who publishes now
    if (code === 420 || code === 421) { this.media.restartRefused(); return; } // a fresh connection instead
    if (code === 422) { this.media.prepareFailed(); return; } // no receiving connection ahead: subscribe as before
    // the room's server is another one (313: its name in the message) or the room moved to another one (314): join
    // again there with the same token; a moved room is built anew, so the media starts afresh on the next joined
    if (code === 313) { this.connection.moveTo(msg.message); return; }
    if (code === 314) { this.setStatus('reconnecting'); return; } // the server closes this connection: we reconnect
    this.fail(code, msg.name, msg.message, fatal);
    if (fatal) this.finish(code === 308 ? 'removed' : code === 304 ? 'ended' : 'failed');
    // the staff account was changed (role, office, password, disabled): its login is over too — to the login page,
    // which says why (login.ended); the error above is shown meanwhile
    if (code === 315) setTimeout(() => window.location.assign('/login?ended'), 1500);
  }

  /** The media path broke (ICE being restarted) or came back: tells the page once per change. */
  mediaReconnect(reconnecting) {
    if (this.mediaReconnecting === !!reconnecting) return;
    this.mediaReconnecting = !!reconnecting;
    this.emit('mediareconnecting', { reconnecting: this.mediaReconnecting });
  }

  /** Counters for tests and diagnostics: frames decoded, bytes received and sent. */
  stats() {
    return this.media.stats();
  }
}

/** Starts a live session: connects and joins. */
export function live(opts) {
  const s = new LiveSession(opts);
  s.connect();
  return s;
}
