/*
 * The unit's inbox (待办督办事项): the items assigned to the signed-in user's own office (never an office below or
 * beside it), by state, overdue first, each with its deadline and countdown; an item opened beside the list with its
 * history and what the unit does next: 签收, progress notes, the one extension, the reply with attachments and the
 * completion report. ?item=<id> opens one at once.
 */
import { get } from '/js/api.js';
import { byId } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { DEFAULT_ZONE, repaintMessages, say, sayError } from '/js/page.js';
import { INBOX } from '/supervision/items.js';
import { itemPanel, startItemsPage } from '/supervision/item-panel.js';
import { renderItemRows, renderStateFilter } from '/supervision/item-list.js';
import { renderNav } from '/js/nav.js';

const $ = byId;
const S = { me: null, zone: DEFAULT_ZONE, state: '', items: null, counts: null };

const panel = itemPanel(S, { changed: () => load(), closed: () => renderList() });

async function start() {
  $('list-refresh').addEventListener('click', () => load());
  await startItemsPage(S, { renderAll: renderAll, load: load, panel: panel });
}

function renderAll() {
  renderNav($('nav'), S.me, 'inbox');
  renderList();
  panel.render();
  repaintMessages();
}

/** The chosen state's items, and the count of every state (the inbox is one unit's: small). */
async function load() {
  $('list-status').textContent = t('list.loading');
  say($('list-error'), null);
  try {
    const all = await get(INBOX);
    const items = all.items || [];
    S.counts = { ALL: items.length, OVERDUE: items.filter(i => i.overdue).length };
    for (const i of items) S.counts[i.state] = (S.counts[i.state] || 0) + 1;
    S.items = items.filter(i => !S.state || (S.state === 'OVERDUE' ? i.overdue : i.state === S.state));
    $('list-status').textContent = '';
  } catch (err) {
    S.items = [];
    $('list-status').textContent = '';
    sayError($('list-error'), err);
  }
  renderList();
}

function renderList() {
  renderStateFilter($('state-filter'), S.state, S.counts, (state) => { S.state = state; load(); });
  const open = panel.current();
  renderItemRows($('items'), S.items || [], { open: (item) => panel.open(item.id), openId: open ? open.id : null, showUnit: false });
  $('list-empty').hidden = !(S.items && S.items.length === 0);
}

start();
