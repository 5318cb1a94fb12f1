// Never lose a word: a reply is put in localStorage (the outbox) before it is sent and stays there until the
// server acknowledges it; it is resent with the same clientId after a failure, a reconnect or a reload, one at
// a time per conversation so replies reach the server in order.
import { $, h } from '../dom.js';
import { api } from '../api.js';
import { clock, ms } from '../format.js';
import { S, save } from './state.js';
import { pendingNode, addCoach } from './messages.js';
import { input } from './composer.js';
import { renderList, renderClosing, scrollDown, showTyping } from './view.js';
import { emit } from './events.js';

function saveOutbox() {
  save('outbox', S.outbox.length ? S.outbox : null);
  updateNet();
}

/** A new reply: stored first, shown as 发送中…, then sent. */
export function enqueue(conv, item) {
  S.outbox.push(item);
  saveOutbox();
  renderPending(conv, item);
  conv.waitingSince = null;
  flush(conv);
}

export function renderPending(conv, item) {
  const p = pendingNode(item);
  conv.log.appendChild(p.node);
  conv.pending[item.clientId] = { item: item, node: p.node, state: p.state };
  conv.lastText = item.text;
  if (conv.id === S.activeId) {
    scrollDown();
  }
  renderList();
}

export function dropFromOutbox(clientId) {
  S.outbox = S.outbox.filter(function (o) { return o.clientId !== clientId; });
  saveOutbox();
}

/** Forgets a conversation's waiting replies (the session is gone). */
export function dropConversation(sid) {
  S.outbox = S.outbox.filter(function (o) { return o.sid !== sid; });
  saveOutbox();
}

/** Sends the conversation's oldest waiting reply; one at a time, so replies reach the server in order. */
export function flush(conv) {
  if (conv.sending) {
    return;
  }
  const item = S.outbox.filter(function (o) { return o.sid === conv.id; })[0];
  if (!item) {
    return;
  }
  if (!conv.pending[item.clientId]) {
    renderPending(conv, item);
  }
  conv.sending = true;
  clearTimeout(conv.retryTimer);
  api('POST', '/api/sessions/' + encodeURIComponent(conv.id) + '/replies',
    { text: item.text, clientId: item.clientId, metrics: item.metrics }).then(function (r) {
    conv.sending = false;
    // the live channel may have acknowledged it first (its echo carries the clientId)
    const p = conv.pending[item.clientId] || conv.acked[item.clientId];
    if (r.ok) {
      conv.retryDelay = 0;
      if (p) {
        acknowledge(conv, p, r.body.reply, r.body.annotations);
      } else {
        dropFromOutbox(item.clientId);
      }
      (r.body.messages || []).forEach(function (m) { schedule(conv, m); });
      if (r.body.closing && r.body.closingUntil) {
        // the buyer's part is over: the hint to close (结束语) comes with their last line, then counts down
        const shown = (r.body.messages || []).reduce(function (t, m) { return Math.max(t, ms(m.at)); }, Date.now());
        setTimeout(function () {
          if (!conv.ended) {
            conv.closingUntil = ms(r.body.closingUntil);
            conv.closingPolled = false;
            renderClosing(conv);
            renderList();
          }
        }, Math.max(0, shown - Date.now()) + 100);
      }
      if (r.body.ended) {
        conv.closingUntil = null;
        conv.outcome = r.body.outcome;
        conv.satisfaction = r.body.satisfaction;
        const last = (r.body.messages || []).reduce(function (t, m) { return Math.max(t, ms(m.at)); }, Date.now());
        setTimeout(function () { conv.ended = true; emit('ended', conv); }, Math.max(0, last - Date.now()) + 300);
      }
      flush(conv);
    } else if (r.status === 400 || r.status === 404 || r.status === 409 || r.status === 413) {
      // The server will never take this reply: say so and keep the text on screen (and offer it back).
      dropFromOutbox(item.clientId);
      if (p) {
        failed(p, r.status === 409 ? '会话已结束,未发送' : '未发送:' + ((r.body && r.body.error) || r.status));
      }
      flush(conv);
    } else {
      retryLater(conv, p, r.status === 401 || r.status === 403 ? '登录已失效,请重新登录后自动补发' : null);
    }
  }, function () {
    conv.sending = false;
    retryLater(conv, conv.pending[item.clientId], null);
  });
}

/** A buyer message from a reply's answer: shown when its time comes (the live channel may bring it first). */
function schedule(conv, m) {
  const delay = ms(m.at) - Date.now();
  if (delay <= 0) {
    emit('message', conv, m);
  } else {
    showTyping(conv, ms(m.at));
    setTimeout(function () { emit('message', conv, m); }, delay);
  }
}

export function flushAll() {
  S.order.forEach(function (id) {
    if (S.convs[id]) {
      flush(S.convs[id]);
    }
  });
}

function retryLater(conv, p, why) {
  conv.retryDelay = Math.min(15000, Math.max(1000, conv.retryDelay * 2));
  if (p) {
    p.state.textContent = why || '未送达,' + Math.round(conv.retryDelay / 1000) + ' 秒后重发…';
    p.state.className = 'msg-state retry';
  }
  updateNet();
  clearTimeout(conv.retryTimer);
  conv.retryTimer = setTimeout(function () { flush(conv); }, conv.retryDelay);
}

/** The server has the reply: it leaves the outbox, reads 已送达 and gets its coach. */
export function acknowledge(conv, p, reply, annotations) {
  dropFromOutbox(p.item.clientId);
  delete conv.pending[p.item.clientId];
  conv.acked[p.item.clientId] = p;
  if (reply && reply.id) {
    // not conv.lastId: buyer messages with lower numbers may still be on their way through the live channel
    conv.seen[reply.id] = true;
    conv.nodes[reply.id] = p.node;
  }
  p.node.classList.remove('pending');
  p.state.className = 'msg-state sent';
  p.state.textContent = '已送达' + (reply && reply.storedAt ? ' ' + clock(reply.storedAt) : '');
  if (annotations && !p.coached) {
    p.coached = true;
    addCoach(conv, p.node, p.item.text, annotations);
    if (conv.id === S.activeId) {
      scrollDown();
    }
  }
  updateNet();
}

function failed(p, message) {
  p.node.classList.remove('pending');
  p.node.classList.add('failed');
  p.state.className = 'msg-state bad';
  p.state.textContent = message + ' ';
  const again = h('button', 'link', '放回输入框');
  again.type = 'button';
  again.addEventListener('click', function () {
    if (!input.value.trim()) {
      input.value = p.item.text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.focus();
    }
  });
  p.state.appendChild(again);
}

export function setNet(text, kind) {
  const net = $('wb-net');
  net.textContent = text;
  net.className = 'net net-' + kind;
}

/** The connection line: 在线, replies on their way, or 连接中断 while a live channel or the network is down. */
export function updateNet() {
  const waiting = S.outbox.length;
  const down = S.order.some(function (id) {
    const c = S.convs[id];
    return c && !c.finished && c.es && !c.connected;
  });
  if (!navigator.onLine || down) {
    setNet('连接中断,正在重连…' + (waiting ? '(' + waiting + ' 条待发送)' : ''), 'bad');
  } else if (waiting) {
    setNet(waiting + ' 条回复发送中', 'warn');
  } else {
    setNet('在线', 'ok');
  }
}
