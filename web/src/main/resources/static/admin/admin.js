/*
 * Reception hours (接访时间管理): administrators and schedulers choose a leader or department official in their
 * jurisdiction and edit the weekly reception windows and the blocked periods (meetings, leave, holidays); the free
 * slots of the next seven days show at once what can be booked. A leader or official sees only their own hours.
 * This module starts the page, holds the page state `S` and wires the parts: people-list.js, window-editor.js,
 * blocked-periods.js, free-slots-preview.js. Everything shown is rebuilt from the state, so the language switch
 * re-renders it (a window being edited keeps its values).
 */
import { get } from '/js/api.js';
import { byId } from '/js/dom.js';
import { t } from '/js/i18n.js';
import { DEFAULT_ZONE, markReady, officeName, repaintMessages, say, startPage } from '/js/page.js';
import { blockedPeriods } from '/admin/blocked-periods.js';
import { freeSlotsPreview } from '/admin/free-slots-preview.js';
import { peopleList } from '/admin/people-list.js';
import { problemText, withName } from '/admin/texts.js';
import { windowEditor } from '/admin/window-editor.js';
import adminMessages from '/i18n/admin.js';
import commonMessages from '/i18n/common.js';
import errorMessages from '/i18n/errors.js';

const $ = byId;

const S = {
  me: null,
  offices: new Map(),
  zone: DEFAULT_ZONE,
  people: [],        // officials the user may edit
  chosen: null,      // the official being edited
  calendar: null,    // its calendar: zone, slot settings, windows, blocks
  draft: [],         // the windows as being edited: {day, start, end}
  dirty: false,      // the draft differs from what is saved
  slots: null        // free slots of the next seven days, or null while loading
};

const slots = freeSlotsPreview(S);
const windows = windowEditor(S, { saved: () => { renderEditor(); slots.load(); } });
const blocks = blockedPeriods(S, { changed: () => { blocks.render(); slots.load(); } });
const people = peopleList(S, { picked: (official) => open(official) });

async function start() {
  const page = await startPage({ messages: [commonMessages, errorMessages, adminMessages], onLanguageChange: renderAll });
  if (!page) return;
  S.me = page.me;
  S.offices = page.offices;
  S.zone = page.zone;
  await people.load();
  renderAll();
  markReady();
}

/** Opens an official's calendar in the editor. */
async function open(official) {
  if (S.dirty && S.chosen && S.chosen.id !== official.id && !window.confirm(t('admin.windows.discard'))) return;
  S.chosen = official;
  S.calendar = null;
  S.slots = null;
  people.render();
  [$('editor-error'), $('windows-ok'), $('windows-error'), $('blocks-ok'), $('blocks-error')]
    .forEach(box => say(box, null));
  try {
    S.calendar = await get('/api/v1/officials/' + official.id + '/calendar');
  } catch (err) {
    say($('editor-error'), () => problemText(err));
    renderEditor();
    return;
  }
  S.draft = S.calendar.windows.map(w => ({ day: w.day, start: w.start, end: w.end }));
  S.dirty = false;
  blocks.reset();
  renderEditor();
  slots.load();
}

function renderEditor() {
  const f = S.chosen;
  const title = $('editor-title');
  title.replaceChildren();
  $('editor-facts').replaceChildren();
  $('editor').dataset.officialId = f ? String(f.id) : '';
  if (!f) {
    title.textContent = t('admin.pick');
    $('editor-body').hidden = true;
    return;
  }
  title.append(...withName(t('admin.official.heading', { name: '\u0000' }), f.name));
  if (S.calendar) {
    $('editor-facts').textContent = t('admin.official.facts', {
      kind: t('admin.kind.' + f.kind), office: officeName(S.offices.get(f.officeId)) || '',
      slot: S.calendar.slotMinutes, buffer: S.calendar.bufferMinutes, max: S.calendar.maxSessionsPerDay
    });
    $('zone').replaceChildren(...withName(t('admin.zone', { zone: '\u0000' }), S.calendar.zone));
  }
  $('editor-body').hidden = !S.calendar;
  windows.render();
  blocks.render();
  slots.render();
}

function renderAll() {
  people.render();
  renderEditor();
  repaintMessages($('people-status'), $('slots-status'));
}

start();
