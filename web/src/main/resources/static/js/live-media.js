/*
 * The media of a live session: one publisher RTCPeerConnection (own camera and microphone) and one subscriber
 * RTCPeerConnection (everyone else who publishes), their offers and answers, trickle ICE, the remote MediaStream of
 * each participant, and the counters for tests. A part of LiveSession (/js/live.js), which says when to publish and
 * when the set of publishers changed.
 *
 * When a connection's media path breaks while the signaling connection lives (ICE `disconnected` for
 * ICE_PATIENCE_MS, or `failed`), ICE is restarted on the same connection through our signaling (`restartIce`):
 * the publisher sends a new offer with iceRestart, the subscriber asks the server for a restarted offer
 * (`restartOffer`); again every RESTART_EVERY_MS until ICE is connected again. If the server has nothing to restart
 * (the feed or the subscription is gone: 420, 421), a fresh connection is made instead. Meanwhile the session tells
 * the page that the media path is reconnecting (`mediareconnecting` {reconnecting}).
 *
 * The subscriber connection is made ahead, before anyone is to be received, and kept when nobody is left to receive;
 * a subscription then only renegotiates it (/js/live-receiving.js).
 */
import { videoEncodings } from '/js/simulcast.js';
import { receivingAhead } from '/js/live-receiving.js';
import { routeOf } from '/js/media-path.js';

/** How long ICE may stay `disconnected` (it often comes back by itself) before it is restarted. */
const ICE_PATIENCE_MS = 3000;
/** How often a restart is tried again while ICE is not connected (a restart during an outage cannot complete). */
const RESTART_EVERY_MS = 5000;

/**
 * Resolves when the connection has gathered its candidates (host candidates only: quick), or — with TURN — as soon as
 * it has a relay candidate (behind a firewall the other TURN transports never answer; later candidates trickle), or
 * after 2 s.
 */
function gathered(pc) {
  return new Promise(resolve => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const done = () => { if (pc.iceGatheringState === 'complete') resolve(); };
    pc.addEventListener('icegatheringstatechange', done);
    pc.addEventListener('icecandidate', ev => { if (ev.candidate && / typ relay /.test(ev.candidate.candidate)) resolve(); });
    setTimeout(resolve, 2000);
  });
}

/**
 * For the answer to a new receiving connection's offer: resolves at its first candidate (or when gathering is complete,
 * or after 100 ms), so that the answer goes out at once and every later candidate — the relay one too — trickles.
 * Waiting for the relay candidate (as `gathered` does) held every answer ≈ 60 ms where TURN is configured (Chromium
 * starts its relay allocations one 50 ms step after the host candidates, then TLS and the allocation), direct or not.
 * Behind a firewall the relay candidate is the first one, so a relayed answer still goes with it (issue 10,
 * ./lianxin bench relay).
 */
function firstCandidate(pc) {
  return new Promise(resolve => {
    if (pc.iceGatheringState === 'complete') return resolve();
    pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
    pc.addEventListener('icecandidate', ev => { if (ev.candidate) resolve(); });
    setTimeout(resolve, 100);
  });
}

export class LiveMedia {
  /**
   * @param session  the LiveSession: send(msg), emit(event, detail), fail(…), its status, finished, participants
   *                 and localStream
   */
  constructor(session) {
    this.session = session;
    this.streams = new Map();      // participantId → MediaStream
    this.midOwner = new Map();     // subscriber mid → participantId
    this.subscribedTo = '';        // the publishers of the current subscription, sorted, joined by \n
    this.subscribing = false;      // a subscribe is waiting for its offer
    this.resubscribe = false;      // the publishers changed while it was waiting
    this.pub = null;
    this.sub = null;
    this.iceServers = [];          // TURN servers with this participant's time-limited credentials (from `joined`)
    this.broken = new Map();       // 'publisher' | 'subscriber' → {since, timer, restarting} while its ICE is not up
    this.restarts = 0;             // ICE restarts asked for (diagnostics, tests)
    this.preparing = false;        // a prepareReceive is waiting for its offer
    this.noPrepare = false;        // the server could not make the receiving connection ahead (422)
    this.subscriberConnections = 0; // subscriber RTCPeerConnections made (diagnostics, tests)
  }

