/*
 * The receiving connection made ahead (issue 10, instant admission), a part of LiveMedia (/js/live-media.js): as soon
 * as our publisher is up — in the lobby, or on entering the session — we ask the server for our subscriber connection
 * (`prepareReceive`). It carries our own feed, of which the media server sends nothing, so its ICE and DTLS are done
 * before there is anyone to receive; the server's `offer` for it has no streams. A subscription then only adds
 * streams to it: the server answers `subscribe` with `offerUpdate`, a renegotiation of the same RTCPeerConnection.
 */
export const receivingAhead = {

  /**
   * Asks for the subscriber connection before anyone is to be received (once our feed exists on the server). With
   * `replace`, also when we have one: the server's offer for the new one replaces it (onOffer).
   */
  prepareReceiving(replace = false) {
    const session = this.session;
    if ((this.sub && !replace) || this.subscribing || this.noPrepare || session.finished) return;
    // it carries our own feed: only once our publisher is up
    if (!this.pub || this.pub.connectionState !== 'connected') return;
    if (session.status !== 'lobby' && session.status !== 'inSession') return;
    if (session.send({ type: 'prepareReceive' })) {
      this.preparing = true;
      this.subscribing = true; // a subscribe waits for its offer (then it only adds streams to the connection)
    }
  },

  /**
   * The server could not make it (422; our feed may not be up there yet): asked again in a moment, twice; after
   * that subscriptions make their own connection, as before.
   */
  prepareFailed() {
    this.preparing = false;
    this.subscribing = false;
    this.prepareRefusals = (this.prepareRefusals || 0) + 1;
    if (this.prepareRefusals > 2) this.noPrepare = true;
    else setTimeout(() => { if (!this.subscribedTo) this.prepareReceiving(); }, 500);
    if (this.resubscribe) { this.resubscribe = false; this.updateSubscription(); }
  },

  /**
   * The server changed the subscription on our existing subscriber connection: the same RTCPeerConnection takes
   * the new offer (no new ICE or DTLS), and `streams` says whose medium is on which mid now. Without an SDP the
   * server had nothing to renegotiate.
   */
  /**
   * Streams held paused on the connection before an admission (the server said nothing of whose they were, and the
   * media server sent nothing on them) are now named in `streams`: their tracks, there since that earlier offer, are
   * shown now (no `track` event comes for them again).
   */
  attachHeld(pc) {
    for (const t of pc.getTransceivers()) {
      const owner = t.mid != null && this.midOwner.get(String(t.mid));
      if (!owner || !t.receiver || !t.receiver.track) continue;
      const stream = this.streams.get(owner);
      if (stream && stream.getTracks().includes(t.receiver.track)) continue;
      this.onTrack({ transceiver: t, track: t.receiver.track });
    }
  },

  async onOfferUpdate(msg) {
    const pc = this.sub;
    try {
      if (!pc || pc.signalingState === 'closed') { // ours is gone: a new one made ahead (once our feed is up)
        this.subscribedTo = '';
        this.stale = true;
        return;
      }
      this.midOwner.clear();
      const owners = new Set();
      for (const s of msg.streams || []) { this.midOwner.set(String(s.mid), s.participantId); owners.add(s.participantId); }
      for (const id of [...this.streams.keys()]) if (!owners.has(id)) this.dropStream(id);
      if (!msg.sdp) { this.attachHeld(pc); return; }
      await pc.setRemoteDescription({ type: 'offer', sdp: msg.sdp });
      await pc.setLocalDescription(await pc.createAnswer());
      if (this.sub !== pc) return;
      this.session.send({ type: 'answer', sdp: pc.localDescription.sdp });
      this.attachHeld(pc);
    } catch (e) {
      console.error('live: subscription update refused', e);
      this.session.fail(403, 'MEDIA_SUBSCRIBE_FAILED', String(e && e.message || e), false);
    } finally {
      this.subscribing = false;
      if (this.stale) { this.stale = false; this.resubscribe = false; this.prepareReceiving(); }
      else if (this.resubscribe) { this.resubscribe = false; this.updateSubscription(); }
    }
  }
};
