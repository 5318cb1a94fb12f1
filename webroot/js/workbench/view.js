// What the workbench shows around the chat: the conversation list with unread badges and waiting times, the
// chat header, the closing countdown, the buyer-is-typing line and the product and order card beside it.
import { $, h, byAttr } from '../dom.js';
import { L, label } from '../labels.js';
import { S, active, save, load, shiftMode } from './state.js';
import { input, meter, updateCount } from './composer.js';
import { renderPicker } from './picker.js';
import { emit } from './events.js';

const WAIT_WARN_S = 30;
const WAIT_LATE_S = 150; // red before the 3-minute mark that the shop's 3分钟回复率 counts

/** The scenario picker (the shift panel in shift mode) instead of a conversation. */
export function showPanel() {
  saveMeter();
  S.activeId = null;
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
  const conv = active();
  if (conv) {
    conv.meterState = meter.snapshot();
  }
}

/** Switches to a conversation: its log, its draft and its typing counts come back as they were. */
export function show(id) {
  const conv = S.convs[id];
  if (!conv) {
    return;
  }
  if (S.activeId !== id) {
    saveMeter();
    S.activeId = id;
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
  const badge = $('wb-mode-badge');
  badge.textContent = L.mode[conv.mode] || '';
  badge.className = 'badge badge-' + conv.mode;
  $('wb-status').textContent = conv.ended ? '已结束' : conv.closingUntil ? '待发结束语' : '';
  renderClosing(conv);
  const box = $('wb-messages');
  if (box.firstChild !== conv.log) {
    box.textContent = '';
    box.appendChild(conv.log);
  }
  $('wb-typing').hidden = !(conv.typingUntil > Date.now());
  const result = $('wb-result');
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

/** Redraws the conversation shown, if it is this one. */
export function refresh(conv) {
  if (conv.id === S.activeId) {
    show(conv.id);
  }
}

export function scrollDown() {
  const box = $('wb-messages');
  box.scrollTop = box.scrollHeight;
}

export function showTyping(conv, until) {
  conv.typingUntil = Math.max(conv.typingUntil, until);
  if (conv.id === S.activeId) {
    $('wb-typing').hidden = false;
    scrollDown();
  }
  clearTimeout(conv.typingTimer);
  conv.typingTimer = setTimeout(function () { hideTyping(conv); }, Math.max(0, conv.typingUntil - Date.now()) + 1500);
}

export function hideTyping(conv) {
  conv.typingUntil = 0;
  if (conv.id === S.activeId) {
    $('wb-typing').hidden = true;
  }
}

export function renderList() {
  const ul = $('wb-convs');
  ul.textContent = '';
  let unreadTotal = 0;
  S.order.forEach(function (id) {
    const conv = S.convs[id];
    if (!conv) {
      return;
    }
    unreadTotal += conv.unread;
    const li = h('li', 'conv' + (id === S.activeId ? ' active' : '') + (conv.ended ? ' ended' : ''));
    const open = h('button', 'conv-open');
    open.type = 'button';
    open.appendChild(h('span', 'avatar', conv.buyer.slice(0, 1)));
    const body = h('span', 'conv-body');
    const top = h('span', 'conv-top');
    top.appendChild(h('strong', null, conv.buyer));
    top.appendChild(h('span', 'conv-mode badge-' + conv.mode, L.mode[conv.mode] || ''));
    body.appendChild(top);
    body.appendChild(h('span', 'conv-last', conv.ended ? '已结束 · ' + (L.outcome[conv.outcome] || '')
      : conv.closingUntil ? '买家已结束咨询,待发结束语' : (conv.lastText || conv.title)));
    const wait = h('span', 'conv-wait');
    wait.setAttribute('data-wait', id);
    body.appendChild(wait);
    open.appendChild(body);
    if (conv.unread) {
      open.appendChild(h('span', 'unread', conv.unread > 99 ? '99+' : conv.unread));
    }
    open.addEventListener('click', function () { show(id); });
    li.appendChild(open);
    if (conv.ended) {
      const close = h('button', 'conv-close', '×');
      close.type = 'button';
      close.title = '移出列表';
      close.setAttribute('aria-label', '移出列表');
      close.addEventListener('click', function () { emit('forget', id); });
      li.appendChild(close);
    }
    ul.appendChild(li);
  });
  $('wb-convs-empty').hidden = S.order.length > 0;
  document.title = (unreadTotal ? '(' + unreadTotal + ') ' : '') + (shiftMode ? '班次模拟' : '接待工作台') + ' · 客服培训';
  updateWaits();
}

/**
 * The closing turn: the buyer has finished, and one closing reply (结束语) from the trainee ends the session; the
 * server ends it by itself when the time is up (its live channel then says so; a look at the session is the fallback).
 */
export function renderClosing(conv) {
  if (!conv || conv.id !== S.activeId) {
    return;
  }
  const box = $('wb-closing');
  if (!conv.closingUntil || conv.ended) {
    box.hidden = true;
    box.textContent = '';
    return;
  }
  const left = Math.max(0, Math.ceil((conv.closingUntil - Date.now()) / 1000));
  box.hidden = false;
  box.textContent = left > 0 ? '买家已结束咨询,请发送结束语(还剩 ' + left + ' 秒,超时会话自动结束)'
    : '结束语时间已到,会话即将结束…';
  $('wb-status').textContent = '待发结束语';
}

/** How long each buyer has been waiting for an answer (shops watch the 3-minute reply rate). */
export function updateWaits() {
  const now = Date.now();
  S.order.forEach(function (id) {
    if (S.convs[id]) {
      emit('tick', S.convs[id]);
    }
  });
  renderClosing(active());
  S.order.forEach(function (id) {
    const conv = S.convs[id];
    const span = document.querySelector(byAttr('data-wait', id));
    if (!conv || !span) {
      return;
    }
    const s = conv.waitingSince && !conv.ended ? Math.floor((now - conv.waitingSince) / 1000) : -1;
    span.textContent = s >= 5 ? '等待 ' + s + ' 秒' : '';
    span.className = 'conv-wait' + (s >= WAIT_LATE_S ? ' overdue' : s >= WAIT_WARN_S ? ' late' : '');
  });
}

/** The product the buyer asks about and their order with its tracking, beside the chat. */
function renderInfo(conv) {
  const box = $('wb-info');
  box.textContent = '';
  if (!conv || !conv.card) {
    box.appendChild(h('p', 'muted side-hint', '开始或选择一个会话后,这里显示买家咨询的商品和订单。'));
    return;
  }
  const card = conv.card;
  const product = card.product || {};
  const sec = h('section', 'side-card product');
  sec.appendChild(h('h2', null, '商品'));
  sec.appendChild(h('div', 'product-title', product.title));
  if (typeof product.price === 'number') {
    sec.appendChild(h('div', 'price', '¥' + product.price));
  }
  const chart = product.sizeChart || {};
  if (Object.keys(chart).length) {
    sec.appendChild(h('h3', null, '尺码表'));
    const table = h('table', 'size-chart');
    Object.keys(chart).forEach(function (size) {
      const tr = h('tr');
      tr.appendChild(h('th', null, size));
      tr.appendChild(h('td', null, chart[size]));
      table.appendChild(tr);
    });
    sec.appendChild(table);
  }
  const facts = product.facts || {};
  if (Object.keys(facts).length) {
    sec.appendChild(h('h3', null, '商品信息'));
    const dl = h('dl', 'facts');
    Object.keys(facts).forEach(function (k) {
      dl.appendChild(h('dt', null, k));
      dl.appendChild(h('dd', null, facts[k]));
    });
    sec.appendChild(dl);
  }
  box.appendChild(sec);

  const order = card.order;
  if (order) {
    const o = h('section', 'side-card order');
    o.appendChild(h('h2', null, '订单与物流'));
    const odl = h('dl', 'facts');
    [['订单号', order.id], ['状态', label('order_status', order.status)], ['付款时间', order.paidAt], ['快递', order.carrier],
      ['运单号', order.tracking], ['收货地址', order.address]].forEach(function (row) {
      if (row[1]) {
        odl.appendChild(h('dt', null, row[0]));
        odl.appendChild(h('dd', null, row[1]));
      }
    });
    o.appendChild(odl);
    if (order.events && order.events.length) {
      const ol = h('ol', 'tracking');
      order.events.forEach(function (e) {
        const li = h('li');
        li.appendChild(h('span', 'track-time', e.time));
        li.appendChild(h('span', null, e.text));
        ol.appendChild(li);
      });
      o.appendChild(ol);
    }
    box.appendChild(o);
  }
}
