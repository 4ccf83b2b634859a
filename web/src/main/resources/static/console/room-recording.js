/*
 * Whether the open room is being recorded, in the room head: "● 录制中" exactly while the recording runs — not
 * before the petitioner is admitted, not after the end. The truth is the recorder's: while the room is live this
 * asks GET /api/v1/recordings?bookingId= (or consultationId=) every few seconds, and at once when the room changes
 * (someone admitted, the session over), and shows the mark while one of them is RECORDING. Someone who may not see
 * the session's recordings (an official invited from a department) is told what the room says: a reception is
 * recorded from the petitioner's admission to the end. A consultation's host also has the Record switch
 * (PUT /api/v1/consultations/{id}/recording). Follows the room panel (room.js) through its onRender().
 */
import { api, errorMessage, get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';

const $ = byId;
const API = '/api/v1/consultations';
const POLL_MS = 3000;
const LIVE = ['inSession', 'reconnecting'];

/**
 * Follows the room panel {@code room}. {@code consultations}: joined() — the consultation whose room is open, if
 * any — and isHostOf(consultation). Returns {render()}.
 */
export function roomRecording(room, { joined, isHostOf }) {
  let busy = false;
  let error = null;
  const R = {
    key: null,              // which session's recordings are followed: "bookingId=…" or "consultationId=…"
    rows: null,             // its recordings as last read (those this user may see), null before the first answer
    petitionerSeen: false,  // a petitioner was admitted while we were in the room
    timer: null,
    inflight: false,
    polls: 0
  };

  room.onRender(update);

  function keyOf(current) {
    if (!current) return null;
    if (current.consultationId != null) return 'consultationId=' + encodeURIComponent(current.consultationId);
    if (current.bookingId != null) return 'bookingId=' + encodeURIComponent(current.bookingId);
    return null;
  }

  function live() {
    const current = room.current();
    return !!current && !$('room-panel').hidden && LIVE.includes(room.state().status) && !room.state().finished;
  }

  /** After every render of the room panel: what to follow, whether to ask the recorder, then the mark. */
  function update() {
    const key = keyOf(room.current());
    if (key !== R.key) {
      stopPolling();
      R.key = key;
      R.rows = null;
      R.petitionerSeen = false;
      R.polls = 0;
      error = null;
    }
    if (live()) {
      const admitted = room.state().participants.some(p => p.role === 'petitioner');
      if (admitted && !R.petitionerSeen) { R.petitionerSeen = true; poll(); }
      if (!R.timer && R.key) { R.timer = setInterval(poll, POLL_MS); poll(); }
    } else {
      stopPolling();
    }
    render();
  }

  function stopPolling() {
    if (R.timer) { clearInterval(R.timer); R.timer = null; }
  }

  async function poll() {
    if (R.inflight || !R.key) return;
    const key = R.key;
    R.inflight = true;
    try {
      const rows = await get('/api/v1/recordings?' + key);
      if (R.key === key) R.rows = rows || [];
    } catch (e) {
      // keep what was known; the next poll asks again
    } finally {
      R.inflight = false;
      if (R.key === key) { R.polls++; render(); }
    }
  }

  /** Whether the session is being recorded now, as far as this user can know. */
  function running() {
    const current = room.current();
    if (!current || !live()) return false;
    if (R.rows && R.rows.length) return R.rows.some(r => r.status === 'RECORDING');
    // no recording this user may see (yet): a reception is recorded from the petitioner's admission to the end
    return current.consultationId == null && R.petitionerSeen;
  }

  function area() {
    let box = $('rec-area');
    if (!box) {
      const head = document.querySelector('#room-panel .room-head');
      if (!head) return null;
      box = el('div', { id: 'rec-area', class: 'rec-area', 'data-testid': 'rec-area', role: 'status' });
      head.insertBefore(box, head.querySelector('.room-actions'));
    }
    return box;
  }

  function render() {
    const box = area();
    if (!box) return;
    const current = room.current();
    box.replaceChildren();
    const on = running();
    box.dataset.recording = on ? 'true' : 'false';
    box.dataset.polls = String(R.polls);
    if (!current || $('room-panel').hidden) return;
    if (on) {
      box.appendChild(el('span', { class: 'rec-badge', 'data-testid': 'rec-badge' },
        el('span', { class: 'rec-dot', 'aria-hidden': 'true' }), t('rec.badge')));
    }
    const consultation = joined() && current.consultationId === joined().id ? joined() : null;
    if (consultation && isHostOf(consultation) && consultation.state === 'OPEN' && !room.state().finished) {
      box.appendChild(el('label', { class: 'inline', 'data-testid': 'rec-toggle-label' },
        el('input', { type: 'checkbox', id: 'rec-toggle', 'data-testid': 'rec-toggle', checked: !!consultation.recording,
          disabled: busy, onchange: (e) => setRecording(consultation, e.target.checked) }),
        ' ' + t('consult.recordToggle')));
    }
    if (error) {
      box.appendChild(el('span', { class: 'message err small', 'data-testid': 'rec-error' }, errorMessage(error)));
    }
  }

  async function setRecording(c, on) {
    busy = true;
    error = null;
    render();
    try {
      const r = await api('PUT', API + '/' + c.id + '/recording', { on: on });
      c.recording = !!r.recording;
    } catch (err) {
      error = err;
    }
    busy = false;
    room.render(); // the room head says whether it is recorded
    poll();
  }

  return { render: render };
}
