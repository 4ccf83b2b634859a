/*
 * Whether the open room is recorded, in the room head: a reception always is (a permanent red badge); a
 * consultation when its host turned recording on, and the host has a Record toggle calling
 * PUT /api/v1/consultations/{id}/recording. The room panel (room.js) re-renders the room head on every change
 * (title, status); this follows it through a MutationObserver so the room panel needs no code of ours.
 */
import { api, errorMessage } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';

const $ = byId;
const API = '/api/v1/consultations';
const REC_STYLE = 'display:inline-block;padding:2px 10px;border-radius:10px;background:#d93025;color:#fff;'
  + 'font-weight:600;font-size:.9em;';

/**
 * Follows the room panel {@code room}. {@code consultations}: joined() — the consultation whose room is open, if
 * any — and isHostOf(consultation). Returns {render()}.
 */
export function roomRecording(room, { joined, isHostOf }) {
  let busy = false;
  let error = null;
  let shown = null; // which room the area was last shown for (an error is forgotten when that changes)

  follow();

  function area() {
    let box = $('rec-area');
    if (!box) {
      box = el('div', { id: 'rec-area', class: 'rec-area', 'data-testid': 'rec-area',
        style: 'display:flex;align-items:center;gap:8px;flex-wrap:wrap;' });
      const head = document.querySelector('#room-panel .room-head');
      const actions = head && head.querySelector('.room-actions');
      if (!head) return null;
      head.insertBefore(box, actions);
    }
    return box;
  }

  function render() {
    const box = area();
    if (!box) return;
    const current = room.current();
    box.replaceChildren();
    if (!current || $('room-panel').hidden) return;
    const consultation = joined() && current.consultationId === joined().id ? joined() : null;
    const on = consultation ? !!consultation.recording : true; // a reception is always recorded
    if (on) {
      box.appendChild(el('span', { class: 'rec-badge', 'data-testid': 'rec-badge', role: 'status', style: REC_STYLE },
        '● ' + t('rec.badge')));
    }
    if (consultation && isHostOf(consultation) && consultation.state === 'OPEN') {
      box.appendChild(el('label', { class: 'inline', 'data-testid': 'rec-toggle-label' },
        el('input', { type: 'checkbox', id: 'rec-toggle', 'data-testid': 'rec-toggle', checked: on, disabled: busy,
          onchange: (e) => setRecording(consultation, e.target.checked) }),
        ' ' + t('consult.recordToggle')));
    }
    if (error) {
      box.appendChild(el('span', { class: 'message err small', 'data-testid': 'rec-error', style: 'margin:0;padding:2px 8px;' },
        errorMessage(error)));
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
    const current = room.current();
    if (current && current.sub) $('room-sub').textContent = current.sub();
    render();
  }

  function follow() {
    const panel = $('room-panel');
    const title = $('room-title');
    if (!panel || !title) return;
    const observer = new MutationObserver(() => {
      const current = room.current();
      const key = current ? (current.consultationId ? 'c' + current.consultationId : 'b') + ':' + panel.hidden : 'none';
      if (key !== shown) { error = null; shown = key; }
      render();
    });
    observer.observe(panel, { attributes: true, attributeFilter: ['hidden'] });
    observer.observe(title, { childList: true, characterData: true, subtree: true });
  }

  return { render: render };
}
