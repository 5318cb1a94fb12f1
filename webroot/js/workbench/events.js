// The workbench's announcements. A part says what happened (emit) without importing the part that acts on it, so
// imports only ever point down; index.js, which may import every part, says who acts on what (on). A listener runs
// at once, inside emit, as a direct call did. Every name is listed here: a misspelt one fails loudly.
const NAMES = {
  reply: 'composer: the trainee sends a reply (conv, item)',
  phrase: 'composer: Alt+1..9 asks for a quick phrase (index)',
  closing: 'composer: the closing turn of a conversation changed (conv)',
  start: 'picker: the trainee starts a scenario (scenarioId, mode)',
  forget: 'view: the trainee removes an ended conversation from the list (id)',
  tick: 'view: the waiting times are brought up to date for a conversation (conv)',
  message: 'live, outbox: a message is due on screen now (conv, m)',
  ended: 'live, outbox: the server has ended the session (conv)'
};

const listeners = {};

function known(name) {
  if (!Object.prototype.hasOwnProperty.call(NAMES, name)) {
    throw new Error('workbench: no event ' + name);
  }
}

export function on(name, fn) {
  known(name);
  (listeners[name] = listeners[name] || []).push(fn);
}

export function emit(name, ...args) {
  known(name);
  (listeners[name] || []).forEach(function (fn) { fn(...args); });
}
