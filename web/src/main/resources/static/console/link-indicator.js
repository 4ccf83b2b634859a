/*
 * A participant's link quality on its tile in the console: signal bars (three for good, two for poor, one for bad)
 * and the level in words — never colour alone — with the browser's numbers (loss, round trip, kbit/s, freezes) in a
 * tooltip on hover and keyboard focus and in the accessible description. From the `link` events of LiveSession.
 */
import { el } from '/js/dom.js';
import { t } from '/js/i18n.js';

const BARS = { good: 3, poor: 2, bad: 1 };
let ids = 0;

function bars(level) {
  const n = BARS[level] || 0;
  let svg = '';
  for (let i = 0; i < 3; i++) {
    const h = 6 + i * 5;
    svg += '<rect x="' + (3 + i * 7) + '" y="' + (21 - h) + '" width="5" height="' + h + '" rx="1"'
      + (i < n ? ' fill="currentColor"' : ' fill="none"') + '/>';
  }
  const span = el('span', { class: 'icon', 'aria-hidden': 'true' });
  span.innerHTML = '<svg viewBox="0 0 24 24" width="18" height="18" stroke="currentColor" stroke-width="1.5">' + svg
    + '</svg>';
  return span;
}

/** The numbers of a link report in the page's language. */
export function linkDetail(link) {
  const rtt = link.rttMs === null || link.rttMs === undefined ? t('live.link.rttUnknown')
    : t('live.link.rttMs', { ms: link.rttMs });
  const loss = Math.max(Number(link.lossPercent) || 0, Number(link.sendLossPercent) || 0);
  return t('live.link.detail', { loss: loss, rtt: rtt, in: link.inKbps, out: link.outKbps,
    freezes: link.freezes });
}

/**
 * Shows one participant's last link report in {@code slot} (an element of its tile), updating the indicator in place
 * so that keyboard focus and a hover stay on it as reports come; empty when no report came yet.
 * @param link   {level, lossPercent, rttMs, inKbps, outKbps, freezes}, or null
 */
export function renderLink(slot, link) {
  if (!link || !BARS[link.level]) {
    slot.replaceChildren();
    return;
  }
  let box = slot.querySelector('.link-quality');
  if (!box) {
    const detailId = 'link-detail-' + (++ids);
    box = el('span', { class: 'link-quality', 'data-testid': 'link-quality', tabindex: '0',
      'aria-describedby': detailId },
    el('span', { class: 'icon-slot' }),
    el('span', { class: 'link-words', 'data-testid': 'link-words' }),
    el('span', { class: 'link-detail', id: detailId, role: 'tooltip', 'data-testid': 'link-detail' }));
    slot.replaceChildren(box);
  }
  const words = t('live.link.' + link.level);
  if (box.dataset.level !== link.level) {
    box.dataset.level = link.level;
    box.querySelector('.icon-slot').replaceChildren(bars(link.level));
  }
  // no name in the label: the indicator sits in the participant's tile, whose name is data (translate="no")
  box.setAttribute('aria-label', t('live.link.label', { level: words }));
  box.querySelector('.link-words').textContent = words;
  box.querySelector('.link-detail').textContent = linkDetail(link);
}
