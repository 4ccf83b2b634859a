// Shared by the join-bench pages: times since navigation start (performance.now()) of each step,
// and the first decoded remote video frame (requestVideoFrameCallback, or getStats framesDecoded > 0
// polled every 10 ms, whichever comes first).
window.lx = { t: {}, firstFrame: null, errors: [], answered: false, feed: null };
window.mark = k => { if (!(k in lx.t)) lx.t[k] = Math.round(performance.now() * 10) / 10; };
window.gathered = pc => new Promise(resolve => {
  if (pc.iceGatheringState === 'complete') return resolve();
  pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
  // with TURN (bench relay), as the product does: a relay candidate is enough, the rest trickle
  pc.addEventListener('icecandidate', ev => {
    if (ev.candidate && / typ relay /.test(ev.candidate.candidate)) { mark('relayCandidate'); resolve(); }
  });
  setTimeout(resolve, 3000);
});
// the product's answer to a receiving connection's offer (/js/live-media.js firstCandidate): at the first candidate
window.firstCandidate = pc => new Promise(resolve => {
  if (pc.iceGatheringState === 'complete') return resolve();
  pc.addEventListener('icegatheringstatechange', () => { if (pc.iceGatheringState === 'complete') resolve(); });
  pc.addEventListener('icecandidate', ev => { if (ev.candidate) resolve(); });
  setTimeout(resolve, 100);
});
// the browser's own time of the presented frame's decode (rVFC metadata: its last packet's arrival + the time to
// decode it), whenever the callback runs; a step `decoded` (ms since navigation start), for benches that use it
const decodedAt = m => {
  if (!m || !m.receiveTime || 'decoded' in lx.t) return;
  lx.t.decoded = Math.round((m.receiveTime + (m.processingDuration || 0) * 1000) * 10) / 10;
};
window.watchFirstFrame = pc => {
  const done = how => { if (lx.firstFrame === null) { lx.firstFrame = performance.now(); lx.firstFrameBy = how; } };
  pc.addEventListener('iceconnectionstatechange', () => {
    if (pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed') mark('iceConnected');
  });
  pc.ontrack = e => {
    mark('track-' + e.track.kind);
    if (e.track.kind !== 'video') return;
    const v = document.createElement('video');
    v.autoplay = true; v.muted = true; v.playsInline = true;
    v.srcObject = new MediaStream([e.track]);
    document.body.appendChild(v);
    if (v.requestVideoFrameCallback) v.requestVideoFrameCallback((now, m) => { decodedAt(m); done('rVFC'); });
  };
  const poll = setInterval(async () => {
    if ('statsDecoded' in lx.t) return clearInterval(poll); // polled on after the first frame, for its report's time
    try {
      (await pc.getStats()).forEach(s => {
        if (s.type === 'inbound-rtp' && s.kind === 'video' && s.framesDecoded > 0) {
          // when the report saying so was collected (Chromium keeps a report 50 ms): decoded by then at the latest
          if (!('statsDecoded' in lx.t)) lx.t.statsDecoded = Math.round((s.timestamp - performance.timeOrigin) * 10) / 10;
          done('getStats');
        }
      });
    } catch (e) { /* closed */ }
  }, 10);
};
// iceServers: the TURN servers of `joined` where the page is relayed (bench drop's county page); none by default
window.publishCamera = async (iceServers) => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 480 } });
  const pc = new RTCPeerConnection({ iceServers: iceServers || [] });
  stream.getAudioTracks().forEach(t => pc.addTrack(t, stream));
  stream.getVideoTracks().forEach(t => pc.addTrack(t, stream));
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  window.pub = pc;
  return pc;
};