  /**
   * A new peer connection. `relayOnly` (a receiving connection made while our publisher connection goes through the
   * TURN relay, see onOffer): it gathers and checks relay candidates only — behind a firewall that passes only the
   * relay, the county's dead direct pairs would each take one of Chromium's ≈ 48 ms check ticks first (issue 10,
   * ./lianxin bench relay). An ICE restart of it may take any path again (restartIce).
   */
  newPeer(target, relayOnly = false) {
    const session = this.session;
    const config = { iceServers: this.iceServers };
    if (relayOnly && this.iceServers.length) config.iceTransportPolicy = 'relay';
    const pc = new RTCPeerConnection(config);
    pc.lxRelayOnly = !!config.iceTransportPolicy;
    // candidates found before the offer/answer went out are in its SDP; later ones, and the end, are trickled
    pc.sdpSent = false;
    pc.onicecandidate = (ev) => {
      if (!pc.sdpSent || pc.signalingState === 'closed') return;
      const c = ev.candidate;
      session.send({ type: 'trickle', target: target,
        candidate: c && c.candidate ? { candidate: c.candidate, sdpMid: c.sdpMid, sdpMLineIndex: c.sdpMLineIndex } : null });
    };
    pc.oniceconnectionstatechange = () => this.onIceState(pc, target);
    return pc;
  }

  /** Fresh TURN credentials: for the next peer connections and the next ICE gathering of these. */
  renewIceServers(list) {
    this.iceServers = list;
    for (const pc of [this.pub, this.sub]) {
      if (!pc || pc.signalingState === 'closed') continue;
      try { pc.setConfiguration(Object.assign(pc.getConfiguration(), { iceServers: list })); } catch (e) {
        console.warn('live: could not renew the ICE servers', e);
      }
    }
  }

  // ---------------------------------------------------------------- a broken media path: ICE restart

  current(target) {
    return target === 'publisher' ? this.pub : this.sub;
  }

  onIceState(pc, target) {
    if (this.current(target) !== pc || this.session.finished) return;
    const state = pc.iceConnectionState;
    if (state === 'connected' || state === 'completed') return this.healed(target);
    if (state !== 'disconnected' && state !== 'failed') return;
    let b = this.broken.get(target);
    if (!b) {
      b = { since: Date.now(), timer: null, restarting: false };
      this.broken.set(target, b);
      this.session.mediaReconnect(true);
    }
    if (state === 'failed') this.restartIce(target);
    else if (!b.timer) b.timer = setTimeout(() => { b.timer = null; this.restartIce(target); }, ICE_PATIENCE_MS);
  }

  healed(target) {
    const b = this.broken.get(target);
    if (!b) return;
    if (b.timer) clearTimeout(b.timer);
    this.broken.delete(target);
    if (!this.broken.size) this.session.mediaReconnect(false);
  }

  /** Restarts ICE on the target's connection (again every RESTART_EVERY_MS until it is connected). */
  async restartIce(target) {
    const b = this.broken.get(target);
    const pc = this.current(target);
    if (!b || !pc || this.session.finished || this.session.status !== 'inSession') return;
    if (b.timer) clearTimeout(b.timer);
    b.timer = setTimeout(() => { b.timer = null; b.restarting = false; this.restartIce(target); }, RESTART_EVERY_MS);
    if (b.restarting) return;
    b.restarting = true;
    this.restarts++;
    try {
      if (target === 'subscriber') {
        if (pc.lxRelayOnly) { // the relay may be what broke: the restart may take any path
          try { pc.setConfiguration(Object.assign(pc.getConfiguration(), { iceTransportPolicy: 'all' })); } catch (e) {
            console.warn('live: could not let the receiving connection leave the relay', e);
          }
          pc.lxRelayOnly = false;
        }
        pc.sdpSent = false; // candidates of the new generation go out after the answer
        this.session.send({ type: 'restartIce', target: 'subscriber' });
        return;
      }
      pc.sdpSent = false;
      // an earlier restart offer the server never answered: take it back first
      if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
      const offer = await pc.createOffer({ iceRestart: true });
      if (this.pub !== pc || pc.signalingState !== 'stable') return;
      await pc.setLocalDescription(offer);
      await gathered(pc);
      if (this.pub !== pc) return;
      this.session.send({ type: 'restartIce', target: 'publisher', sdp: pc.localDescription.sdp });
      this.sentSdp(pc, 'publisher');
    } catch (e) {
      console.warn('live: ICE restart of the ' + target + ' connection failed', e);
    }
  }

