// The workbench's parts put together: what both the practice page (workbench.js) and the shift page (shift.js)
// start. Returns what a page drives: open a session in the list, switch to it, show the side panel.
//
// Layers: a module imports only modules on the lines below its own, so no import ever leads back to it.
//   index.js                       all of them; wires each announcement of events.js to the part that acts on it
//   sessions.js                    a conversation's life: live, outbox, view, composer, messages, scorecard, state
//   live.js                        the live channel: outbox, view, events
//   outbox.js                      replies until acknowledged: view, composer, messages, state, events
//   view.js                        list, header, closing line, side card: picker, composer, state, events
//   picker.js, phrases.js          the scenario picker (state, events); quick phrases (composer, state)
//   composer.js                    the reply box: state, events
//   messages.js, scorecard.js      chat bubbles with their coach (coach.js), the result panel: state
//   coach.js, state.js, events.js  and ../dom.js, ../api.js, ../format.js, ../labels.js, ../typing.js
// What must reach a higher part goes through events.js: a reply to send, a phrase to insert, the closing line to
// redraw, a scenario to start, a conversation to forget, a closing time to check, a message due, a session ended.
import { $ } from '../dom.js';
import { S, OUTBOX_KEY, shiftMode, active, load } from './state.js';
import { on } from './events.js';
import { initComposer } from './composer.js';
import { initPhrases, insertPhrase } from './phrases.js';
import { initPicker } from './picker.js';
import { enqueue, flushAll, updateNet } from './outbox.js';
import { attach, forget, addMessage, finish, closingOver, startSession } from './sessions.js';
import { show, showPanel, renderList, renderClosing, updateWaits } from './view.js';

function wire() {
  on('reply', enqueue);
  on('phrase', insertPhrase);
  on('closing', renderClosing);
  on('start', startSession);
  on('forget', forget);
  on('tick', closingOver);
  on('message', function (conv, m) { addMessage(conv, m, false); });
  on('ended', finish);
}

export function startWorkbench() {
  wire();
  initComposer();
  if (!shiftMode) {
    $('wb-new').addEventListener('click', function () { showPanel(); });
    initPicker();
  }
  window.addEventListener('online', function () {
    updateNet();
    flushAll();
  });
  window.addEventListener('offline', updateNet);
  document.addEventListener('visibilitychange', function () {
    const conv = active();
    if (!document.hidden && conv) {
      conv.unread = 0;
      renderList();
    }
  });
  // Another tab of the same trainee changed the outbox (e.g. sent a queued reply): keep ours in step.
  window.addEventListener('storage', function (e) {
    if (e.key === OUTBOX_KEY) {
      S.outbox = load('outbox', []);
      updateNet();
    }
  });
  setInterval(updateWaits, 1000);
  initPhrases();
  if (shiftMode) {
    updateNet();
  }
  return {
    attach: function (id, activate) { return S.convs[id] ? Promise.resolve() : attach(id, activate); },
    show: show,
    showPanel: showPanel,
    activeId: function () { return S.activeId; },
    ids: function () { return S.order.slice(); }
  };
}
