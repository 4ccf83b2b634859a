/*
 * The console's buttons that a render must not replace: the lobby's "admit" and a tile's host controls (mute audio,
 * mute video, remove). The room panel draws itself again on every event (a stats report, a track muted by a stalled
 * network), often several times a second on a busy machine; a button re-created by each draw loses a click whose
 * press and release fall on either side of one. These keep each button for as long as what it acts on is there and
 * change only its words, state and action.
 */
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';

/**
 * The lobby's list: one item per waiting participant (kept while it waits, in the list's order), or the "nobody
 * waits" line.
 * @param list     the <ul>
 * @param waiting  [{id, …}]
 * @param how      {describe(p) → nodes (name, matter, role…), drawn(p) → a string of what describe shows (the row is
 *                 drawn again only when it changes; without it, always), admit: (p) => void, or null when this user may not}
 */
export function renderWaitingList(list, waiting, how) {
  const ids = new Set(waiting.map(p => p.id));
  for (const li of [...list.children]) {
    if (li.dataset.participantId ? !ids.has(li.dataset.participantId) : waiting.length) li.remove();
  }
  if (!waiting.length) {
    const empty = t('console.lobbyEmpty');
    if (list.children.length !== 1 || list.firstElementChild.textContent !== empty) {
      list.replaceChildren(el('li', { class: 'muted', text: empty }));
    }
    return;
  }
  waiting.forEach((p, index) => {
    let li = [...list.children].find(c => c.dataset.participantId === p.id);
    if (!li) li = el('li', { 'data-testid': 'waiting', dataset: { participantId: p.id } });
    let button = li.querySelector('[data-testid=admit]');
    if (how.admit) {
      if (!button) button = el('button', { type: 'button', class: 'primary', 'data-testid': 'admit' });
      button.onclick = () => how.admit(p);
      setText(button, t('console.admit'));
    } else {
      button = null;
    }
    // the row is drawn again only when what it says changed (how.drawn(p): its words)
    const drawn = how.drawn ? how.drawn(p) + '|' + !!button + '|' + t('console.admit') : null;
    if (drawn === null || li.dataset.drawn !== drawn || (button && button.parentNode !== li)) {
      li.replaceChildren(...how.describe(p).filter(Boolean), ...(button ? [button] : []));
      if (drawn !== null) li.dataset.drawn = drawn;
    }
    if (list.children[index] !== li) list.insertBefore(li, list.children[index] || null); // in the list's order
  });
}

/**
 * A tile's host controls, or none.
 * @param controls  the tile's controls element
 * @param state     {audioMuted, videoMuted, toggle(kind, muted), remove()}, or null for no controls
 * @param icon      (kind, off) → a decorative icon element
 */
export function renderHostControls(controls, state, icon) {
  if (!state) {
    controls.replaceChildren();
    return;
  }
  let [audio, video, remove] = ['mute-audio', 'mute-video', 'remove']
    .map(id => controls.querySelector('[data-testid=' + id + ']'));
  if (!audio || !video || !remove) {
    audio = el('button', { type: 'button', 'data-testid': 'mute-audio' });
    video = el('button', { type: 'button', 'data-testid': 'mute-video' });
    remove = el('button', { type: 'button', class: 'danger', 'data-testid': 'remove' });
    controls.replaceChildren(audio, video, remove);
  }
  toggle(audio, 'audio', state.audioMuted, state.audioMuted ? 'console.unmuteAudio' : 'console.muteAudio', icon);
  toggle(video, 'video', state.videoMuted, state.videoMuted ? 'console.unmuteVideo' : 'console.muteVideo', icon);
  audio.onclick = () => state.toggle('audio', state.audioMuted);
  video.onclick = () => state.toggle('video', state.videoMuted);
  remove.onclick = () => state.remove();
  setText(remove, t('console.remove'));
}

function toggle(button, kind, muted, key, icon) {
  button.setAttribute('aria-pressed', muted ? 'true' : 'false');
  const shown = kind + '|' + muted + '|' + t(key);
  if (button.dataset.shown === shown) return;
  button.dataset.shown = shown;
  button.replaceChildren(icon(kind, muted), t(key));
}

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}
