// The reply box: typing metrics through the IME (typing.js), Enter to send (never while the IME is composing),
// the per-conversation draft, the length count, and the reply put in the outbox before it is sent.
import { $ } from '../dom.js';
import { Meter, length } from '../typing.js';
import { MAX_REPLY, active, save } from './state.js';
import { emit } from './events.js';

export const input = $('wb-input');
export const meter = input ? new Meter(input, updateCount) : null;

/** Wires the box's keys and its draft; the send button sends too. */
export function initComposer() {
  input.addEventListener('keydown', function (e) {
    // An IME uses Enter to commit its candidate: never send while composing (Safari fires compositionend
    // before this keydown, hence keyCode 229 as well).
    if (e.isComposing || e.keyCode === 229) {
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey) {
      e.preventDefault();
      send();
      return;
    }
    if (e.altKey && !e.ctrlKey && !e.metaKey && /^Digit[1-9]$/.test(e.code || '')) {
      e.preventDefault();
      emit('phrase', parseInt(e.code.slice(5), 10) - 1);
    }
  });

  input.addEventListener('input', function () {
    const conv = active();
    if (conv) {
      save('draft.' + conv.id, input.value);
    }
    hint('');
    updateCount();
  });

  $('wb-send').addEventListener('click', function () {
    send();
    input.focus();
  });
}

function send() {
  const conv = active();
  if (!conv || conv.ended) {
    return;
  }
  const text = input.value;
  if (!text.trim()) {
    hint(text ? '回复只有空格或换行,没有发送:请输入内容' : '回复是空的,没有发送:请先输入内容');
    input.focus();
    return;
  }
  const n = length(text);
  if (n > MAX_REPLY) {
    hint(tooLong(n));
    return;
  }
  const item = { sid: conv.id, clientId: uuid(), text: text, metrics: meter.metrics(), createdAt: Date.now() };
  if (conv.closingUntil) {
    // this is the closing reply: the session ends with its answer
    conv.closingUntil = null;
    emit('closing', conv);
  }
  input.value = '';
  save('draft.' + conv.id, null);
  meter.reset();
  updateCount();
  emit('reply', conv, item);
}

/** The reply's clientId: the server takes a reply sent again with the same one only once. */
function uuid() {
  if (window.crypto && crypto.randomUUID) {
    return crypto.randomUUID();
  }
  // crypto.randomUUID needs a secure context; a training room often uses plain http on the LAN.
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
  return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
}

// The box takes a long paste whole (no maxlength cutting it silently) and says at once what is too much.
export function updateCount() {
  const n = length(input.value);
  const count = $('wb-count');
  count.textContent = n + '/' + MAX_REPLY;
  count.className = n > MAX_REPLY ? 'bad' : 'muted';
  if (n > MAX_REPLY) {
    hint(tooLong(n));
  }
}

function tooLong(n) {
  return '回复最多 ' + MAX_REPLY + ' 字,现在 ' + n + ' 字,多了 ' + (n - MAX_REPLY) + ' 字:请删减或分成几条发送';
}

function hint(text) {
  const box = $('wb-hint');
  box.textContent = text || '';
  box.className = text ? 'bad' : 'muted';
}