  /**
   * The signaling connection came back with the peer connections kept: a subscription whose offer or answer was
   * lost with the old connection is made again; a connection whose media path broke restarts ICE now.
   */
  afterReconnect() {
    if (this.subscribing || (this.sub && this.sub.signalingState !== 'stable')) {
      this.subscribing = false;
      this.subscribedTo = '';
    }
    for (const target of ['publisher', 'subscriber']) {
      const pc = this.current(target);
      if (!pc) continue;
      const b = this.broken.get(target);
      if (b) { b.restarting = false; this.restartIce(target); } else this.onIceState(pc, target);
    }
  }

  /** The server could not restart (420) or had nothing to restart (421): a fresh connection instead. */
  restartRefused() {
    for (const target of [...this.broken.keys()]) {
      const b = this.broken.get(target);
      if (b.timer) clearTimeout(b.timer);
      this.broken.delete(target);
      if (target === 'publisher' && this.pub) {
        const pc = this.pub;
        this.pub = null;
        try { pc.close(); } catch (e) { /* closed */ }
        this.publish();
      }
      if (target === 'subscriber') {
        if (this.sub) { try { this.sub.close(); } catch (e) { /* closed */ } this.sub = null; }
        this.subscribedTo = '';
        this.subscribing = false;
        this.updateSubscription();
      }
    }
    if (!this.broken.size) this.session.mediaReconnect(false);
  }

