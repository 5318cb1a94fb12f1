// What the workbench holds while the page is open: its conversations, the one shown, and the outbox; and the
// browser storage that keeps drafts, the outbox and the open list across a reload.
import { h } from '../dom.js';

export const root = document.getElementById('wb');

export const MAX_REPLY = 2000;
// Shift mode (/train/shift, 班次模拟): shift.js brings the buyers in and shows the shift panel instead of the
// scenario picker; the shift page keeps its own list of open conversations.
export const shiftMode = !!root && root.hasAttribute('data-shift');
const STORE = 'kt.wb.' + (root ? root.getAttribute('data-user') : '') + (shiftMode ? '.shift.' : '.');
export const OUTBOX_KEY = STORE + 'outbox';
export const MAX_PHRASES = root && parseInt(root.getAttribute('data-max-phrases'), 10) || 50;
export const MAX_PHRASE_CHARS = root && parseInt(root.getAttribute('data-max-phrase-chars'), 10) || 200;
export const appeals = !!root && root.getAttribute('data-appeals') === 'true';

/**
 * convs: session id -> conversation; order: their ids, newest first; activeId: the one shown; outbox: replies not
 * yet acknowledged (sent again after a failure, a reconnect or a reload); scenarios and sessions: the picker's.
 */
export const S = {
  convs: {},
  order: [],
  activeId: null,
  scenarios: [],
  sessions: [],
  outbox: load('outbox', [])
};

export function load(key, fallback) {
  try {
    const v = localStorage.getItem(STORE + key);
    return v === null ? fallback : JSON.parse(v);
  } catch (e) {
    return fallback;
  }
}

export function save(key, value) {
  try {
    if (value === null || value === undefined || value === '') {
      localStorage.removeItem(STORE + key);
    } else {
      localStorage.setItem(STORE + key, JSON.stringify(value));
    }
  } catch (e) {
    // storage full or disabled: the reply is still sent, it just would not survive a reload
  }
}

export function active() {
  return S.activeId ? S.convs[S.activeId] : null;
}

export function saveOpen() {
  save('open', S.order.slice());
}

/** A new conversation for a session id, known to the workbench from now on. */
export function makeConv(id) {
  const conv = {
    id: id, title: '', buyer: '买家', scenarioId: '', category: '', mode: 'practice', card: null,
    seen: {}, nodes: {}, pending: {}, acked: {}, lastId: 0, lastText: '', lastAt: null, unread: 0,
    ended: false, outcome: null, satisfaction: null, finished: false, closingUntil: null, closingPolled: false,
    es: null, reconnectTimer: null, typingUntil: 0, sending: false, retryDelay: 0, retryTimer: null,
    waitingSince: null, log: h('div', 'chat-log'), meterState: null
  };
  S.convs[id] = conv;
  return conv;
}
