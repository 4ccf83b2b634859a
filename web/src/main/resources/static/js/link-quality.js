/*
 * How this page's media links are doing, measured from getStats every 2 s and reported to the server
 * (`linkReport`: lossPercent, sendLossPercent, rttMs, inKbps, outKbps, freezes), which judges it good / poor / bad,
 * tells this page and the room's hosts (`linkQuality`, the event `link` of LiveSession) and picks the video layer this
 * page receives (simulcast) by what it receives. The numbers are the browser's own:
 *   lossPercent      packets lost of what we receive (subscriber inbound-rtp); 100 when the subscriber's ICE is
 *                    disconnected (nothing arrives)
 *   sendLossPercent  the fraction of what we send that the media server says it lost (publisher remote-inbound-rtp)
 *   rttMs        the selected candidate pair's currentRoundTripTime (else remote-inbound-rtp roundTripTime)
 *   inKbps, outKbps   bytes received / sent over the period
 *   freezes      freezeCount of received video over the period
 * A part of LiveSession (/js/live.js); it reads the session's peer connections (media.pub, media.sub).
 */

export const LINK_REPORT_MS = 2000;
/** The server refuses reports less than 1 s apart (error 106): a late measurement is never sent closer than this. */
const MIN_GAP_MS = 1200;

/** Sums the counters of one peer connection's report that the link summary needs. */
function countersOf(report, into) {
  let rtt = null;
  report.forEach(s => {
    if (s.type === 'inbound-rtp') {
      into.received += s.packetsReceived || 0;
      into.lost += Math.max(0, s.packetsLost || 0);
      into.bytesIn += s.bytesReceived || 0;
      if (s.kind === 'video') into.freezes += s.freezeCount || 0;
    } else if (s.type === 'outbound-rtp') {
      into.bytesOut += s.bytesSent || 0;
    } else if (s.type === 'remote-inbound-rtp') {
      if (typeof s.fractionLost === 'number') into.remoteLoss = Math.max(into.remoteLoss, s.fractionLost * 100);
      if (typeof s.roundTripTime === 'number' && rtt === null) rtt = s.roundTripTime;
    } else if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded'
      && typeof s.currentRoundTripTime === 'number') {
      rtt = s.currentRoundTripTime;
    }
  });
  if (rtt !== null) into.rtt = into.rtt === null ? rtt : Math.max(into.rtt, rtt);
}

/** The summary of one period from two samples of the counters (null if there is no earlier sample). */
export function summary(prev, now) {
  if (!prev) return null;
  const seconds = Math.max(0.001, (now.at - prev.at) / 1000);
  const received = Math.max(0, now.received - prev.received);
  const lost = Math.max(0, now.lost - prev.lost);
  let loss = received + lost > 0 ? lost * 100 / (received + lost) : 0;
  if (now.cut) loss = 100;
  const kbps = (bytes) => Math.min(1000000, Math.max(0, Math.round(bytes * 8 / 1000 / seconds)));
  return {
    lossPercent: Math.min(100, Math.round(loss * 10) / 10),
    sendLossPercent: Math.min(100, Math.round(now.remoteLoss * 10) / 10),
    rttMs: now.rtt === null ? null : Math.min(60000, Math.round(now.rtt * 1000)),
    inKbps: kbps(now.bytesIn - prev.bytesIn),
    outKbps: kbps(now.bytesOut - prev.bytesOut),
    freezes: Math.min(10000, Math.max(0, now.freezes - prev.freezes))
  };
}

export class LinkMeter {
  /** @param session the LiveSession: media.pub, media.sub, status, finished, send(msg) */
  constructor(session, everyMs) {
    this.session = session;
    this.everyMs = everyMs || LINK_REPORT_MS;
    this.prev = null;
    this.subPc = null; // counters restart with each subscriber connection: start the period afresh
    this.pubPc = null;
    this.timer = null;
    this.busy = false;
    this.sentAt = 0;
  }

  start() {
    if (this.timer) return;
    this.timer = setInterval(() => this.measure(), this.everyMs);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.prev = null;
  }

  async sample() {
    const media = this.session.media;
    const out = { at: performance.now(), received: 0, lost: 0, bytesIn: 0, bytesOut: 0, freezes: 0, remoteLoss: 0,
      rtt: null, cut: false };
    for (const pc of [media.pub, media.sub]) {
      if (!pc || pc.signalingState === 'closed') continue;
      countersOf(await pc.getStats(), out);
    }
    out.cut = !!media.sub && ['disconnected', 'failed'].includes(media.sub.iceConnectionState);
    return out;
  }

  async measure() {
    const session = this.session;
    if (session.finished) return this.stop();
    if (this.busy || !['inSession', 'lobby'].includes(session.status)) return;
    const media = session.media;
    if (!media.pub && !media.sub) { this.prev = null; return; }
    this.busy = true;
    try {
      if (media.sub !== this.subPc || media.pub !== this.pubPc) { // new connections: their counters start at 0
        this.subPc = media.sub;
        this.pubPc = media.pub;
        this.prev = null;
      }
      const now = await this.sample();
      const s = summary(this.prev, now);
      this.prev = now;
      const at = performance.now();
      if (s && at - this.sentAt >= MIN_GAP_MS && session.send(Object.assign({ type: 'linkReport' }, s))) {
        this.sentAt = at;
      }
    } catch (e) {
      console.warn('live: link measurement failed', e);
    } finally {
      this.busy = false;
    }
  }
}
