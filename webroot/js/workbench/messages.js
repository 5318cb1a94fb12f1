// The conversation view: one node per message (the buyer's bubbles, pictures and product cards as 千牛 shows
// them, the trainee's replies with their state and coach, a scenario's grey notices).
import { h } from '../dom.js';
import { clock, seconds } from '../format.js';
import { coach, factLabels } from './coach.js';
import { appeals } from './state.js';

// A buyer may send a picture or the product's card instead of typing (scenario lines "[图片:说明]", "[商品]"):
// shown as 千牛 shows them, never as the raw marker. The marker stays the message text for the API and the scorer.
const IMAGE = /^\[图片(?:[:：]\s*([^\]]*))?\]$/;
const CARD = /^\[商品(?:卡片)?\]$/;

function bubble(conv, m) {
  const text = String(m.text == null ? '' : m.text);
  if (m.from === 'buyer') {
    const img = IMAGE.exec(text.trim());
    if (img) {
      const pic = h('div', 'bubble bubble-image');
      pic.setAttribute('role', 'img');
      pic.setAttribute('aria-label', '买家发来的图片');
      pic.appendChild(h('span', 'image-icon', '图片'));
      pic.appendChild(h('span', 'image-caption', img[1] ? img[1] : '买家发来一张图片'));
      return pic;
    }
    if (CARD.test(text.trim())) {
      const p = (conv.card && conv.card.product) || {};
      const card = h('div', 'bubble bubble-card');
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

/** A stored message: the buyer's, the trainee's (delivered, with its response time) or a system notice. */
export function messageNode(conv, m) {
  if (m.from === 'system') {
    // a scenario's notice (买家申请平台介入…): grey and centred, never the buyer speaking
    const notice = h('div', 'msg msg-system');
    notice.appendChild(h('span', 'notice-text', m.text));
    return notice;
  }
  const mine = m.from === 'trainee';
  const node = h('div', 'msg ' + (mine ? 'msg-mine' : 'msg-buyer') + (m.kind === 'nudge' ? ' msg-nudge' : ''));
  if (!mine) {
    node.appendChild(h('span', 'avatar small', conv.buyer.slice(0, 1)));
  }
  const body = h('div', 'msg-body');
  const meta = h('div', 'msg-meta', (mine ? '我' : conv.buyer) + ' ' + clock(m.at));
  if (mine) {
    pastedTag(meta, m.pasted);
  }
  body.appendChild(meta);
  body.appendChild(bubble(conv, m));
  if (mine) {
    const state = h('div', 'msg-state sent', '已送达');
    if (typeof m.responseMs === 'number') {
      state.textContent += ' · 响应 ' + seconds(m.responseMs) + ' 秒';
    }
    body.appendChild(state);
  }
  node.appendChild(body);
  return node;
}

/** A reply on its way: {node, state}, the state line saying 发送中… until the server has it. */
export function pendingNode(item) {
  const node = h('div', 'msg msg-mine pending');
  const body = h('div', 'msg-body');
  const meta = h('div', 'msg-meta', '我 ' + clock(new Date(item.createdAt).toISOString()));
  pastedTag(meta, item.metrics && item.metrics.pasted);
  body.appendChild(meta);
  body.appendChild(h('div', 'bubble', item.text));
  const state = h('div', 'msg-state', '发送中…');
  body.appendChild(state);
  node.appendChild(body);
  return { node: node, state: state };
}

/** Replies with pasted text say so (the server keeps the count with the reply; it does not count as typed). */
function pastedTag(meta, pasted) {
  if (typeof pasted === 'number' && pasted > 0) {
    const tag = h('span', 'msg-pasted', '粘贴 ' + pasted + ' 字');
    tag.title = '这条回复含粘贴的内容,不计入打字速度';
    meta.appendChild(document.createTextNode(' '));
    meta.appendChild(tag);
  }
}

/** Puts the coach under a reply node. */
export function addCoach(conv, node, text, annotations) {
  node.querySelector('.msg-body').appendChild(coach(text, annotations, factLabels(conv)));
}

/** The stored transcript as a new chat log, each finding on its span; seen and nodes are refilled. */
export function transcriptLog(conv, messages) {
  const log = h('div', 'chat-log');
  conv.seen = {};
  conv.nodes = {};
  messages.forEach(function (m) {
    conv.seen[m.id] = true;
    const node = messageNode(conv, m);
    if (m.from === 'trainee' && m.annotations) {
      addCoach(conv, node, m.text, m.annotations);
      if (conv.ended && appeals) {
        // 申诉 on this reply's findings: the transcript page lists each one with its own button and status
        const appeal = h('a', 'coach-appeal', '对评分有异议?申诉');
        appeal.href = '/progress/sessions/' + encodeURIComponent(conv.id) + '#m' + m.id;
        node.querySelector('.msg-body').appendChild(appeal);
      }
    }
    conv.nodes[m.id] = node;
    log.appendChild(node);
  });
  return log;
}
