// Shift mode (/train/shift, 班次模拟). The server runs the shift: it lets buyers in on its schedule and closes
// the shift when the time is up. This page starts a shift, brings each new buyer into the workbench's
// conversation list (which does the chatting, drafts, unread badges and waiting timers), counts down, and
// shows the shift report at the end. An ES module; text only through textContent.
import { $, h } from './dom.js';
import { api } from './api.js';
import { L } from './labels.js';
import { root, shiftMode } from './workbench/state.js';
import { startWorkbench } from './workbench/index.js';

const POLL_MS = 1500;

let wb = null;         // the workbench's conversation list, chat and side panel

var shiftId = null;
var endsAt = 0;        // local clock time of the end (the server's remaining time added to our now)
var ended = false;
var pollTimer = null;
var reportShown = false;
var known = {};        // buyers already brought into the list (one closed with × stays closed)

function only(id) {
  ['shift-start', 'shift-running', 'shift-report'].forEach(function (x) { $(x).hidden = x !== id; });
}

function clockText(msLeft) {
  var s = Math.max(0, Math.ceil(msLeft / 1000));
  var m = Math.floor(s / 60);
  s = s % 60;
  return (m < 10 ? '0' : '') + m + ':' + (s < 10 ? '0' : '') + s;
}

// ---------------------------------------------------------------- start

function showStart(message, lastId) {
  wb.showPanel();
  only('shift-start');
  var last = $('shift-last');
  last.hidden = !lastId;
  last.onclick = lastId ? function () {
    shiftId = lastId;
    ended = true;
    reportShown = false;
    loadReport();
  } : null;
  $('shift-clock').hidden = true;
  $('shift-bar').hidden = true;
  var err = $('shift-error');
  err.hidden = !message;
  err.textContent = message || '';
}

$('shift-form').addEventListener('submit', function (e) {
  e.preventDefault();
  var minutes = parseInt($('shift-minutes').value, 10);
  $('shift-go').disabled = true;
  api('POST', '/api/shifts', { minutes: minutes, surge: $('shift-surge').checked }).then(function (r) {
    $('shift-go').disabled = false;
    if (r.status === 201) {
      run(r.body);
    } else if (r.status === 409) {
      resume();
    } else {
      showStart('无法开始班次:' + ((r.body && r.body.error) || r.status));
    }
  }, function () {
    $('shift-go').disabled = false;
    showStart('网络连接失败,请稍后再试。');
  });
});

// ---------------------------------------------------------------- running

function run(state) {
  shiftId = state.id;
  ended = false;
  reportShown = false;
  only('shift-running');
  $('shift-clock').hidden = false;
  $('shift-bar').hidden = false;
  apply(state);
  poll();
}

/** Takes the server's view of the shift: new buyers join the list, the countdown follows the server clock. */
function apply(state) {
  endsAt = Date.now() + (state.remainingMs || 0);
  (state.sessions || []).forEach(function (s) {
    if (!known[s.id] && wb.ids().indexOf(s.id) < 0) {
      wb.attach(s.id, !wb.activeId() && !state.ended);
    }
    known[s.id] = true;
  });
  var waiting = state.queued ? ' · 排队 ' + state.queued : '';
  $('shift-open').textContent = '接待中 ' + state.open + ' · 已进线 ' + (state.sessions || []).length + waiting;
  $('shift-running-text').textContent = (state.surge ? '大促高峰 · ' : '') + '时长 ' + state.minutes + ' 分钟,已进线 ' + (state.sessions || []).length
    + ' 位买家。点左侧会话回复买家。';
  if (state.ended) {
    ended = true;
    tickClock();
    loadReport();
  }
}

function poll() {
  clearTimeout(pollTimer);
  if (!shiftId || ended) {
    return;
  }
  api('GET', '/api/shifts/' + encodeURIComponent(shiftId)).then(function (r) {
    if (r.ok) {
      apply(r.body);
    }
    pollTimer = setTimeout(poll, POLL_MS);
  }, function () {
    pollTimer = setTimeout(poll, POLL_MS * 2);
  });
}

