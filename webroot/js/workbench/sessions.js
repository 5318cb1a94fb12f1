// A conversation's life on the page: opened (or re-opened after a reload) from its stored messages, fed by the
// live channel and the replies' answers, ended with the scorecard, closed by the trainee.
import { api } from '../api.js';
import { ms } from '../format.js';
import { S, makeConv, save, saveOpen } from './state.js';
import { messageNode, addCoach, transcriptLog } from './messages.js';
import { resultPanel } from './scorecard.js';
import { connect, disconnect } from './live.js';
import { renderPending, dropFromOutbox, dropConversation, acknowledge, flush, setNet } from './outbox.js';
import { meter } from './composer.js';
import { show, showPanel, refresh, renderList, renderClosing, scrollDown, hideTyping } from './view.js';

const SCORECARD_TRIES = 5;

/** Opens (or re-opens after a reload) a session: its stored messages, then the live channel. */
export function attach(id, activate) {
  const conv = S.convs[id] || makeConv(id);
  if (S.order.indexOf(id) < 0) {
    S.order.unshift(id);
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
    const s = r.body;
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
    const now = Date.now();
    let held = false;
    (s.messages || []).forEach(function (m) {
      if (held || (m.from !== 'trainee' && ms(m.at) > now)) {
        held = true;
        return;
      }
      addMessage(conv, m, true);
    });
    // Replies the server already has are acknowledged; the others are sent again.
    S.outbox.filter(function (o) { return o.sid === id; }).forEach(function (o) {
      const stored = (s.messages || []).filter(function (m) { return m.clientId === o.clientId; })[0];
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
    refresh(conv);
  }, function () {
    setNet('连接失败,稍后重试…', 'bad');
    setTimeout(function () { attach(id, false); }, 3000);
  });
}

export function forget(id) {
  const conv = S.convs[id];
  if (conv && conv.es) {
    conv.es.close();
  }
  delete S.convs[id];
  S.order = S.order.filter(function (x) { return x !== id; });
  save('draft.' + id, null);
  dropConversation(id);
  saveOpen();
  if (S.activeId === id) {
    S.activeId = null;
    save('active', null);
    showPanel();
  }
  renderList();
}

export function addMessage(conv, m, initial) {
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
  const node = messageNode(conv, m);
  conv.nodes[m.id] = node;
  conv.log.appendChild(node);
  if (m.from === 'trainee' && m.annotations) {
    addCoach(conv, node, m.text, m.annotations);
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
    if (!initial && (conv.id !== S.activeId || document.hidden)) {
      conv.unread++;
    }
    if (conv.id === S.activeId) {
      meter.markPrompt();
    }
  } else if (m.from === 'trainee') {
    conv.waitingSince = null;
  }
  if (conv.id === S.activeId) {
    scrollDown();
  }
  renderList();
}

/** The session is over: the live channel closes and the scorecard comes, with the graded transcript. */
export function finish(conv) {
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
  refresh(conv);
  loadScorecard(conv, 1);
}

/**
 * The scorecard with the transcript (exam mode shows findings only now). Until it can be read, the panel says it
 * is coming; after a few failed tries it offers to read it again.
 */
function loadScorecard(conv, attempt) {
  const actions = {
    again: function () { startSession(conv.scenarioId, conv.mode); },
    other: function () { showPanel(); },
    close: function () { forget(conv.id); },
    retry: null
  };
  function missing() {
    if (!S.convs[conv.id]) {
      return; // closed meanwhile
    }
    if (attempt < SCORECARD_TRIES) {
      setTimeout(function () { loadScorecard(conv, attempt + 1); }, 1000 * attempt);
    } else {
      actions.retry = function () { loadScorecard(conv, 1); };
    }
    conv.result = resultPanel(conv, null, actions);
    refresh(conv);
  }
  api('GET', '/api/sessions/' + encodeURIComponent(conv.id) + '/scorecard').then(function (r) {
    if (!(r.ok && r.body && r.body.total !== undefined)) {
      missing();
      return;
    }
    conv.outcome = r.body.outcome || conv.outcome;
    conv.satisfaction = r.body.satisfaction || conv.satisfaction;
    transcript(conv, r.body.messages || []);
    conv.result = resultPanel(conv, r.body, actions);
    refresh(conv);
  }, missing);
}

/** Redraws the conversation from the stored transcript, each finding on its span. */
function transcript(conv, messages) {
  const log = transcriptLog(conv, messages);
  const stored = {};
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

/** After the closing countdown, a look at the session in case its end did not come through the live channel. */
export function closingOver(conv) {
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

export function startSession(scenarioId, mode) {
  return api('POST', '/api/sessions', { scenario: scenarioId, mode: mode || 'practice' }).then(function (r) {
    if (!r.ok) {
      window.alert('无法开始会话:' + ((r.body && r.body.error) || r.status));
      return;
    }
    S.sessions.unshift({ id: r.body.id, scenarioId: scenarioId, mode: mode, ended: false });
    return attach(r.body.id, true);
  }, function () {
    window.alert('网络连接失败,请稍后再试。');
  });
}
