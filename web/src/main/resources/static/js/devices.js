/*
 * Camera and microphone, for the kiosk's self-test and the console's room: open them with a reason a person can be
 * told when that fails, and a level meter on the microphone. Messages in /i18n/live.js (devices.problem.<reason>).
 */

/**
 * Opens camera and microphone. Resolves {stream} or rejects with an Error whose `reason` is
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