function tickClock() {
  var clock = $('shift-clock');
  if (!shiftId) {
    return;
  }
  var left = ended ? 0 : endsAt - Date.now();
  clock.textContent = ended ? '班次已结束' : '剩余 ' + clockText(left);
  clock.className = 'shift-clock' + (ended ? ' over' : left <= 60000 ? ' late' : '');
}

$('shift-end').addEventListener('click', function () {
  if (!shiftId || !window.confirm('提前交班?仍在进行的会话将被关闭。')) {
    return;
  }
  api('POST', '/api/shifts/' + encodeURIComponent(shiftId) + '/end').then(function (r) {
    if (r.ok) {
      apply(r.body);
    }
  });
});

$('shift-panel').addEventListener('click', function () {
  wb.showPanel();
});

// ---------------------------------------------------------------- report

function loadReport() {
  if (reportShown) {
    return;
  }
  reportShown = true;
  api('GET', '/api/shifts/' + encodeURIComponent(shiftId) + '/report').then(function (r) {
    if (r.ok) {
      renderReport(r.body);
    } else {
      reportShown = false;
      setTimeout(loadReport, 1000);
    }
  }, function () {
    reportShown = false;
    setTimeout(loadReport, 2000);
  });
}

function fmt(v, digits) {
  if (typeof v !== 'number') {
    return '—';
  }
  var f = Math.pow(10, digits === undefined ? 1 : digits);
  return String(Math.round(v * f) / f);
}

// KPI names and units are written once, in scenarios/kpi.yaml, and reach the page with the vocabulary
function kpiName(key) {
  return (L.kpi && L.kpi[key]) || key;
}

function kpiValue(key, v) {
  var unit = (L.kpi_unit && L.kpi_unit[key]) || '';
  return fmt(v, key === 'answerRatio' ? 2 : 1) + (unit === '' || unit === '%' ? unit : ' ' + unit);
}

