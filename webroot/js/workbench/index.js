// The workbench's parts put together: what both the practice page (workbench.js) and the shift page (shift.js)
// start. Returns what a page drives: open a session in the list, switch to it, show the side panel.
import { $ } from '../dom.js';
import { S, OUTBOX_KEY, shiftMode, active, load } from './state.js';
import { initComposer } from './composer.js';
import { initPhrases } from './phrases.js';
import { initPicker } from './picker.js';
import { flushAll, updateNet } from './outbox.js';
import { attach } from './sessions.js';
import { show, showPanel, renderList, updateWaits } from './view.js';

export function startWorkbench() {
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
