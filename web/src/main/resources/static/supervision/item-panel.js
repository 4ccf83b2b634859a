/*
 * The open item beside the list (the workplace and the inbox): loads it by id, shows it (item-view.js) with what the
 * user may do (item-actions.js), and after an act shows the new state and tells the list. An id out of the user's
 * reach answers 404, shown as "not found, or not yours" (the server does not say which).
 */
import { get } from '/js/api.js';
import { byId, el } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { markReady, say, sayError, startPage } from '/js/page.js';
import { ITEMS, notFoundOrNotYours } from '/supervision/items.js';
import { itemActions } from '/supervision/item-actions.js';
import { itemView } from '/supervision/item-view.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';
import supervisionMessages from '/i18n/supervision.js';

const $ = byId;

/**
 * Wires #detail-panel (#detail-body, #detail-error, #detail-info, #detail-close). {@code S}: zone.
 * {@code changed(item)} after an act; {@code closed()} when closed; {@code shown(item)} (optional) once shown. Returns {open(id), close(), render(), current()}.
 */
export function itemPanel(S, { changed, closed, shown }) {
  let item = null;
  let actions = null; // kept across language switches: what was typed stays
  $('detail-close').addEventListener('click', close);

  async function open(id) {
    say($('detail-error'), null);
    say($('detail-info'), null);
    $('detail-panel').hidden = false;
    $('detail-body').replaceChildren(el('p', { class: 'muted' }, t('list.loading')));
    try {
      show(await get(ITEMS + '/' + encodeURIComponent(id)));
    } catch (err) {
      item = null;
      actions = null;
      $('detail-body').replaceChildren();
      if (notFoundOrNotYours(err)) say($('detail-error'), () => t('sv.notFoundOrNotYours'));
      else sayError($('detail-error'), err);
    }
    $('detail-title').focus();
  }

  function show(it) {
    item = it;
    actions = itemActions(item, (updated, doneKey) => {
      show(updated);
      say($('detail-info'), () => t(doneKey));
      changed(updated);
    });
    render();
    if (shown) shown(item);
  }

  function render() {
    if (!item) return;
    $('detail-body').replaceChildren(itemView(item, S.zone), actions);
  }

  function close() {
    item = null;
    actions = null;
    $('detail-panel').hidden = true;
    $('detail-body').replaceChildren();
    say($('detail-error'), null);
    say($('detail-info'), null);
    closed();
  }

  return { open: open, close: close, render: render, current: () => item };
}

/**
 * Starts a page of items (the workplace, the inbox): the signed-in frame, who it is (S.me, S.zone, S.offices), the
 * first load of the list, and the item named by ?item=<id> opened.
 */
export async function startItemsPage(S, { renderAll, load, panel }) {
  const page = await startPage({ messages: [commonMessages, errorMessages, supervisionMessages], onLanguageChange: renderAll });
  if (!page) return;
  S.me = page.me;
  S.zone = page.zone;
  S.offices = page.offices;
  renderAll();
  markReady();
  await load();
  const wanted = new URLSearchParams(window.location.search).get('item');
  if (wanted) panel.open(wanted);
}
