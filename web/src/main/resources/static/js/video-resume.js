/*
 * After a dropped media link (see /js/live.js, `videoResumed`): Janus asks our browser to retransmit every video packet
 * lost in the drop (when they are fewer than 160) as soon as it hears us again, and Chromium, which still holds them,
 * sends them ahead of any new video in its pacer, at the rate its bandwidth estimate has just cut: after a 3 s drop
 * that is about a second of sending, and the keyframe the server asked for waits behind it (./lianxin bench drop,
 * BENCHMARKS.md "drop", 2026-12-04). Those packets are useless by then. Switching the video encodings off and on again
 * makes Chromium drop them and start on a keyframe.
 */

const WATCH_MS = 1000;
const POLL_MS = 20;
/** After a restart, what was already on its way out is still counted as retransmitted for a while: not looked at. */
const SETTLE_MS = 120;
const MOST_RESTARTS = 3;

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** The video sender's retransmitted bytes so far (outbound-rtp), or null. */
async function retransmitted(pc) {
  let bytes = null;
  (await pc.getStats()).forEach(s => {
    if (s.type === 'outbound-rtp' && s.kind === 'video') bytes = (bytes || 0) + (s.retransmittedBytesSent || 0);
  });
  return bytes;
}

/**
 * The sender's encodings off, then (after offMs) each back to what it was; with `replace` its track is also taken off
 * (`replaceTrack(null)`) while they are off.
 */
async function offAndOn(sender, was, offMs, replace) {
  const track = sender.track;
  for (const on of [false, true]) {
    if (on && offMs > 0) await sleep(offMs);
    if (on && replace) await sender.replaceTrack(track);
    const p = sender.getParameters();
    p.encodings.forEach((e, i) => { e.active = on && was[i]; });
    await sender.setParameters(p);
    if (!on && replace) await sender.replaceTrack(null);
  }
}

/**
 * For 1 s after the server's `videoResumed`: whenever the publisher connection is seen retransmitting video (polled
 * every 20 ms; not in the 120 ms after a restart), switches its video encodings off and on again (each back to what it
 * was), at most 3 times. The media server's retransmission request may reach the browser after the server's message,
 * and it asks a second time 155 ms after the first for what is still missing (Janus's ice.c, SEQ_NACKED_WAIT),
 * refilling the queue. Resolves to the number of restarts. Never throws. `options` (for measurements, ./lianxin bench
 * drop): `watchMs` and `mostRestarts` in place of the 1 s and 3 restarts, `offMs` how long the encodings stay off
 * (0: switched back on at once), `replace` the track taken off too meanwhile.
 */
export async function restartVideoSending(pc, { watchMs = WATCH_MS, mostRestarts = MOST_RESTARTS, offMs = 0,
  replace = false } = {}) {
  let restarts = 0;
  try {
    const sender = pc && pc.getSenders().find(s => s.track && s.track.kind === 'video');
    if (!sender) return 0;
    const was = (sender.getParameters().encodings || []).map(e => e.active !== false);
    if (!was.some(Boolean)) return 0; // sending no video: nothing queued
    let last = await retransmitted(pc);
    for (const until = Date.now() + watchMs; Date.now() < until && restarts < mostRestarts;) {
      if (pc.connectionState === 'closed') break;
      await sleep(POLL_MS);
      const now = await retransmitted(pc);
      if (now !== null && last !== null && now > last) {
        await offAndOn(sender, was, offMs, replace);
        restarts++;
        await sleep(SETTLE_MS);
        last = await retransmitted(pc);
      } else {
        last = now;
      }
    }
  } catch (e) {
    // the connection closed or renegotiates meanwhile: nothing more to restart
  }
  return restarts;
}
