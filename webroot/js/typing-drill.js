// 打字练习 (/train/typing): type real CS phrases through the IME; 字/分钟, accuracy and consistency are
// measured by the same meter as workbench replies (typing.js). Results stay in this browser (localStorage).
import { $ } from './dom.js';
import { Meter } from './typing.js';

const root = $('drill');
if (root) {
  drill(root);
}

function drill(root) {
  var groups = [];
  try {
    groups = JSON.parse(root.getAttribute('data-groups') || '[]');
  } catch (e) {
    groups = [];
  }
  var HISTORY = 'kt.typing.' + root.getAttribute('data-user') + '.history';

  var input = $('drill-input');
  var target = $('drill-target');
  var meter = new Meter(input, render);
  var queue = [];
  var index = 0;
  var kept = 0;
  var running = false;

  groups.forEach(function (g, i) {
    var o = document.createElement('option');
    o.value = String(i);
    o.textContent = g.name + '(' + g.phrases.length + ')';
    $('drill-group').appendChild(o);
  });

  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = list[i];
      list[i] = list[j];
      list[j] = t;
    }
    return list;
  }

  function start() {
    var g = $('drill-group').value;
    var pool = [];
    groups.forEach(function (group, i) {
      if (g === '' || String(i) === g) {
        pool = pool.concat(group.phrases);
      }
    });
    if (!pool.length) {
      return;
    }
    queue = shuffle(pool.slice()).slice(0, parseInt($('drill-count').value, 10));
    index = 0;
    kept = 0;
    running = true;
    input.disabled = false;
    input.value = '';
    meter.reset();
    show();
    input.focus();
  }

  /** The target phrase, each character coloured by what has been typed so far. */
  function show() {
    var want = Array.from(queue[index] || '');
    var got = Array.from(input.value);
    target.textContent = '';
    want.forEach(function (ch, i) {
      var span = document.createElement('span');
      span.className = i >= got.length ? 'todo' : (got[i] === ch ? 'ok' : 'wrong');
      span.textContent = ch;
      target.appendChild(span);
    });
    $('drill-progress').textContent = running ? '第 ' + (index + 1) + ' / ' + queue.length + ' 句' : '';
  }

  function correct(typed, want) {
    var a = Array.from(typed);
    var b = Array.from(want);
    var n = 0;
    for (var i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] === b[i]) {
        n++;
      }
    }
    return n;
  }

  function render() {
    if (!running) {
      return;
    }
    show();
    var cpm = meter.hanPerMinute();
    $('drill-cpm').textContent = cpm === null ? '—' : Math.round(cpm);
    var committed = meter.counts.committed;
    var sofar = kept + correct(input.value, queue[index] || '');
    $('drill-accuracy').textContent = committed ? Math.round(100 * Math.min(1, sofar / committed)) + '%' : '—';
    var c = meter.consistency();
    $('drill-consistency').textContent = c === null ? '—' : Math.round(c) + '%';
    $('drill-pasted').textContent = meter.counts.pasted;
    // The phrase is done once it is typed exactly.
    if (input.value === queue[index]) {
      next();
    }
  }

  function next() {
    kept += correct(input.value, queue[index] || '');
    index++;
    input.value = '';
    input.dispatchEvent(new Event('input')); // untrusted: the meter re-reads the value without counting
    if (index >= queue.length) {
      finish();
    } else {
      show();
    }
  }

  function finish() {
    running = false;
    input.disabled = true;
    var cpm = meter.hanPerMinute();
    var committed = meter.counts.committed;
    var result = {
      at: new Date().toISOString(),
      cpm: cpm === null ? null : Math.round(cpm),
      accuracy: committed ? Math.round(100 * Math.min(1, kept / committed)) : null,
      consistency: meter.consistency() === null ? null : Math.round(meter.consistency()),
      phrases: queue.length
    };
    $('drill-accuracy').textContent = result.accuracy === null ? '—' : result.accuracy + '%';
    target.textContent = '完成!' + (result.cpm === null ? '' : '速度 ' + result.cpm + ' 字/分钟。') + '点“开始”再来一组。';
    $('drill-progress').textContent = '';
    var history = load();
    history.unshift(result);
    try {
      localStorage.setItem(HISTORY, JSON.stringify(history.slice(0, 20)));
    } catch (e) {
      // storage disabled: the result is still on screen
    }
    renderHistory();
  }

  function load() {
    try {
      return JSON.parse(localStorage.getItem(HISTORY) || '[]');
    } catch (e) {
      return [];
    }
  }

  function renderHistory() {
    var body = $('drill-history');
    body.textContent = '';
    load().forEach(function (r) {
      var tr = document.createElement('tr');
      [new Date(r.at).toLocaleString('zh-CN'), r.cpm === null ? '—' : r.cpm, r.accuracy === null ? '—' : r.accuracy + '%',
        r.consistency === null ? '—' : r.consistency + '%', r.phrases].forEach(function (v) {
        var td = document.createElement('td');
        td.textContent = String(v);
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
  }

  input.addEventListener('keydown', function (e) {
    if (e.isComposing || e.keyCode === 229) {
      return; // Enter picks the IME candidate
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      if (running && input.value) {
        next();
      }
    }
  });
  $('drill-start').addEventListener('click', start);
  renderHistory();
}