  /** The server's restarted offer for the existing subscriber connection. */
  async onRestartOffer(msg) {
    const pc = this.sub;
    if (!pc || pc.signalingState === 'closed') return;
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      await gathered(pc);
      if (this.sub !== pc) return;
      this.session.send({ type: 'answer', sdp: pc.localDescription.sdp });
      this.sentSdp(pc, 'subscriber');
    } catch (e) {
      console.warn('live: restarted subscription offer refused', e);
    } finally {
      const b = this.broken.get('subscriber');
      if (b) b.restarting = false;
    }
  }

  // ---------------------------------------------------------------- publishing

  async publish() {
    const session = this.session;
    const localStream = session.localStream;
    if (!localStream) return;
    this.healed('publisher'); // a fresh connection: nothing of the old one to restart
    if (this.pub) { try { this.pub.close(); } catch (e) { /* closed */ } }
    const pc = this.newPeer('publisher');
    this.pub = pc;
    // our feed exists on the media server once this connection is up: then the receiving connection can be made
    // (relay-only if this one went through the relay: asked for once its route is known — one getStats, a few ms in
    // the lobby — so that the server's offer never finds the route unknown)
    this.pubRelayed = false;
    pc.addEventListener('connectionstatechange', () => {
      if (this.pub !== pc || pc.connectionState !== 'connected') return;
      routeOf(pc).then(r => {
        if (this.pub !== pc) return;
        this.pubRelayed = r === 'relay';
        this.prepareReceiving();
      });
    });
    try {
      for (const track of localStream.getTracks()) {
        const init = { direction: 'sendonly', streams: [localStream] };
        const encodings = track.kind === 'video' ? videoEncodings() : null; // simulcast: see /js/simulcast.js
        if (encodings) init.sendEncodings = encodings;
        const transceiver = pc.addTransceiver(track, init);
        if (!track.enabled) await transceiver.sender.replaceTrack(null); // switched off: send nothing for it
      }
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      await gathered(pc);
      if (this.pub !== pc) return;
      session.send({ type: 'publish', sdp: pc.localDescription.sdp });
      this.sentSdp(pc, 'publisher');
    } catch (e) {
      console.error('live: publish failed', e);
      session.fail(402, 'MEDIA_PUBLISH_FAILED', String(e && e.message || e), false);
    }
  }

  /** Stops (null track) or resumes sending the own track of one kind on the publisher connection. */
  setSending(kind, on) {
    const pc = this.pub;
    const stream = this.session.localStream;
    if (!pc || !stream || pc.signalingState === 'closed') return;
    const track = stream.getTracks().find(t => t.kind === kind) || null;
    for (const tr of pc.getTransceivers()) {
      if (!tr.receiver || !tr.receiver.track || tr.receiver.track.kind !== kind) continue;
      tr.sender.replaceTrack(on ? track : null).catch(e => console.warn('live: could not switch the ' + kind, e));
    }
  }

  /** The server's answer to our publish offer (also to an ICE-restart offer). */
  async onAnswer(msg) {
    const pc = this.pub;
    if (!pc || pc.signalingState !== 'have-local-offer') return;
    const b = this.broken.get('publisher');
    if (b) b.restarting = false;
    try {
      await pc.setRemoteDescription({ type: 'answer', sdp: msg.sdp });
    } catch (e) {
      console.error('live: publisher answer refused', e);
      this.session.fail(402, 'MEDIA_PUBLISH_FAILED', String(e && e.message || e), false);
    }
  }

  // ---------------------------------------------------------------- subscribing

  /**
   * Subscribes to everyone who publishes now. The server answers each subscribe with a new subscription (a new
   * offer with all the streams asked for, on a new peer connection), so the whole list is sent every time.
   */
  updateSubscription() {
    const session = this.session;
    if (session.status !== 'inSession' || session.finished) return;
    const ids = [...session.participants.values()].filter(p => p.publishing).map(p => p.id).sort().slice(0, 32);
    const key = ids.join('\n');
    if (key === this.subscribedTo) return;
    if (this.subscribing) { this.resubscribe = true; return; }
    if (!ids.length) {
      this.subscribedTo = '';
      const carried = this.midOwner.size > 0;
      for (const id of [...this.streams.keys()]) this.dropStream(id);
      // An up connection stays for the next subscription. One that carried someone is replaced by a new one made
      // ahead, while nobody is to be received: the media server would reuse its old sections for the next feeds,
      // and the browser then holds the first frames of a reused receiver (≈ 100 ms, bench admit).
      if (this.sub && this.sub.signalingState !== 'closed' && !this.broken.has('subscriber')) {
        if (carried) this.prepareReceiving(true);
        return;
      }
      if (this.sub) { try { this.sub.close(); } catch (e) { /* closed */ } this.sub = null; }
      this.midOwner.clear();
      this.healed('subscriber');
      this.prepareReceiving();
      return;
    }
    if (session.send({ type: 'subscribe', participants: ids })) {
      this.subscribedTo = key;
      this.subscribing = true;
      this.resubscribe = false;
    }
  }

  /** The server refused the subscription: try again in a second with whoever publishes then. */
  subscriptionFailed() {
    this.subscribing = false;
    this.subscribedTo = '';
    setTimeout(() => this.updateSubscription(), 1000);
  }

  /** The server's offer of a subscription. */
  async onOffer(msg) {
    // a new subscription: a new peer connection in place of the old one
    this.healed('subscriber');
    if (this.sub) { try { this.sub.close(); } catch (e) { /* closed */ } }
    const pc = this.newPeer('subscriber', this.pubRelayed && this.pub && this.pub.connectionState === 'connected');
    pc.ontrack = (ev) => this.onTrack(ev);
    this.sub = pc;
    this.subscriberConnections++;
    this.preparing = false;
    this.midOwner.clear();
    const owners = new Set();
    for (const s of msg.streams || []) { this.midOwner.set(String(s.mid), s.participantId); owners.add(s.participantId); }
    for (const id of [...this.streams.keys()]) {
      this.streams.delete(id);
      if (!owners.has(id)) this.session.emit('streamgone', { participantId: id });
    }
    try {
      await pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp });
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      await firstCandidate(pc); // the rest, the relay candidate too, trickles
      if (this.sub !== pc) return;
      this.session.send({ type: 'answer', sdp: pc.localDescription.sdp });
      this.sentSdp(pc, 'subscriber');
    } catch (e) {
      console.error('live: subscription offer refused', e);
      this.session.fail(403, 'MEDIA_SUBSCRIBE_FAILED', String(e && e.message || e), false);
    } finally {
      this.subscribing = false;
      if (this.resubscribe) { this.resubscribe = false; this.updateSubscription(); }
    }
  }

  /** The SDP went out: trickle what comes later, and the end of candidates once gathering is complete. */
  sentSdp(pc, target) {
    pc.sdpSent = true;
    if (pc.iceGatheringState === 'complete') this.session.send({ type: 'trickle', target: target, candidate: null });
  }

  // ---------------------------------------------------------------- remote streams

  onTrack(ev) {
    const mid = ev.transceiver && ev.transceiver.mid;
    const owner = this.midOwner.get(String(mid));
    if (!owner) return;
    let stream = this.streams.get(owner);
    if (!stream) { stream = new MediaStream(); this.streams.set(owner, stream); }
    for (const old of stream.getTracks()) if (old.kind === ev.track.kind && old !== ev.track) stream.removeTrack(old);
    if (!stream.getTracks().includes(ev.track)) stream.addTrack(ev.track);
    this.session.emit('stream', { participantId: owner, stream: stream });
  }

  dropStream(id) {
    if (this.streams.delete(id)) this.session.emit('streamgone', { participantId: id });
  }

  /** Closes both peer connections and forgets every remote stream (streamgone for each). */
  close() {
    for (const b of this.broken.values()) { if (b.timer) clearTimeout(b.timer); }
    if (this.broken.size) { this.broken.clear(); this.session.mediaReconnect(false); }
    for (const pc of [this.pub, this.sub]) { if (pc) { try { pc.close(); } catch (e) { /* closed */ } } }
    this.pub = null;
    this.sub = null;
    this.midOwner.clear();
    for (const id of this.streams.keys()) this.session.emit('streamgone', { participantId: id });
    this.streams.clear();
    this.subscribedTo = '';
    this.subscribing = false;
    this.resubscribe = false;
    this.preparing = false;
    this.noPrepare = false;
    this.prepareRefusals = 0;
  }

  /** Counters for tests and diagnostics: frames decoded per remote participant. */
  async stats() {
    const out = { framesDecoded: 0, bytesReceived: 0, bytesSent: 0, iceRestarts: this.restarts,
      totalSamplesReceived: 0, concealedSamples: 0 };
    for (const pc of [this.pub, this.sub]) {
      if (!pc) continue;
      const report = await pc.getStats();
      report.forEach(s => {
        if (s.type === 'inbound-rtp') {
          out.bytesReceived += s.bytesReceived || 0;
          if (s.kind === 'video') out.framesDecoded += s.framesDecoded || 0;
          if (s.kind === 'audio') {
            out.totalSamplesReceived += s.totalSamplesReceived || 0;
            out.concealedSamples += s.concealedSamples || 0;
          }
        }
        if (s.type === 'outbound-rtp') out.bytesSent += s.bytesSent || 0;
      });
    }
    return out;
  }
}

Object.assign(LiveMedia.prototype, receivingAhead); // prepareReceiving, prepareFailed, onOfferUpdate