function renderReport(r) {
  var box = $('shift-report');
  box.textContent = '';
  var head = h('div', 'result-head');
  head.appendChild(h('h1', null, '班次报告'));
  head.appendChild(h('span', 'shift-verdict ' + (r.passed ? 'pass' : 'fail'), r.passed ? '达标' : '未达标'));
  box.appendChild(head);
  if (!r.passed) {
    // every 未达标 says why: the targets this shift missed, by name
    var missed = (r.targets || []).filter(function (t) { return t.met === false; })
      .map(function (t) { return (t.label || kpiName(t.kpi || t.key)) + '(目标 ' + t.target + ')'; });
    box.appendChild(h('p', 'fail-reason', missed.length ? '未达标:' + missed.join('、')
      : '未达标:这个班次没有接待完的买家,没有可评估的指标'));
  }
  var k = r.kpis || {};
  var c = k.counts || {};
  box.appendChild(h('p', 'muted', '时长 ' + r.minutes + ' 分钟 · 接待买家 ' + r.sessions + ' 位 · 买家轮次 ' + (c.rounds || 0)
    + ',3分钟内回复 ' + (c.roundsIn3m || 0) + '(未回复的轮次计为超时)'));
  if (r.unanswered) {
    // a buyer nobody answered has its own figure: not a 0 in 礼貌分 or 总分, but a miss in the reply rate
    var un = h('p', 'unanswered-note', '未回复的买家 ' + r.unanswered + ' 位:计入' + kpiName('replyRate3m')
      + '(算作超时),不计入' + kpiName('politenessScore') + '、' + kpiName('rulesScore') + '和总分。');
    un.setAttribute('data-unanswered', String(r.unanswered));
    box.appendChild(un);
  }

  var table = h('table', 'shift-kpis');
  var thead = h('tr');
  ['指标', '本班次', '目标', ''].forEach(function (t) { thead.appendChild(h('th', null, t)); });
  table.appendChild(thead);
  var targeted = {};
  (r.targets || []).forEach(function (t) { targeted[t.kpi] = t; });
  ['firstResponseS', 'avgResponseS', 'replyRate3m', 'answerRatio', 'conversionRate', 'resolutionRate', 'satisfaction',
    'politenessScore', 'rulesScore', 'violationsPer100', 'forbiddenPer100', 'typingCpm'].forEach(function (key) {
    var t = targeted[key];
    var tr = h('tr', t ? (t.met === true ? 'ok' : t.met === false ? 'bad' : 'none') : 'plain');
    tr.setAttribute('data-kpi', key);
    tr.appendChild(h('th', null, (t && t.label) || kpiName(key)));
    tr.appendChild(h('td', 'num', typeof k[key] === 'number' ? kpiValue(key, k[key]) : '无数据'));
    tr.appendChild(h('td', 'muted', t ? t.target : ''));
    tr.appendChild(h('td', 'verdict', !t ? '' : t.met === true ? '✓ 达标' : t.met === false ? '✗ 未达标' : '—'));
    table.appendChild(tr);
  });
  box.appendChild(table);

  var o = r.outcomes || {};
  var outcomes = h('div', 'dimensions shift-outcomes');
  ['converted', 'resolved', 'escalated', 'lost', 'unfinished'].forEach(function (x) {
    var cell = h('div', 'dimension');
    cell.setAttribute('data-outcome', x);
    cell.appendChild(h('span', 'dim-name', L.outcome[x] || x));
    cell.appendChild(h('span', 'dim-score', o[x] || 0));
    outcomes.appendChild(cell);
  });
  var v = h('div', 'dimension');
  v.appendChild(h('span', 'dim-name', '违规 / 禁语'));
  v.appendChild(h('span', 'dim-score', (c.violations || 0) + ' / ' + (c.forbidden || 0)));
  outcomes.appendChild(v);
  box.appendChild(outcomes);

  var list = h('table', 'shift-sessions');
  var lh = h('tr');
  ['买家', '结果', kpiName('firstResponseS'), '3分钟内回复', '总分'].forEach(function (t) { lh.appendChild(h('th', null, t)); });
  list.appendChild(lh);
  (r.conversations || []).forEach(function (s) {
    var tr = h('tr');
    var title = h('td');
    var open = h('button', 'link', s.title);
    open.type = 'button';
    open.addEventListener('click', function () { wb.show(s.id); });
    title.appendChild(open);
    tr.appendChild(title);
    tr.appendChild(h('td', null, L.outcome[s.outcome || 'unfinished'] || s.outcome || 'unfinished'));
    tr.appendChild(h('td', 'num', typeof s.firstResponseS === 'number' ? kpiValue('firstResponseS', s.firstResponseS) : '未回复'));
    tr.appendChild(h('td', 'num', s.roundsIn3m + '/' + s.rounds));
    // a buyer nobody answered has no grade to show: say so rather than print the rubric's floor as a score
    tr.appendChild(h('td', 'num', s.replies === 0 ? '未回复,不评分' : fmt(s.total)));
    list.appendChild(tr);
  });
  box.appendChild(list);

  var again = h('button', 'primary', '再来一班');
  again.type = 'button';
  again.addEventListener('click', function () {
    shiftId = null;
    $('shift-clock').hidden = true;
    showStart(null);
  });
  box.appendChild(again);
  only('shift-report');
  wb.showPanel();
}

// ---------------------------------------------------------------- start-up: resume a running shift

function resume() {
  return api('GET', '/api/shifts').then(function (r) {
    var latest = r.ok && r.body && r.body[0];
    if (!latest || latest.ended) {
      showStart(null, latest ? latest.id : null);
      return;
    }
    return api('GET', '/api/shifts/' + encodeURIComponent(latest.id)).then(function (s) {
      if (s.ok) {
        run(s.body);
      } else {
        showStart(null);
      }
    });
  }, function () {
    showStart('网络连接失败,请刷新页面重试。');
  });
}

if (root && shiftMode) {
  wb = startWorkbench();
  setInterval(tickClock, 250);
  resume();
}
