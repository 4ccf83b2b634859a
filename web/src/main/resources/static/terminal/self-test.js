/*
 * Step 3 of the kiosk: the camera and microphone self-test. Opens them (/js/devices.js), shows the picture and a
 * level meter, says what is wrong when they cannot be opened, and lets the petitioner go on once they work. The
 * stream it opens (S.stream) is the one the live reception publishes.
 */
import { byId } from '/js/dom.js';
import { levelMeter, openDevices } from '/js/devices.js';
import { t } from '/js/i18n.js';
import { say } from '/js/page.js';

const $ = byId;

/**
 * Wires the retry and next buttons. {@code kiosk}: go(step) of the kiosk.
 * Returns {start(), stop(), stopMeter(), render()}.
 */
export function selfTest(S, kiosk) {
  let stopLevel = null;   // stops the level meter
  let maxLevel = 0;
  let problem = null;     // reason from openDevices
  let checking = false;

  $('devices-retry').addEventListener('click', start);
  $('devices-next').addEventListener('click', () => kiosk.go('notice'));

  async function start() {
    stop();
    problem = null;
    maxLevel = 0;
    say($('devices-error'), null);
    $('devices-next').disabled = true;
    checking = true;
    render();
    try {
      const { stream } = await openDevices();
      if (S.step !== 'devices' && S.step !== 'notice') { stream.getTracks().forEach(tr => tr.stop()); return; }
      S.stream = stream;
      $('self-test-video').srcObject = stream;
      $('self-test-video').play().catch(() => {});
      stopLevel = levelMeter(stream, showLevel);
      $('devices-next').disabled = false;
    } catch (e) {
      problem = e.reason || 'other';
      say($('devices-error'), () => t('devices.problem.' + problem));
    } finally {
      checking = false;
      render();
    }
  }

  function showLevel(level) {
    maxLevel = Math.max(maxLevel, level);
    const meter = $('meter');
    meter.setAttribute('aria-valuenow', String(level));
    meter.dataset.level = String(level);
    meter.dataset.max = String(maxLevel);
    $('meter-fill').style.width = level + '%';
    if (maxLevel > 5 && !meter.dataset.heard) { meter.dataset.heard = 'true'; render(); }
  }

  function render() {
    const box = $('devices-status');
    if (checking) box.textContent = t('kiosk.devices.checking');
    else if (problem) box.textContent = '';
    else if (S.stream) box.textContent = $('meter').dataset.heard ? t('kiosk.devices.ok') : t('kiosk.devices.speak');
    else box.textContent = '';
    // no picture: the box says so instead of staying black
    const empty = $('preview-empty');
    empty.hidden = !problem;
    empty.textContent = problem ? t('kiosk.devices.noPicture') : '';
  }

  /** Stops the level meter (the camera stays on). */
  function stopMeter() {
    if (stopLevel) { stopLevel(); stopLevel = null; }
  }

  /** Stops the meter, and the camera and microphone unless the live session publishes them. */
  function stop() {
    stopMeter();
    if (S.live) return; // the live session publishes this stream
    if (S.stream) { S.stream.getTracks().forEach(tr => tr.stop()); S.stream = null; }
    $('self-test-video').srcObject = null;
    delete $('meter').dataset.heard;
  }

  return { start: start, stop: stop, stopMeter: stopMeter, render: render };
}
