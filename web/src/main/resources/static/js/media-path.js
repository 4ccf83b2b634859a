/*
 * Watches the media path of a live session (its publisher and subscriber RTCPeerConnections) and says when it is lost
 * and when it works again, so that the page can tell the person in words (the kiosk: "the video link is lost, staff
 * are told") and the server can tell the staff why (signaling `mediaPath`, passed on as `participantMediaPath`).
 *
 * Lost: a connection that was up has not been (ICE `disconnected` or `failed`) for LOST_AFTER_MS — ICE consent
 * checks notice a dead path in a few seconds, while `failed` comes only after about 30 s —, or a new connection has
 * not come up within NEVER_UP_AFTER_MS. Back: every connection there is is up again. The route (`relay` through the
 * TURN server, `direct`, or `unknown` before any connection came up) comes from the selected candidate pair of
 * getStats when a connection comes up.
 */

export const LOST_AFTER_MS = 5000;
export const NEVER_UP_AFTER_MS = 15000;

const UP = new Set(['connected', 'completed']);

/** The route of the connection's selected candidate pair: 'relay', 'direct' or 'unknown'. */
export async function routeOf(pc) {
  try {
    const report = await pc.getStats();
    let pair = null;
    report.forEach(s => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pair = report.get(s.selectedCandidatePairId) || pair;
    });
    if (!pair) report.forEach(s => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
    const local = pair && report.get(pair.localCandidateId);
    if (!local) return 'unknown';
    return local.candidateType === 'relay' ? 'relay' : 'direct';
  } catch (e) {
    return 'unknown';
  }
}

export class MediaPathWatch {
  /**
   * @param media     the LiveMedia (its pub and sub connections)
   * @param onChange  called with (ok, route) when the path is lost (ok false) and when it works again (ok true)
   */
  constructor(media, onChange) {
    this.media = media;
    this.onChange = onChange;
    this.lost = false;
    this.route = 'unknown';
    this.timer = setInterval(() => this.check(), 1000);
  }

  check() {
    const pcs = [this.media.pub, this.media.sub].filter(pc => pc && pc.signalingState !== 'closed');
    if (!pcs.length) return;
    const now = Date.now();
    let bad = false;
    let allUp = true;
    for (const pc of pcs) {
      if (!pc.lxBorn) pc.lxBorn = now;
      if (UP.has(pc.iceConnectionState)) {
        pc.lxDownSince = 0;
        if (!pc.lxWasUp) {
          pc.lxWasUp = true;
          routeOf(pc).then(r => { if (r !== 'unknown') this.route = r; });
        }
        continue;
      }
      allUp = false;
      if (pc.lxWasUp) {
        if (!pc.lxDownSince) pc.lxDownSince = now;
        if (now - pc.lxDownSince >= LOST_AFTER_MS) bad = true;
      } else if (now - pc.lxBorn >= NEVER_UP_AFTER_MS) {
        bad = true;
      }
    }
    if (bad && !this.lost) {
      this.lost = true;
      this.onChange(false, this.route);
    } else if (allUp && this.lost) {
      this.lost = false;
      this.onChange(true, this.route);
    }
  }

  stop() {
    clearInterval(this.timer);
  }
}
