// The trainee's workbench (/train): scenario picker, live chats with scripted buyers, coach findings,
// quick phrases. Plain ES2017, no build step; the CSP allows no inline script or style, so everything the
// page shows is built here with DOM calls and textContent (never innerHTML with data).
//
// Never lose a word: a reply is put in localStorage (the outbox) before it is sent and stays there until
// the server acknowledges it; it is resent with the same clientId after a failure, a reconnect or a reload.
// Unsent drafts are kept per conversation in localStorage too.
(function () {
  'use strict';

  var root = document.getElementById('wb');
  if (!root || !window.kt || !window.kt.typing) {
    return;
  }

  var MAX_REPLY = 2000;
  // Shift mode (/train/shift, 班次模拟): shift.js brings the buyers in and shows the shift panel instead of the
  // scenario picker; the shift page keeps its own list of open conversations.
  var shiftMode = root.hasAttribute('data-shift');
  var STORE = 'kt.wb.' + root.getAttribute('data-user') + (shiftMode ? '.shift.' : '.');
  var MAX_PHRASES = parseInt(root.getAttribute('data-max-phrases'), 10) || 50;
  var MAX_PHRASE_CHARS = parseInt(root.getAttribute('data-max-phrase-chars'), 10) || 200;
  var WAIT_WARN_S = 30;
  var WAIT_LATE_S = 150;
  var IMPLAUSIBLE_TYPING = '打字速度不计:这条回复不像逐字输入(粘贴或自动填充),不计入打字速度'; // red before the 3-minute mark that the shop's 3分钟回复率 counts

  // the content vocabulary (labels.yaml, read by app.js): one word per id on every page
  var L = window.kt.labels;

  // ---------------------------------------------------------------- small helpers

  function $(id) {
    return document.getElementById(id);
  }

  /**
   * Seconds with one decimal, as the transcript and the KPIs show a response time (measured by the server from the
   * first buyer message of the round).
   */
  function seconds(ms) {
    return Math.round(ms / 100) / 10;
  }

  /** Creates an element; text is always set through textContent. */
  function h(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) {
      el.className = cls;
    }
    if (text !== undefined && text !== null) {
      el.textContent = String(text);
    }
    return el;
  }

  function load(key, fallback) {
    try {
      var v = localStorage.getItem(STORE + key);
      return v === null ? fallback : JSON.parse(v);
    } catch (e) {
      return fallback;
    }
  }

  function save(key, value) {
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

  function uuid() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    // crypto.randomUUID needs a secure context; a training room often uses plain http on the LAN.
    var b = new Uint8Array(16);
    crypto.getRandomValues(b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
    return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
  }

  function time(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) {
      return '';
    }
    function p(n) { return (n < 10 ? '0' : '') + n; }
    return p(d.getHours()) + ':' + p(d.getMinutes()) + ':' + p(d.getSeconds());
  }

  function ms(iso) {
    return new Date(iso).getTime();
  }

  function stars(n) {
    n = Math.max(0, Math.min(5, n || 0));
    return '★★★★★'.slice(0, n) + '☆☆☆☆☆'.slice(0, 5 - n);
  }

  function api(method, url, body) {
    return window.kt.api(method, url, body).then(function (res) {
      return res.text().then(function (text) {
        var json = null;
        try {
          json = text ? JSON.parse(text) : null;
        } catch (e) {
          json = null;
        }
        return { ok: res.ok, status: res.status, body: json };
      });
    });
  }

  // ---------------------------------------------------------------- state

  var convs = {};          // session id -> conversation
  var order = [];          // conversation ids, newest first
  var activeId = null;
  var scenarios = [];
  var sessions = [];
  var phrases = [];
  var outbox = load('outbox', []);

  var input = $('wb-input');
  var meter = new window.kt.typing.Meter(input, updateCount);

  function active() {
    return activeId ? convs[activeId] : null;
  }

  function saveOutbox() {
    save('outbox', outbox.length ? outbox : null);
    updateNet();
  }

  function openIds() {
    return order.slice();
  }

  function saveOpen() {
    save('open', openIds());
  }

  // ---------------------------------------------------------------- conversations

  function makeConv(id) {
    var conv = {
      id: id, title: '', buyer: '买家', scenarioId: '', category: '', mode: 'practice', card: null,
      seen: {}, nodes: {}, pending: {}, acked: {}, lastId: 0, lastText: '', lastAt: null, unread: 0,
      ended: false, outcome: null, satisfaction: null, finished: false, closingUntil: null, closingPolled: false,
      es: null, reconnectTimer: null, typingUntil: 0, sending: false, retryDelay: 0, retryTimer: null,
      waitingSince: null, log: h('div', 'chat-log'), meterState: null
    };
    convs[id] = conv;
    return conv;
  }

  /** Opens (or re-opens after a reload) a session: its stored messages, then the live channel. */
  function attach(id, activate) {
    var conv = convs[id] || makeConv(id);
    if (order.indexOf(id) < 0) {
      order.unshift(id);
      saveOpen();
    }
    renderList();
    if (activate) {
      show(id);
    }
    return api('GET', '/api/sessions/' + encodeURIComponent(id)).then(function (r) {
      if (!r.ok) {
        if (r.status === 404) {
          forget(id);
        }
        return;
      }
      var s = r.body;
      conv.title = s.title || '';
      conv.scenarioId = s.scenarioId;
      conv.category = s.category;
      conv.mode = s.mode;
      conv.card = s.scenario || null;
      conv.buyer = (s.scenario && s.scenario.buyer) || '买家';
      conv.ended = !!s.ended;
      conv.closingUntil = !s.ended && s.closing && s.closingUntil ? ms(s.closingUntil) : null;
      conv.outcome = s.outcome || null;
      conv.satisfaction = s.satisfaction || null;
      // Show what has been shown already; buyer messages still being "typed" come through the live channel.
      var now = Date.now();
      var held = false;
      (s.messages || []).forEach(function (m) {
        if (held || (m.from !== 'trainee' && ms(m.at) > now)) {
          held = true;
          return;
        }
        addMessage(conv, m, true);
      });
      // Replies the server already has are acknowledged; the others are sent again.
      outbox.filter(function (o) { return o.sid === id; }).forEach(function (o) {
        var stored = (s.messages || []).filter(function (m) { return m.clientId === o.clientId; })[0];
        if (stored) {
          dropFromOutbox(o.clientId);
        } else if (!conv.pending[o.clientId]) {
          renderPending(conv, o);
        }
      });
      if (conv.ended && !held) {
        finish(conv);
      } else {
        connect(conv);
        flush(conv);
      }
      renderList();
      if (activeId === id) {
        show(id);
      }
    }, function () {
      setNet('连接失败,稍后重试…', 'bad');
      setTimeout(function () { attach(id, false); }, 3000);
    });
  }

  function forget(id) {
    var conv = convs[id];
    if (conv && conv.es) {
      conv.es.close();
    }
    delete convs[id];
    order = order.filter(function (x) { return x !== id; });
    save('draft.' + id, null);
    outbox = outbox.filter(function (o) { return o.sid !== id; });
    saveOutbox();
    saveOpen();
    if (activeId === id) {
      activeId = null;
      save('active', null);
      showPicker();
    }
    renderList();
  }

  // ---------------------------------------------------------------- live channel (SSE)

  function connect(conv) {
    if (conv.es || conv.finished) {
      return;
    }
    var es = new EventSource('/api/sessions/' + encodeURIComponent(conv.id) + '/events?after=' + conv.lastId);
    conv.es = es;
    es.addEventListener('open', function () {
      conv.connected = true;
      updateNet();
      flush(conv); // a reconnect is a good moment to resend what is waiting
    });
    es.addEventListener('message', function (e) {
      var m;
      try {
        m = JSON.parse(e.data);
      } catch (err) {
        return;
      }
      addMessage(conv, m, false);
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
        var d = JSON.parse(e.data);
        conv.outcome = d.outcome;
        conv.satisfaction = d.satisfaction;
      } catch (err) {
        // the result panel reads the session again anyway
      }
      conv.ended = true;
      finish(conv);
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

  function disconnect(conv) {
    if (conv.es) {
      conv.es.close();
      conv.es = null;
    }
    clearTimeout(conv.reconnectTimer);
    conv.connected = false;
  }

  // ---------------------------------------------------------------- messages

  function addMessage(conv, m, initial) {
    if (m.id > conv.lastId) {
      conv.lastId = m.id;
    }
    if (conv.seen[m.id]) {
      return;
    }
    if (m.from === 'trainee' && m.clientId && conv.pending[m.clientId]) {
      acknowledge(conv, conv.pending[m.clientId], { id: m.id, storedAt: m.at }, null);
      return;
    }
    conv.seen[m.id] = true;
    var node = messageNode(conv, m);
    conv.nodes[m.id] = node;
    conv.log.appendChild(node);
    if (m.from === 'trainee' && m.annotations) {
      node.querySelector('.msg-body').appendChild(coach(m.text, m.annotations, factLabels(conv)));
    }
    conv.lastText = m.text;
    conv.lastAt = m.at;
    if (m.from === 'buyer') {
      if (m.kind !== 'nudge' || !conv.waitingSince) {
        conv.waitingSince = conv.waitingSince || ms(m.at);
      }
      if (conv.typingUntil <= Date.now() + 50) {
        hideTyping(conv);
      }
      if (!initial && (conv.id !== activeId || document.hidden)) {
        conv.unread++;
      }
      if (conv.id === activeId) {
        meter.markPrompt();
      }
    } else if (m.from === 'trainee') {
      conv.waitingSince = null;
    }
    if (conv.id === activeId) {
      scrollDown();
    }
    renderList();
  }

  // A buyer may send a picture or the product's card instead of typing (scenario lines "[图片:说明]", "[商品]"):
  // shown as 千牛 shows them, never as the raw marker. The marker stays the message text for the API and the scorer.
  var IMAGE = /^\[图片(?:[:：]\s*([^\]]*))?\]$/;
  var CARD = /^\[商品(?:卡片)?\]$/;

  function bubble(conv, m) {
    var text = String(m.text == null ? '' : m.text);
    if (m.from === 'buyer') {
      var img = IMAGE.exec(text.trim());
      if (img) {
        var pic = h('div', 'bubble bubble-image');
        pic.setAttribute('role', 'img');
        pic.setAttribute('aria-label', '买家发来的图片');
        pic.appendChild(h('span', 'image-icon', '图片'));
        pic.appendChild(h('span', 'image-caption', img[1] ? img[1] : '买家发来一张图片'));
        return pic;
      }
      if (CARD.test(text.trim())) {
        var p = (conv.card && conv.card.product) || {};
        var card = h('div', 'bubble bubble-card');
        card.appendChild(h('span', 'card-label', '商品链接'));
        card.appendChild(h('span', 'card-title', p.title || '买家发来一个商品链接'));
        if (typeof p.price === 'number') {
          card.appendChild(h('span', 'card-price', '¥' + p.price));
        }
        return card;
      }
    }
    return h('div', 'bubble', text);
  }

  function messageNode(conv, m) {
    if (m.from === 'system') {
      // a scenario's notice (买家申请平台介入…): grey and centred, never the buyer speaking
      var notice = h('div', 'msg msg-system');
      notice.appendChild(h('span', 'notice-text', m.text));
      return notice;
    }
    var mine = m.from === 'trainee';
    var node = h('div', 'msg ' + (mine ? 'msg-mine' : 'msg-buyer') + (m.kind === 'nudge' ? ' msg-nudge' : ''));
    if (!mine) {
      node.appendChild(h('span', 'avatar small', conv.buyer.slice(0, 1)));
    }
    var body = h('div', 'msg-body');
    var meta = h('div', 'msg-meta', (mine ? '我' : conv.buyer) + ' ' + time(m.at));
    if (mine) {
      pastedTag(meta, m.pasted);
    }
    body.appendChild(meta);
    body.appendChild(bubble(conv, m));
    if (mine) {
      var state = h('div', 'msg-state sent', '已送达');
      if (typeof m.responseMs === 'number') {
        state.textContent += ' · 响应 ' + seconds(m.responseMs) + ' 秒';
      }
      body.appendChild(state);
    }
    node.appendChild(body);
    return node;
  }

  /** Replies with pasted text say so (the server keeps the count with the reply; it does not count as typed). */
  function pastedTag(meta, pasted) {
    if (typeof pasted === 'number' && pasted > 0) {
      var tag = h('span', 'msg-pasted', '粘贴 ' + pasted + ' 字');
      tag.title = '这条回复含粘贴的内容,不计入打字速度';
      meta.appendChild(document.createTextNode(' '));
      meta.appendChild(tag);
    }
  }

  function showTyping(conv, until) {
    conv.typingUntil = Math.max(conv.typingUntil, until);
    if (conv.id === activeId) {
      $('wb-typing').hidden = false;
      scrollDown();
    }
    clearTimeout(conv.typingTimer);
    conv.typingTimer = setTimeout(function () { hideTyping(conv); }, Math.max(0, conv.typingUntil - Date.now()) + 1500);
  }

  function hideTyping(conv) {
    conv.typingUntil = 0;
    if (conv.id === activeId) {
      $('wb-typing').hidden = true;
    }
  }

  /** A buyer message from a reply's answer: shown when its time comes (the live channel may bring it first). */
  function schedule(conv, m) {
    var delay = ms(m.at) - Date.now();
    if (delay <= 0) {
      addMessage(conv, m, false);
    } else {
      showTyping(conv, ms(m.at));
      setTimeout(function () { addMessage(conv, m, false); }, delay);
    }
  }

  function scrollDown() {
    var box = $('wb-messages');
    box.scrollTop = box.scrollHeight;
  }

  // ---------------------------------------------------------------- sending

  function send() {
    var conv = active();
    if (!conv || conv.ended) {
      return;
    }
    var text = input.value;
    if (!text.trim()) {
      hint(text ? '回复只有空格或换行,没有发送:请输入内容' : '回复是空的,没有发送:请先输入内容');
      input.focus();
      return;
    }
    var length = window.kt.typing.length(text);
    if (length > MAX_REPLY) {
      hint(tooLong(length));
      return;
    }
    var item = { sid: conv.id, clientId: uuid(), text: text, metrics: meter.metrics(), createdAt: Date.now() };
    if (conv.closingUntil) {
      // this is the closing reply: the session ends with its answer
      conv.closingUntil = null;
      renderClosing(conv);
    }
    outbox.push(item);
    saveOutbox();
    input.value = '';
    save('draft.' + conv.id, null);
    meter.reset();
    updateCount();
    renderPending(conv, item);
    conv.waitingSince = null;
    flush(conv);
  }

  function renderPending(conv, item) {
    var node = h('div', 'msg msg-mine pending');
    var body = h('div', 'msg-body');
    var meta = h('div', 'msg-meta', '我 ' + time(new Date(item.createdAt).toISOString()));
    pastedTag(meta, item.metrics && item.metrics.pasted);
    body.appendChild(meta);
    body.appendChild(h('div', 'bubble', item.text));
    var state = h('div', 'msg-state', '发送中…');
    body.appendChild(state);
    node.appendChild(body);
    conv.log.appendChild(node);
    conv.pending[item.clientId] = { item: item, node: node, state: state };
    conv.lastText = item.text;
    if (conv.id === activeId) {
      scrollDown();
    }
    renderList();
  }

  function dropFromOutbox(clientId) {
    outbox = outbox.filter(function (o) { return o.clientId !== clientId; });
    saveOutbox();
  }

  /** Sends the conversation's oldest waiting reply; one at a time, so replies reach the server in order. */
  function flush(conv) {
    if (conv.sending) {
      return;
    }
    var item = outbox.filter(function (o) { return o.sid === conv.id; })[0];
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
      var p = conv.pending[item.clientId] || conv.acked[item.clientId];
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
          var shown = (r.body.messages || []).reduce(function (t, m) { return Math.max(t, ms(m.at)); }, Date.now());
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
          var last = (r.body.messages || []).reduce(function (t, m) { return Math.max(t, ms(m.at)); }, Date.now());
          setTimeout(function () { conv.ended = true; finish(conv); }, Math.max(0, last - Date.now()) + 300);
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

  function acknowledge(conv, p, reply, annotations) {
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
    p.state.textContent = '已送达' + (reply && reply.storedAt ? ' ' + time(reply.storedAt) : '');
    if (annotations && !p.coached) {
      p.coached = true;
      p.node.querySelector('.msg-body').appendChild(coach(p.item.text, annotations, factLabels(conv)));
      if (conv.id === activeId) {
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
    var again = h('button', 'link', '放回输入框');
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

  function flushAll() {
    order.forEach(function (id) {
      if (convs[id]) {
        flush(convs[id]);
      }
    });
  }

  // ---------------------------------------------------------------- coach findings

  /** What the trainer wrote for each expected fact of the scenario (its label, else its accepted wordings). */
  function factLabels(conv) {
    return (conv && conv.card && conv.card.factLabels) || {};
  }

  /** The reply with its findings on their spans, and the list of findings with advice. */
  function coach(text, a, labels) {
    labels = labels || {};
    var box = h('div', 'coach');
    var spans = [];
    var items = [];
    (a.violations || []).forEach(function (v) {
      var label = '违规 · ' + (L.violation[v.category] || v.category);
      spans.push({ start: v.start, end: v.end, cls: 'span-violation', title: label + (v.advice ? ':' + v.advice : '') });
      items.push({ cls: 'item-violation', label: label, quote: text.slice(v.start, v.end), advice: v.advice,
        rule: v.rule });
    });
    var p = a.politeness || {};
    (p.findings || []).forEach(function (f) {
      // the colour rule of the transcript too (Highlights.tone): points earned green, lost orange, none grey with why
      var tone = f.points > 0 && f.type !== 'forbidden' ? 'good' : (f.points < 0 || f.type === 'forbidden' ? 'bad' : 'neutral');
      var label = (L.finding[f.type] || f.type) + (f.points ? ' ' + (f.points > 0 ? '+' : '') + f.points : '');
      var advice = f.advice || (tone === 'neutral' ? '不加分(已计过或不计分)' : null);
      spans.push({ start: f.start, end: f.end, cls: 'span-' + tone, title: label + (advice ? ':' + advice : '') });
      items.push({ cls: 'item-' + tone, label: label, quote: f.end > f.start ? text.slice(f.start, f.end) : '',
        advice: advice });
    });
    var missing = (a.facts && a.facts.missing) || [];
    missing.forEach(function (fact) {
      items.push({ cls: 'item-missing', label: '缺少要点', quote: '', advice: labels[fact] || fact });
    });
    // must-not points (a step's avoid:) the reply made: the label already says 不要…,因为…
    var said = (a.facts && a.facts.said) || [];
    said.forEach(function (fact) {
      items.push({ cls: 'item-bad', label: '不该说', quote: '', advice: labels[fact] || fact });
    });

    if (spans.some(function (s) { return s.end > s.start; })) {
      box.appendChild(marked(text, spans));
    }
    if (items.length) {
      var ul = h('ul', 'coach-items');
      items.forEach(function (it) {
        var li = h('li', it.cls);
        li.appendChild(h('span', 'coach-label', it.label));
        if (it.quote) {
          li.appendChild(h('q', null, it.quote));
        }
        if (it.advice) {
          li.appendChild(h('span', 'coach-advice', it.advice));
        }
        if (it.rule) {
          li.appendChild(h('span', 'coach-rule', '规则:' + (L.rule[it.rule] || it.rule)));
        }
        ul.appendChild(li);
      });
      box.appendChild(ul);
    } else {
      box.appendChild(h('p', 'coach-ok', '这条回复没有发现问题'));
    }
    var meta = [];
    if (p.verdict) {
      meta.push('礼貌:' + (L.verdict[p.verdict] || p.verdict) + (typeof p.score === 'number' ? '(' + p.score + ')' : ''));
    }
    if (a.facts && a.facts.expected && a.facts.expected.length) {
      meta.push('要点 ' + a.facts.matched.length + '/' + a.facts.expected.length);
    }
    if (a.speed) {
      // an implausible figure (thousands of 字/分 when text was pasted or filled in) is never shown: it says why instead
      if (a.speed.plausible === false) {
        meta.push(IMPLAUSIBLE_TYPING);
      } else if (typeof a.speed.typedCpm === 'number') {
        meta.push('打字 ' + Math.round(a.speed.typedCpm) + ' 字/分');
      }
      if (typeof a.speed.responseMs === 'number') {
        meta.push('响应 ' + seconds(a.speed.responseMs) + ' 秒');
      }
    }
    if (typeof a.offerPrice === 'number') {
      meta.push('报价 ¥' + a.offerPrice);
    }
    if (meta.length) {
      box.appendChild(h('div', 'coach-meta', meta.join(' · ')));
    }
    return box;
  }

  /** The text split at every span boundary; each piece is marked with the spans covering it. */
  function marked(text, spans) {
    var cuts = [0, text.length];
    spans.forEach(function (s) {
      if (s.end > s.start) {
        cuts.push(Math.max(0, Math.min(text.length, s.start)), Math.max(0, Math.min(text.length, s.end)));
      }
    });
    cuts = cuts.sort(function (a, b) { return a - b; }).filter(function (c, i, all) { return i === 0 || c !== all[i - 1]; });
    var div = h('div', 'coach-text');
    for (var i = 0; i + 1 < cuts.length; i++) {
      var from = cuts[i];
      var to = cuts[i + 1];
      var piece = text.slice(from, to);
      var covering = spans.filter(function (s) { return s.start <= from && s.end >= to && s.end > s.start; });
      if (!covering.length) {
        div.appendChild(document.createTextNode(piece));
        continue;
      }
      var worst = covering.filter(function (s) { return s.cls === 'span-violation'; })[0]
        || covering.filter(function (s) { return s.cls === 'span-bad'; })[0] || covering[0];
      var mark = h('mark', worst.cls, piece);
      mark.title = covering.map(function (s) { return s.title; }).join('\n');
      div.appendChild(mark);
    }
    return div;
  }

  // ---------------------------------------------------------------- the end: result panel

  function finish(conv) {
    if (conv.finished) {
      return;
    }
    conv.finished = true;
    conv.ended = true;
    conv.closingUntil = null;
    renderClosing(conv);
    disconnect(conv);
    hideTyping(conv);
    renderList();
    if (conv.id === activeId) {
      show(conv.id);
    }
    // The scorecard with the transcript (exam mode shows findings only now); if the server has none to give,
    // the session itself with its per-reply findings.
    var base = '/api/sessions/' + encodeURIComponent(conv.id);
    api('GET', base + '/scorecard').then(function (card) {
      return card.ok && card.body && card.body.total !== undefined ? card
        : api('GET', base).then(function (view) { return { ok: false, view: view }; });
    }).then(function (r) {
      var body = r.ok ? r.body : (r.view.ok ? r.view.body : null);
      if (body) {
        conv.outcome = body.outcome || conv.outcome;
        conv.satisfaction = body.satisfaction || conv.satisfaction;
        transcript(conv, body.messages || []);
      }
      conv.result = resultPanel(conv, body ? body.messages || [] : [], r.ok ? r.body : null);
      if (conv.id === activeId) {
        show(conv.id);
      }
    }, function () {
      conv.result = resultPanel(conv, [], null);
      if (conv.id === activeId) {
        show(conv.id);
      }
    });
  }

  /** Redraws the conversation from the stored transcript, each finding on its span. */
  function transcript(conv, messages) {
    var log = h('div', 'chat-log');
    conv.seen = {};
    conv.nodes = {};
    messages.forEach(function (m) {
      conv.seen[m.id] = true;
      var node = messageNode(conv, m);
      if (m.from === 'trainee' && m.annotations) {
        node.querySelector('.msg-body').appendChild(coach(m.text, m.annotations, factLabels(conv)));
        if (conv.ended && root.getAttribute('data-appeals') === 'true') {
          // 申诉 on this reply's findings: the transcript page lists each one with its own button and status
          var appeal = h('a', 'coach-appeal', '对评分有异议?申诉');
          appeal.href = '/progress/sessions/' + encodeURIComponent(conv.id) + '#m' + m.id;
          node.querySelector('.msg-body').appendChild(appeal);
        }
      }
      conv.nodes[m.id] = node;
      log.appendChild(node);
    });
    var stored = {};
    messages.forEach(function (m) {
      if (m.clientId) {
        stored[m.clientId] = true;
      }
    });
    Object.keys(conv.pending).forEach(function (k) {
      if (stored[k]) {
        acknowledge(conv, conv.pending[k], null, null);
      } else {
        log.appendChild(conv.pending[k].node); // replies the server refused stay visible
      }
    });
    conv.log = log;
  }

  function resultPanel(conv, messages, scorecard) {
    var box = h('div', 'result-card');
    var head = h('div', 'result-head');
    head.appendChild(h('h2', null, '会话结束:' + (L.outcome[conv.outcome] || conv.outcome || '已结束')));
    if (conv.satisfaction) {
      // 买家评价: how the simulated buyer rated the chat (their mood), not the trainee's grade (评分等级 below)
      var sat = h('span', 'satisfaction');
      sat.appendChild(h('span', 'rating-label', '买家评价'));
      sat.appendChild(h('span', 'rating-stars', stars(conv.satisfaction)));
      sat.title = '买家满意度 ' + conv.satisfaction + '/5:买家自己的评价,由对话中买家的情绪决定;评分等级看的是你的回复';
      head.appendChild(sat);
    }
    box.appendChild(head);

    if (scorecard && typeof scorecard === 'object' && scorecard.total !== undefined) {
      box.appendChild(scorecardView(scorecard));
    } else {
      box.appendChild(summaryView(conv, messages));
    }

    var actions = h('div', 'result-actions');
    var again = h('button', 'primary', '再练一次');
    again.type = 'button';
    again.addEventListener('click', function () { startSession(conv.scenarioId, conv.mode); });
    var other = h('button', null, '换个场景');
    other.type = 'button';
    other.addEventListener('click', function () { showPicker(); });
    var close = h('button', null, '关闭会话');
    close.type = 'button';
    close.addEventListener('click', function () { forget(conv.id); });
    if (!shiftMode) {
      actions.appendChild(again);
      actions.appendChild(other);
    }
    actions.appendChild(close);
    if (root.getAttribute('data-appeals') === 'true') {
      // 申诉: the transcript page lists each finding with its appeal button and status
      var appeal = h('a', 'button', '查看记录 / 申诉');
      appeal.href = '/progress/sessions/' + encodeURIComponent(conv.id);
      actions.appendChild(appeal);
    }
    box.appendChild(actions);
    return box;
  }

  function num(v) {
    if (typeof v === 'number') {
      return Math.round(v * 10) / 10;
    }
    if (v && typeof v === 'object' && typeof v.score === 'number') {
      return Math.round(v.score * 10) / 10;
    }
    return '—';
  }

  /**
   * A failed must-pass item of the scorecard ({item, reply, category, rule}: data, not a sentence) in words:
   * 第 3 条回复:站外交易(违反「禁止引导站外交易和联系」).
   */
  function mustPassText(f) {
    var what = (L.violation[f.category] || f.category || '') + (f.rule ? '(违反「' + (L.rule[f.rule] || f.rule) + '」)' : '');
    return (f.reply ? '第 ' + f.reply + ' 条回复:' : '') + what;
  }

  function scorecardView(card) {
    var box = h('div', 'scorecard');
    var graded = typeof card.total === 'number';
    var total = h('div', 'score-total ' + (card.passed ? 'pass' : 'fail'));
    total.appendChild(h('span', 'score-label muted', '总分'));
    total.appendChild(h('span', 'score-number', graded ? num(card.total) : '—'));
    total.appendChild(h('span', 'score-verdict', card.passed ? '通过' : '未通过'));
    if (card.tier) {
      // 评分等级 grades the trainee's replies by the rubric; the stars beside the outcome are the buyer's own rating
      var tier = h('span', 'score-tier', '评分等级 ' + card.tier);
      tier.title = '按评分标准(规则、礼貌、速度、结果)给出的总分等级;买家评价(星级)是买家的满意度,只计入“结果”一项';
      total.appendChild(tier);
    }
    box.appendChild(total);
    if (card.tier && card.satisfaction) {
      // a 金牌 beside ★★★ is not a contradiction: say what each one measures
      box.appendChild(h('p', 'score-legend muted', '评分等级看你的回复(规则、礼貌、速度、结果);买家评价 ' + card.satisfaction
        + '/5 是买家自己的满意度,只占“结果”一项的一部分。'));
    }
    var failures = card.mustPassFailures || [];
    if (!graded) {
      box.appendChild(h('p', 'fail-reason', '未通过原因:没有回复买家,本次不评分(计入' + (L.kpi.replyRate3m || 'replyRate3m')
        + ',不计入' + (L.kpi.politenessScore || 'politenessScore') + '和总分)。'));
    } else if (failures.length) {
      var ul = h('ul', 'must-pass');
      failures.forEach(function (f) {
        ul.appendChild(h('li', 'item-violation', '必须项未通过:' + mustPassText(f)));
      });
      box.appendChild(ul);
    } else if (!card.passed && typeof card.passMark === 'number') {
      // every 未通过 says why: with no must-pass item failed, the total is under the pass mark
      box.appendChild(h('p', 'fail-reason', '未通过原因:总分 ' + num(card.total) + ' 低于及格线 ' + num(card.passMark)
        + ' 分,差 ' + num(card.passMark - card.total) + ' 分。看看下面哪一项得分最低。'));
    }
    var dims = card.dimensions || {};
    var table = h('div', 'dimensions');
    Object.keys(dims).forEach(function (k) {
      var cell = h('div', 'dimension');
      cell.appendChild(h('span', 'dim-name', L.dimension[k] || k));
      cell.appendChild(h('span', 'dim-score', num(dims[k])));
      table.appendChild(cell);
    });
    box.appendChild(table);
    return box;
  }

  /** Until the server has a scorecard: a summary of the per-reply annotations, labelled as such. */
  function summaryView(conv, messages) {
    var box = h('div', 'scorecard');
    var replies = messages.filter(function (m) { return m.from === 'trainee'; });
    var annotated = replies.filter(function (m) { return m.annotations; });
    var violations = 0;
    var politeSum = 0;
    var politeN = 0;
    var factsExpected = 0;
    var factsMatched = 0;
    var response = [];
    var cpm = [];
    annotated.forEach(function (m) {
      var a = m.annotations;
      violations += (a.violations || []).length;
      if (a.politeness && typeof a.politeness.score === 'number') {
        politeSum += a.politeness.score;
        politeN++;
      }
      if (a.facts) {
        factsExpected += (a.facts.expected || []).length;
        factsMatched += (a.facts.matched || []).length;
      }
      if (a.speed && a.speed.plausible !== false && typeof a.speed.typedCpm === 'number') {
        cpm.push(a.speed.typedCpm);
      }
    });
    replies.forEach(function (m) {
      if (typeof m.responseMs === 'number') {
        response.push(m.responseMs);
      }
    });
    var stats = h('div', 'dimensions');
    function stat(name, value) {
      var cell = h('div', 'dimension');
      cell.appendChild(h('span', 'dim-name', name));
      cell.appendChild(h('span', 'dim-score', value));
      stats.appendChild(cell);
    }
    stat('回复', replies.length + ' 条');
    stat('违规', violations ? violations + ' 处' : '无');
    stat('要点', factsExpected ? factsMatched + '/' + factsExpected : '—');
    stat('礼貌均分', politeN ? Math.round(politeSum / politeN) : '—');
    stat(L.kpi.avgResponseS || 'avgResponseS', response.length ? seconds(response.reduce(function (a, b) { return a + b; }, 0) / response.length) + ' 秒' : '—');
    if (cpm.length) {
      cpm.sort(function (a, b) { return a - b; });
      stat(L.kpi.typingCpm || 'typingCpm', Math.round(cpm[Math.floor(cpm.length / 2)]) + ' ' + (L.kpi_unit.typingCpm || ''));
    }
    box.appendChild(stats);
    if (violations) {
      box.appendChild(h('p', 'error', '出现平台规则违规:本次会话不能通过(必须项)。'));
    }
    box.appendChild(h('p', 'muted', '完整评分卡(总分、等级、各维度得分)尚未开放;以上根据每条回复的批注汇总,批注见下方对话。'));
    return box;
  }

  // ---------------------------------------------------------------- views

  function showPicker() {
    saveMeter();
    activeId = null;
    save('active', null);
    $('wb-picker').hidden = false;
    $('wb-chat').hidden = true;
    renderInfo(null);
    renderList();
    if (!shiftMode) {
      renderPicker();
    }
  }

  function saveMeter() {
    var conv = active();
    if (conv) {
      conv.meterState = meter.snapshot();
    }
  }

  function show(id) {
    var conv = convs[id];
    if (!conv) {
      return;
    }
    if (activeId !== id) {
      saveMeter();
      activeId = id;
      save('active', id);
      input.value = load('draft.' + id, '') || '';
      if (conv.meterState) {
        meter.restore(conv.meterState);
      } else {
        meter.reset();
      }
    }
    conv.unread = 0;
    $('wb-picker').hidden = true;
    $('wb-chat').hidden = false;
    $('wb-avatar').textContent = conv.buyer.slice(0, 1);
    $('wb-buyer').textContent = conv.buyer;
    $('wb-scenario-title').textContent = conv.title;
    var badge = $('wb-mode-badge');
    badge.textContent = L.mode[conv.mode] || '';
    badge.className = 'badge badge-' + conv.mode;
    $('wb-status').textContent = conv.ended ? '已结束' : conv.closingUntil ? '待发结束语' : '';
    renderClosing(conv);
    var box = $('wb-messages');
    if (box.firstChild !== conv.log) {
      box.textContent = '';
      box.appendChild(conv.log);
    }
    $('wb-typing').hidden = !(conv.typingUntil > Date.now());
    var result = $('wb-result');
    result.textContent = '';
    result.hidden = !conv.result;
    if (conv.result) {
      result.appendChild(conv.result);
    }
    $('wb-composer').hidden = conv.ended;
    updateCount();
    renderInfo(conv);
    renderList();
    scrollDown();
    if (!conv.ended) {
      input.focus();
    }
  }

  function renderList() {
    var ul = $('wb-convs');
    ul.textContent = '';
    var unreadTotal = 0;
    order.forEach(function (id) {
      var conv = convs[id];
      if (!conv) {
        return;
      }
      unreadTotal += conv.unread;
      var li = h('li', 'conv' + (id === activeId ? ' active' : '') + (conv.ended ? ' ended' : ''));
      var open = h('button', 'conv-open');
      open.type = 'button';
      open.appendChild(h('span', 'avatar', conv.buyer.slice(0, 1)));
      var body = h('span', 'conv-body');
      var top = h('span', 'conv-top');
      top.appendChild(h('strong', null, conv.buyer));
      top.appendChild(h('span', 'conv-mode badge-' + conv.mode, L.mode[conv.mode] || ''));
      body.appendChild(top);
      body.appendChild(h('span', 'conv-last', conv.ended ? '已结束 · ' + (L.outcome[conv.outcome] || '')
        : conv.closingUntil ? '买家已结束咨询,待发结束语' : (conv.lastText || conv.title)));
      var wait = h('span', 'conv-wait');
      wait.setAttribute('data-wait', id);
      body.appendChild(wait);
      open.appendChild(body);
      if (conv.unread) {
        open.appendChild(h('span', 'unread', conv.unread > 99 ? '99+' : conv.unread));
      }
      open.addEventListener('click', function () { show(id); });
      li.appendChild(open);
      if (conv.ended) {
        var close = h('button', 'conv-close', '×');
        close.type = 'button';
        close.title = '移出列表';
        close.setAttribute('aria-label', '移出列表');
        close.addEventListener('click', function () { forget(id); });
        li.appendChild(close);
      }
      ul.appendChild(li);
    });
    $('wb-convs-empty').hidden = order.length > 0;
    document.title = (unreadTotal ? '(' + unreadTotal + ') ' : '') + (shiftMode ? '班次模拟' : '接待工作台') + ' · 客服培训';
    updateWaits();
  }

  /**
   * The closing turn: the buyer has finished, and one closing reply (结束语) from the trainee ends the session; the
   * server ends it by itself when the time is up (its live channel then says so; a look at the session is the fallback).
   */
  function renderClosing(conv) {
    if (!conv || conv.id !== activeId) {
      return;
    }
    var box = $('wb-closing');
    if (!conv.closingUntil || conv.ended) {
      box.hidden = true;
      box.textContent = '';
      return;
    }
    var left = Math.max(0, Math.ceil((conv.closingUntil - Date.now()) / 1000));
    box.hidden = false;
    box.textContent = left > 0 ? '买家已结束咨询,请发送结束语(还剩 ' + left + ' 秒,超时会话自动结束)'
      : '结束语时间已到,会话即将结束…';
    $('wb-status').textContent = '待发结束语';
  }

  function closingOver(conv) {
    if (!conv.closingUntil || conv.ended || conv.closingPolled || Date.now() < conv.closingUntil + 3000) {
      return;
    }
    conv.closingPolled = true;
    api('GET', '/api/sessions/' + encodeURIComponent(conv.id)).then(function (r) {
      if (r.ok && r.body.ended && !conv.finished) {
        conv.outcome = r.body.outcome || conv.outcome;
        conv.satisfaction = r.body.satisfaction || conv.satisfaction;
        finish(conv);
      } else {
        setTimeout(function () { conv.closingPolled = false; }, 3000);
      }
    });
  }

  /** How long each buyer has been waiting for an answer (shops watch the 3-minute reply rate). */
  function updateWaits() {
    var now = Date.now();
    order.forEach(function (id) {
      if (convs[id]) {
        closingOver(convs[id]);
      }
    });
    renderClosing(active());
    order.forEach(function (id) {
      var conv = convs[id];
      var span = document.querySelector('[data-wait="' + id + '"]');
      if (!conv || !span) {
        return;
      }
      var s = conv.waitingSince && !conv.ended ? Math.floor((now - conv.waitingSince) / 1000) : -1;
      span.textContent = s >= 5 ? '等待 ' + s + ' 秒' : '';
      span.className = 'conv-wait' + (s >= WAIT_LATE_S ? ' overdue' : s >= WAIT_WARN_S ? ' late' : '');
    });
  }

  function renderInfo(conv) {
    var box = $('wb-info');
    box.textContent = '';
    if (!conv || !conv.card) {
      box.appendChild(h('p', 'muted side-hint', '开始或选择一个会话后,这里显示买家咨询的商品和订单。'));
      return;
    }
    var card = conv.card;
    var product = card.product || {};
    var sec = h('section', 'side-card product');
    sec.appendChild(h('h2', null, '商品'));
    sec.appendChild(h('div', 'product-title', product.title));
    if (typeof product.price === 'number') {
      sec.appendChild(h('div', 'price', '¥' + product.price));
    }
    var chart = product.sizeChart || {};
    if (Object.keys(chart).length) {
      sec.appendChild(h('h3', null, '尺码表'));
      var table = h('table', 'size-chart');
      Object.keys(chart).forEach(function (size) {
        var tr = h('tr');
        tr.appendChild(h('th', null, size));
        tr.appendChild(h('td', null, chart[size]));
        table.appendChild(tr);
      });
      sec.appendChild(table);
    }
    var facts = product.facts || {};
    if (Object.keys(facts).length) {
      sec.appendChild(h('h3', null, '商品信息'));
      var dl = h('dl', 'facts');
      Object.keys(facts).forEach(function (k) {
        dl.appendChild(h('dt', null, k));
        dl.appendChild(h('dd', null, facts[k]));
      });
      sec.appendChild(dl);
    }
    box.appendChild(sec);

    var order = card.order;
    if (order) {
      var o = h('section', 'side-card order');
      o.appendChild(h('h2', null, '订单与物流'));
      var odl = h('dl', 'facts');
      [['订单号', order.id], ['状态', window.kt.label('order_status', order.status)], ['付款时间', order.paidAt], ['快递', order.carrier],
        ['运单号', order.tracking], ['收货地址', order.address]].forEach(function (row) {
        if (row[1]) {
          odl.appendChild(h('dt', null, row[0]));
          odl.appendChild(h('dd', null, row[1]));
        }
      });
      o.appendChild(odl);
      if (order.events && order.events.length) {
        var ol = h('ol', 'tracking');
        order.events.forEach(function (e) {
          var li = h('li');
          li.appendChild(h('span', 'track-time', e.time));
          li.appendChild(h('span', null, e.text));
          ol.appendChild(li);
        });
        o.appendChild(ol);
      }
      box.appendChild(o);
    }
  }

  // ---------------------------------------------------------------- scenario picker

  var OUTCOME_RANK = { converted: 3, resolved: 3, escalated: 2, lost: 1 };

  function statsByScenario() {
    var stats = {};
    sessions.forEach(function (s) {
      var st = stats[s.scenarioId] || (stats[s.scenarioId] = { attempts: 0, best: null });
      st.attempts++;
      if (s.ended && s.outcome) {
        var rank = (OUTCOME_RANK[s.outcome] || 0) * 10 + (s.satisfaction || 0);
        if (!st.best || rank > st.best.rank) {
          st.best = { rank: rank, outcome: s.outcome, satisfaction: s.satisfaction };
        }
      }
    });
    return stats;
  }

  function loadPicker() {
    return Promise.all([api('GET', '/api/scenarios'), api('GET', '/api/sessions')]).then(function (r) {
      if (!r[0].ok) {
        $('wb-picker-status').textContent = '场景加载失败,请刷新页面重试。';
        return;
      }
      scenarios = r[0].body || [];
      sessions = r[1].ok ? r[1].body || [] : [];
      fillFilters();
      renderPicker();
      return sessions;
    }, function () {
      $('wb-picker-status').textContent = '网络连接失败,请刷新页面重试。';
    });
  }

  function fillFilters() {
    var cat = $('wb-filter-category');
    var dif = $('wb-filter-difficulty');
    var cats = [];
    var difs = [];
    scenarios.forEach(function (s) {
      if (cats.indexOf(s.category) < 0) {
        cats.push(s.category);
      }
      if (difs.indexOf(s.difficulty) < 0) {
        difs.push(s.difficulty);
      }
    });
    cat.length = 1;
    dif.length = 1;
    cats.forEach(function (c) {
      var o = h('option', null, L.category[c] || c);
      o.value = c;
      cat.appendChild(o);
    });
    difs.sort().forEach(function (d) {
      var o = h('option', null, stars(d).replace(/☆/g, ''));
      o.value = String(d);
      dif.appendChild(o);
    });
  }

  function renderPicker() {
    var box = $('wb-scenarios');
    box.textContent = '';
    var cat = $('wb-filter-category').value;
    var dif = $('wb-filter-difficulty').value;
    var stats = statsByScenario();
    var shown = scenarios.filter(function (s) {
      return (!cat || s.category === cat) && (!dif || String(s.difficulty) === dif);
    });
    $('wb-picker-status').textContent = scenarios.length ? (shown.length ? '' : '没有符合条件的场景') : '还没有可练习的场景,请联系培训师。';
    var groups = {};
    var names = [];
    shown.forEach(function (s) {
      if (!groups[s.category]) {
        groups[s.category] = [];
        names.push(s.category);
      }
      groups[s.category].push(s);
    });
    var known = Object.keys(L.category);
    names.sort(function (a, b) {
      var i = known.indexOf(a) < 0 ? 99 : known.indexOf(a);
      var j = known.indexOf(b) < 0 ? 99 : known.indexOf(b);
      return i - j || (a < b ? -1 : 1);
    });
    names.forEach(function (c) {
      var sec = h('section', 'scenario-group');
      sec.appendChild(h('h2', null, L.category[c] || c));
      var grid = h('div', 'scenario-grid');
      groups[c].sort(function (a, b) { return a.difficulty - b.difficulty; }).forEach(function (s) {
        var st = stats[s.id] || { attempts: 0, best: null };
        var card = h('article', 'scenario-card');
        card.appendChild(h('h3', null, s.title));
        var meta = h('div', 'scenario-meta');
        var diff = h('span', 'difficulty', stars(s.difficulty));
        diff.title = '难度 ' + s.difficulty + '/5';
        meta.appendChild(diff);
        (s.tags || []).forEach(function (t) { meta.appendChild(h('span', 'tag', t)); });
        card.appendChild(meta);
        var record = st.attempts
          ? '练过 ' + st.attempts + ' 次' + (st.best ? ' · 最佳:' + (L.outcome[st.best.outcome] || st.best.outcome)
            + (st.best.satisfaction ? ' ' + stars(st.best.satisfaction) : '') : '')
          : '尚未练习';
        card.appendChild(h('div', 'scenario-record' + (st.attempts ? '' : ' muted'), record));
        var go = h('button', 'primary small', '开始接待');
        go.type = 'button';
        go.setAttribute('data-scenario', s.id);
        go.addEventListener('click', function () {
          var mode = document.querySelector('input[name="wb-mode"]:checked');
          startSession(s.id, mode ? mode.value : 'practice');
        });
        card.appendChild(go);
        grid.appendChild(card);
      });
      sec.appendChild(grid);
      box.appendChild(sec);
    });
    suggest();
  }

  /** /train#scenario=ID (推荐练习 on 我的进步) points at one scenario: its card stays marked; it is scrolled to once. */
  var suggestedId = (/scenario=([A-Za-z0-9_-]+)/.exec(location.hash) || [])[1] || null;
  var suggestedShown = false;
  function suggest() {
    var button = suggestedId && document.querySelector('#wb-scenarios button[data-scenario="' + suggestedId + '"]');
    if (!button) {
      return;
    }
    button.closest('.scenario-card').classList.add('suggested');
    if (!suggestedShown) {
      suggestedShown = true;
      button.scrollIntoView({ block: 'center' });
      button.focus();
      history.replaceState(null, '', location.pathname + location.search);
    }
  }

  function startSession(scenarioId, mode) {
    return api('POST', '/api/sessions', { scenario: scenarioId, mode: mode || 'practice' }).then(function (r) {
      if (!r.ok) {
        window.alert('无法开始会话:' + ((r.body && r.body.error) || r.status));
        return;
      }
      sessions.unshift({ id: r.body.id, scenarioId: scenarioId, mode: mode, ended: false });
      return attach(r.body.id, true);
    }, function () {
      window.alert('网络连接失败,请稍后再试。');
    });
  }

  // ---------------------------------------------------------------- quick phrases (快捷短语)

  function loadPhrases() {
    return api('GET', '/api/me/phrases').then(function (r) {
      if (r.ok && Array.isArray(r.body)) {
        phrases = r.body;
        save('phrases', phrases);
      } else {
        phrases = load('phrases', []);
      }
      renderPhrases();
    }, function () {
      phrases = load('phrases', []);
      renderPhrases();
    });
  }

  function renderPhrases() {
    var ol = $('wb-phrases');
    ol.textContent = '';
    phrases.forEach(function (text, i) {
      var li = h('li');
      var b = h('button', 'phrase', text);
      b.type = 'button';
      b.title = i < 9 ? '点击插入(Alt+' + (i + 1) + ')' : '点击插入';
      b.addEventListener('mousedown', function (e) { e.preventDefault(); }); // keep the caret in the reply box
      b.addEventListener('click', function () { insertPhrase(i); });
      li.appendChild(b);
      if (i < 9) {
        li.appendChild(h('kbd', null, 'Alt+' + (i + 1)));
      }
      ol.appendChild(li);
    });
    if (!phrases.length) {
      ol.appendChild(h('li', 'muted', '还没有快捷短语,点“编辑”添加。'));
    }
  }

  function insertPhrase(i) {
    var conv = active();
    if (!conv || conv.ended || !phrases[i]) {
      return;
    }
    input.focus();
    meter.insertPhrase(phrases[i]);
  }

  function editPhrases() {
    var rows = $('wb-phrases-rows');
    rows.textContent = '';
    phrases.forEach(function (p) { addPhraseRow(p); });
    if (!phrases.length) {
      addPhraseRow('');
    }
    $('wb-phrases-error').hidden = true;
    $('wb-phrases-editor').hidden = false;
    $('wb-phrases').hidden = true;
    $('wb-phrases-edit').hidden = true;
  }

  function addPhraseRow(text) {
    var rows = $('wb-phrases-rows');
    if (rows.children.length >= MAX_PHRASES) {
      phraseError('最多 ' + MAX_PHRASES + ' 条快捷短语');
      return;
    }
    var li = h('li', 'phrase-row');
    var ta = h('textarea');
    ta.rows = 2;
    ta.maxLength = MAX_PHRASE_CHARS;
    ta.value = text;
    ta.setAttribute('aria-label', '快捷短语');
    var up = h('button', 'small', '↑');
    up.type = 'button';
    up.title = '上移';
    up.addEventListener('click', function () {
      if (li.previousElementSibling) {
        rows.insertBefore(li, li.previousElementSibling);
      }
    });
    var del = h('button', 'small', '删除');
    del.type = 'button';
    del.addEventListener('click', function () { li.remove(); });
    li.appendChild(ta);
    li.appendChild(up);
    li.appendChild(del);
    rows.appendChild(li);
    return ta;
  }

  function phraseError(message, index) {
    var p = $('wb-phrases-error');
    p.textContent = message;
    p.hidden = false;
    var rows = $('wb-phrases-rows').children;
    Array.prototype.forEach.call(rows, function (r, i) { r.classList.toggle('invalid', i === index); });
  }

  function savePhrases() {
    var list = [];
    var rows = $('wb-phrases-rows').querySelectorAll('textarea');
    for (var i = 0; i < rows.length; i++) {
      var v = rows[i].value.trim();
      if (!v) {
        continue; // empty rows are simply dropped
      }
      if (window.kt.typing.length(v) > MAX_PHRASE_CHARS) {
        phraseError('第 ' + (i + 1) + ' 条超过 ' + MAX_PHRASE_CHARS + ' 字', i);
        return;
      }
      list.push(v);
    }
    api('PUT', '/api/me/phrases', list).then(function (r) {
      if (r.ok) {
        phrases = r.body;
        save('phrases', phrases);
        closeEditor();
        renderPhrases();
      } else {
        var m = r.body && r.body.field && /\[(\d+)\]/.exec(r.body.field);
        phraseError('保存失败:' + ((r.body && r.body.error) || r.status), m ? parseInt(m[1], 10) : -1);
      }
    }, function () {
      phraseError('网络连接失败,请稍后再保存');
    });
  }

  function closeEditor() {
    $('wb-phrases-editor').hidden = true;
    $('wb-phrases').hidden = false;
    $('wb-phrases-edit').hidden = false;
  }

  // ---------------------------------------------------------------- composer

  // The box takes a long paste whole (no maxlength cutting it silently) and says at once what is too much.
  function updateCount() {
    var n = window.kt.typing.length(input.value);
    var count = $('wb-count');
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
    var box = $('wb-hint');
    box.textContent = text || '';
    box.className = text ? 'bad' : 'muted';
  }

  function setNet(text, kind) {
    var net = $('wb-net');
    net.textContent = text;
    net.className = 'net net-' + kind;
  }

  function updateNet() {
    var waiting = outbox.length;
    var down = order.some(function (id) {
      var c = convs[id];
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
      insertPhrase(parseInt(e.code.slice(5), 10) - 1);
    }
  });

  input.addEventListener('input', function () {
    var conv = active();
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
  if (!shiftMode) {
    $('wb-new').addEventListener('click', function () { showPicker(); });
    $('wb-filter-category').addEventListener('change', renderPicker);
    $('wb-filter-difficulty').addEventListener('change', renderPicker);
  }
  $('wb-phrases-edit').addEventListener('click', editPhrases);
  $('wb-phrases-add').addEventListener('click', function () {
    var ta = addPhraseRow('');
    if (ta) {
      ta.focus();
    }
  });
  $('wb-phrases-cancel').addEventListener('click', closeEditor);
  $('wb-phrases-save').addEventListener('click', savePhrases);
  window.addEventListener('online', function () {
    updateNet();
    flushAll();
  });
  window.addEventListener('offline', updateNet);
  document.addEventListener('visibilitychange', function () {
    var conv = active();
    if (!document.hidden && conv) {
      conv.unread = 0;
      renderList();
    }
  });
  // Another tab of the same trainee changed the outbox (e.g. sent a queued reply): keep ours in step.
  window.addEventListener('storage', function (e) {
    if (e.key === STORE + 'outbox') {
      outbox = load('outbox', []);
      updateNet();
    }
  });
  setInterval(updateWaits, 1000);

  // ---------------------------------------------------------------- start-up: resume where the trainee was

  // What shift.js drives: open a session in the list, switch to it, show the shift panel.
  window.kt.workbench = {
    attach: function (id, activate) { return convs[id] ? Promise.resolve() : attach(id, activate); },
    show: show,
    showPanel: showPicker,
    activeId: function () { return activeId; },
    ids: function () { return order.slice(); },
    h: h,
    api: api,
    labels: L
  };

  loadPhrases();
  if (shiftMode) {
    updateNet();
    return;
  }
  loadPicker().then(function () {
    var remembered = load('open', []);
    var ids = [];
    function add(id) {
      if (id && ids.indexOf(id) < 0) {
        ids.push(id);
      }
    }
    // conversations still running on the server, those the trainee had open, and any with unsent replies
    sessions.filter(function (s) { return !s.ended; }).forEach(function (s) { add(s.id); });
    remembered.forEach(add);
    outbox.forEach(function (o) { add(o.sid); });
    var known = {};
    sessions.forEach(function (s) { known[s.id] = s; });
    ids = ids.filter(function (id) { return known[id]; }).slice(0, 20);
    var wanted = load('active', null);
    ids.slice().reverse().forEach(function (id) {
      attach(id, id === wanted);
    });
    if (!wanted || ids.indexOf(wanted) < 0) {
      showPicker();
    }
    updateNet();
  });
})();
