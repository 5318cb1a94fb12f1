// The trainee's workbench (/train): scenario picker, live chats with scripted buyers, coach findings, quick
// phrases. ES modules, no build step (the parts are in workbench/); the CSP allows no inline script or style, so
// everything the page shows is built with DOM calls and textContent (never innerHTML with data).
//
// Never lose a word: a reply is put in localStorage (the outbox) before it is sent and stays there until the
// server acknowledges it; it is resent with the same clientId after a failure, a reconnect or a reload.
// Unsent drafts are kept per conversation in localStorage too.
import { S, root, shiftMode, load } from './workbench/state.js';
import { startWorkbench } from './workbench/index.js';
import { loadPicker } from './workbench/picker.js';
import { attach } from './workbench/sessions.js';
import { showPanel } from './workbench/view.js';
import { updateNet } from './workbench/outbox.js';

if (root && !shiftMode) {
  startWorkbench();
  loadPicker().then(resume);
}

/** Resume where the trainee was: the conversations still running, those they had open, any with unsent replies. */
function resume() {
  const remembered = load('open', []);
  let ids = [];
  function add(id) {
    if (id && ids.indexOf(id) < 0) {
      ids.push(id);
    }
  }
  S.sessions.filter(function (s) { return !s.ended; }).forEach(function (s) { add(s.id); });
  remembered.forEach(add);
  S.outbox.forEach(function (o) { add(o.sid); });
  const known = {};
  S.sessions.forEach(function (s) { known[s.id] = s; });
  ids = ids.filter(function (id) { return known[id]; }).slice(0, 20);
  const wanted = load('active', null);
  ids.slice().reverse().forEach(function (id) {
    attach(id, id === wanted);
  });
  if (!wanted || ids.indexOf(wanted) < 0) {
    showPanel();
  }
  updateNet();
}
