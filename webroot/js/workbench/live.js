// The live channel of a conversation (Server-Sent Events from /api/sessions/{id}/events): buyer messages at the
// moment they are shown, the buyer typing, the end. A channel the browser gave up on is opened again from the
// last message seen.
import { ms } from '../format.js';
import { flush, updateNet } from './outbox.js';
import { showTyping } from './view.js';
import { emit } from './events.js';

export function connect(conv) {
  if (conv.es || conv.finished) {
    return;
  }
  const es = new EventSource('/api/sessions/' + encodeURIComponent(conv.id) + '/events?after=' + conv.lastId);
  conv.es = es;
  es.addEventListener('open', function () {
    conv.connected = true;
    updateNet();
    flush(conv); // a reconnect is a good moment to resend what is waiting
  });
  es.addEventListener('message', function (e) {
    let m;
    try {
      m = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    emit('message', conv, m);
  });
  es.addEventListener('typing', function (e) {
    try {
      showTyping(conv, ms(JSON.parse(e.data).until));
    } catch (err) {
      // ignore a malformed frame
    }
  });
  es.addEventListener('ended', function (e) {
    try {
      const d = JSON.parse(e.data);
      conv.outcome = d.outcome;
      conv.satisfaction = d.satisfaction;
    } catch (err) {
      // the result panel reads the session again anyway
    }
    conv.ended = true;
    emit('ended', conv);
  });
  es.addEventListener('error', function () {
    conv.connected = false;
    updateNet();
    if (es.readyState === EventSource.CLOSED && !conv.finished) {
      // the browser gave up (server restarted with an error, or signed out): open a new one from lastId
      conv.es = null;
      clearTimeout(conv.reconnectTimer);
      conv.reconnectTimer = setTimeout(function () { connect(conv); }, 3000);
    }
  });
}

export function disconnect(conv) {
  if (conv.es) {
    conv.es.close();
    conv.es = null;
  }
  clearTimeout(conv.reconnectTimer);
  conv.connected = false;
}
