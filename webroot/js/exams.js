// The trainee's exam page: list, take (autosave every answer, server clock), review, and the 错题本.
// All text is set with textContent: question texts come from content files.
import { $, el } from './dom.js';
import { request as api, json } from './api.js';

var state = { attempt: null, clockOffset: 0, timer: null, pending: {}, saving: 0, failed: {} };

// practice.js shows 'practice' (a practice run, with the 错题本 it feeds) through show
var VISIBLE = { list: ['practice-list', 'exam-list', 'mistakes'], paper: ['exam-paper'], result: ['exam-result', 'mistakes'],
  practice: ['practice-paper', 'mistakes'] };

function show(section) {
  ['practice-list', 'practice-paper', 'exam-list', 'exam-paper', 'exam-result', 'mistakes'].forEach(function (id) {
    $(id).hidden = VISIBLE[section].indexOf(id) < 0;
  });
  window.scrollTo(0, 0);
}

// ---- list

function loadList() {
  api('GET', '/api/exams').then(json).then(function (exams) {
    var box = $('exams');
    box.textContent = '';
    if (!exams.length) { box.appendChild(el('p', { className: 'muted', text: '目前没有对你开放的考试。' })); return; }
    exams.forEach(function (exam) {
      var left = el('div', {}, [
        el('h2', { text: exam.title }),
        el('p', { className: 'muted', text: exam.description }),
        el('p', { className: 'muted', text: exam.questionCount + ' 题 · ' + exam.timeLimitMinutes + ' 分钟 · ' + exam.passMark
          + ' 分及格 · 已考 ' + exam.attemptsUsed + '/' + exam.attemptsAllowed + ' 次'
          + (exam.bestPercent !== null ? ' · 最好成绩 ' + exam.bestPercent + ' 分' : '') + (exam.passed ? ' · 已通过' : '') })
      ]);
      exam.attempts.forEach(function (a) {
        var link = el('a', { href: '#attempt=' + a.attemptId, text: '查看 ' + new Date(a.submittedAt).toLocaleString() + ' 的成绩(' + a.percent + ' 分)' });
        left.appendChild(el('div', { className: 'small' }, [link]));
      });
      var button = null;
      if (exam.openAttemptId) {
        button = el('button', { type: 'button', className: 'primary', text: '继续作答' });
        button.addEventListener('click', function () { openAttempt(exam.openAttemptId); });
      } else if (exam.attemptsUsed < exam.attemptsAllowed) {
        button = el('button', { type: 'button', className: 'primary', text: exam.attemptsUsed ? '再考一次' : '开始考试' });
        button.addEventListener('click', function () {
          if (window.confirm('开始后计时 ' + exam.timeLimitMinutes + ' 分钟,中途离开也会继续计时。确定开始吗?')) start(exam.id);
        });
      } else {
        button = el('span', { className: 'muted', text: '考试次数已用完' });
      }
      box.appendChild(el('div', { className: 'exam-row' }, [left, button]));
    });
  }).catch(function (e) { $('exams').textContent = '加载失败:' + e.message; });
}

function start(examId) {
  api('POST', '/api/exams/' + encodeURIComponent(examId) + '/attempts').then(json).then(renderAttempt)
    .catch(function (e) { window.alert('无法开始考试:' + e.message); loadList(); });
}

function openAttempt(id) {
  api('GET', '/api/attempts/' + encodeURIComponent(id)).then(json).then(function (view) {
    if (view.status === 'open') renderAttempt(view); else renderResult(view);
  }).catch(function (e) { window.alert('无法打开:' + e.message); location.hash = ''; show('list'); });
}

// ---- taking the exam

function renderAttempt(view) {
  state.attempt = view;
  state.clockOffset = Date.parse(view.serverTime) - Date.now();
  location.hash = 'attempt=' + view.attemptId;
  $('paper-title').textContent = view.title;
  var list = $('questions');
  list.textContent = '';
  view.questions.forEach(function (q) { list.appendChild(questionItem(q, view.answers[q.id])); });
  countAnswered();
  show('paper');
  tick();
  clearInterval(state.timer);
  state.timer = setInterval(tick, 1000);
}

function questionItem(q, saved) {
  var li = el('li', { id: 'q-' + q.id }, [
    el('p', { className: 'question-text', text: q.text }, [el('span', { className: 'question-type', text: q.typeLabel + ' · ' + q.points + ' 分' })])
  ]);
  var name = 'a-' + q.id;
  if (q.type === 'single' || q.type === 'true_false') {
    q.options.forEach(function (text, i) {
      var value = q.type === 'true_false' ? (i === 0) : i;
      var input = el('input', { type: 'radio', name: name });
      input.checked = saved === value;
      input.addEventListener('change', function () { save(q.id, value); });
      li.appendChild(el('label', { className: 'choice' }, [input, document.createTextNode(text)]));
    });
  } else if (q.type === 'multiple') {
    var boxes = [];
    q.options.forEach(function (text, i) {
      var input = el('input', { type: 'checkbox', name: name });
      input.checked = Array.isArray(saved) && saved.indexOf(i) >= 0;
      input.addEventListener('change', function () {
        save(q.id, boxes.map(function (b, j) { return b.checked ? j : -1; }).filter(function (j) { return j >= 0; }));
      });
      boxes.push(input);
      li.appendChild(el('label', { className: 'choice' }, [input, document.createTextNode(text)]));
    });
  } else if (q.type === 'matching') {
    var selects = [];
    q.prompts.forEach(function (prompt, p) {
      var select = el('select', { 'aria-label': prompt }, [el('option', { value: '', text: '请选择' })]);
      q.options.forEach(function (text, i) { select.appendChild(el('option', { value: String(i), text: text })); });
      if (Array.isArray(saved) && saved[p] !== null && saved[p] !== undefined) select.value = String(saved[p]);
      select.addEventListener('change', function () {
        save(q.id, selects.map(function (s) { return s.value === '' ? null : Number(s.value); }));
      });
      selects.push(select);
      li.appendChild(el('div', { className: 'match-row' }, [el('span', { text: prompt }), select]));
    });
  } else {
    var field = q.type === 'essay' ? el('textarea', { rows: '5', maxlength: '5000' })
      : el('input', { type: 'text', maxlength: '200', inputmode: q.type === 'numeric' ? 'decimal' : 'text' });
    field.value = saved === undefined || saved === null ? '' : String(saved);
    field.setAttribute('aria-label', '你的答案');
    var debounce = null;
    field.addEventListener('input', function () {
      clearTimeout(debounce);
      debounce = setTimeout(function () { save(q.id, textValue(q, field.value)); }, 600);
    });
    field.addEventListener('blur', function () { clearTimeout(debounce); save(q.id, textValue(q, field.value)); });
    li.appendChild(field);
  }
  return li;
}

function textValue(q, text) {
  if (text.trim() === '') return null;
  return text;
}

// Each answer is sent as soon as it changes; "已保存" appears only after the server stored it.
function save(questionId, value) {
  var attempt = state.attempt;
  if (!attempt) return;
  state.pending[questionId] = value;
  attempt.answers[questionId] = value;
  countAnswered();
  state.saving++;
  $('save-state').textContent = '正在保存……';
  api('PUT', '/api/attempts/' + attempt.attemptId + '/answers/' + encodeURIComponent(questionId), { value: value })
    .then(json).then(function (ack) {
      if (state.pending[questionId] === value) delete state.pending[questionId];
      delete state.failed[questionId];
      $('save-state').textContent = '已保存 ' + new Date(ack.savedAt).toLocaleTimeString();
    }).catch(function (e) {
      if (e.status === 409) { $('save-state').textContent = e.message; finish(); return; }
      state.failed[questionId] = value;
      $('save-state').textContent = '保存失败,正在重试……(' + e.message + ')';
      setTimeout(function () { if (questionId in state.failed) save(questionId, state.failed[questionId]); }, 3000);
    }).then(function () { state.saving--; });
}

function answeredCount(a) {
  return a.questions.filter(function (q) {
    var v = a.answers[q.id];
    return v !== undefined && v !== null && !(Array.isArray(v) && v.filter(function (x) { return x !== null; }).length === 0);
  }).length;
}

function countAnswered() {
  var a = state.attempt;
  var n = answeredCount(a);
  $('answered').textContent = '已答 ' + n + ' / ' + a.questions.length + ' 题';
}

function tick() {
  if (!state.attempt) return;
  var left = Math.max(0, Date.parse(state.attempt.deadline) - (Date.now() + state.clockOffset));
  var s = Math.floor(left / 1000);
  $('clock').textContent = String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
  $('clock').parentNode.classList.toggle('urgent', s < 60);
  if (left <= 0) {
    // the server submits at its own deadline; asking for the attempt returns the result
    clearInterval(state.timer);
    $('save-state').textContent = '时间到,正在交卷……';
    setTimeout(finish, 2500);
  }
}

function finish() {
  var attempt = state.attempt;
  if (!attempt) return;
  state.attempt = null;
  clearInterval(state.timer);
  api('GET', '/api/attempts/' + attempt.attemptId).then(json).then(function (view) {
    if (view.status === 'open') {
      return api('POST', '/api/attempts/' + attempt.attemptId + '/submit').then(json).then(renderResult);
    }
    renderResult(view);
  }).catch(function (e) { window.alert('交卷失败:' + e.message); state.attempt = attempt; });
}

$('submit').addEventListener('click', function () {
  var a = state.attempt;
  if (!a) return;
  var waiting = Object.keys(state.pending).length;
  var blank = a.questions.length - answeredCount(a);
  var message = waiting ? '还有 ' + waiting + ' 个答案正在保存,稍后再交卷。'
    : (blank > 0 ? '还有 ' + blank + ' 题未作答,未作答的题不得分。' : '') + '交卷后不能再修改答案。确定交卷吗?';
  if (waiting) { window.alert(message); return; }
  if (!window.confirm(message)) return;
  state.attempt = null;
  clearInterval(state.timer);
  api('POST', '/api/attempts/' + a.attemptId + '/submit').then(json).then(renderResult)
    .catch(function (e) { state.attempt = a; window.alert('交卷失败:' + e.message); });
});

// ---- result

function answerText(q, value) {
  if (value === null || value === undefined) return '未作答';
  if (q.type === 'single') return q.options[value];
  if (q.type === 'true_false') return value ? '正确' : '错误';
  if (q.type === 'multiple') return value.map(function (i) { return q.options[i]; }).join(';') || '未作答';
  if (q.type === 'matching') return value.map(function (i, p) { return q.prompts[p] + ' → ' + (i === null ? '未选' : q.options[i]); }).join(';');
  return String(value);
}

var VERDICT = { correct: '正确', partial: '部分正确', wrong: '错误', unanswered: '未作答', pending: '待批改' };

function renderResult(result) {
  location.hash = 'attempt=' + result.attemptId;
  $('result-title').textContent = result.title + ' · 成绩';
  var summary = $('result-summary');
  summary.textContent = '得分 ' + result.percent + ' 分(' + result.score + ' / ' + result.maxScore + '),及格线 ' + result.passMark + ' 分:';
  var verdict = result.passed === null ? el('span', { text: '问答题待培训师批改' })
    : el('span', { className: result.passed ? 'passed' : 'failed', text: result.passed ? '通过'
      : '未通过(差 ' + Math.round((result.passMark - result.percent) * 10) / 10 + ' 分及格)' });
  summary.appendChild(verdict);
  if (result.autoSubmitted) summary.appendChild(el('span', { className: 'muted', text: '(时间到,系统自动交卷)' }));
  var list = $('result-questions');
  list.textContent = '';
  result.questions.forEach(function (q) {
    var li = el('li', {}, [
      el('p', { className: 'question-text', text: q.text }, [
        el('span', { className: 'verdict verdict-' + q.status, text: VERDICT[q.status] + ' · ' + q.score + '/' + q.points + ' 分' })]),
      el('p', { text: '你的答案:' + answerText(q, q.answer) }),
      el('p', { text: '正确答案:' + q.correctText })
    ]);
    q.feedback.forEach(function (f) { li.appendChild(el('p', { className: 'muted', text: f })); });
    if (q.explanation) li.appendChild(el('p', { className: 'explanation', text: '解析:' + q.explanation }));
    if (q.rules.length) li.appendChild(el('p', { className: 'muted small', text: '相关规则:' + q.rules.map(function (r) { return r.title; }).join('、') }));
    list.appendChild(li);
  });
  show('result');
  loadMistakes();
}

// ---- 错题本

function loadMistakes() {
  api('GET', '/api/mistakes').then(json).then(function (book) {
    var mastery = $('mastery');
    mastery.textContent = '';
    if (book.mastery.length) {
      var table = el('table', { className: 'table' }, [el('tr', {}, [el('th', { text: '分类' }), el('th', { text: '答过' }), el('th', { text: '已掌握' }), el('th', { text: '待巩固' })])]);
      book.mastery.forEach(function (m) {
        table.appendChild(el('tr', {}, [el('td', { text: m.category }), el('td', { text: String(m.answered) }),
          el('td', { text: String(m.mastered) }), el('td', { text: String(m.open) })]));
      });
      mastery.appendChild(table);
    }
    var list = $('mistake-list');
    list.textContent = '';
    if (!book.questions.length) { list.appendChild(el('li', { className: 'muted', text: '暂时没有错题。' })); return; }
    book.questions.forEach(function (q) { list.appendChild(practiceItem(q)); });
  }).catch(function (e) { $('mistake-list').textContent = '错题本加载失败:' + e.message; });
}

/**
 * The options in a fresh random order, as the exam shows them (the bank lists the right answer first): `order[i]` is
 * the bank position of the option shown at i. True/false keeps 正确/错误.
 */
function shuffled(q) {
  var order = (q.options || []).map(function (x, i) { return i; });
  if (q.type !== 'true_false') {
    for (var i = order.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = order[i]; order[i] = order[j]; order[j] = t;
    }
  }
  var shown = Object.assign({}, q, { options: order.map(function (i) { return q.options[i]; }) });
  return { question: shown, order: order };
}

/** An answer given on the shuffled options, in bank positions (what /api/mistakes/{id}/answer takes). */
function toBank(q, order, value) {
  if (value === null || value === undefined || q.type === 'true_false') return value;
  if (q.type === 'single') return order[value];
  if (q.type === 'multiple') return value.map(function (i) { return order[i]; });
  if (q.type === 'matching') return value.map(function (i) { return i === null ? null : order[i]; });
  return value;
}

function practiceItem(q) {
  var streak = el('span', { className: 'question-type', text: q.typeLabel + ' · 连续答对 ' + q.rightStreak + '/2' });
  var li = el('li', {}, [el('p', { className: 'question-text', text: q.text }, [streak])]);
  var mix = shuffled(q);
  // the same inputs as in the exam, collecting the answer locally instead of autosaving it
  var fake = questionItem(mix.question, undefined);
  var form = el('div', {});
  Array.prototype.slice.call(fake.childNodes, 1).forEach(function (n) { form.appendChild(n); });
  li.appendChild(form);
  var outcome = el('div', {});
  var check = el('button', { type: 'button', text: '提交答案' });
  check.addEventListener('click', function () {
    var value = toBank(q, mix.order, collect(mix.question, form));
    api('POST', '/api/mistakes/' + encodeURIComponent(q.id) + '/answer', { value: value }).then(json).then(function (r) {
      outcome.textContent = '';
      if (typeof r.rightStreak === 'number') streak.textContent = q.typeLabel + ' · 连续答对 ' + r.rightStreak + '/2';
      outcome.appendChild(el('p', { className: r.status === 'correct' ? 'passed' : 'failed',
        text: (VERDICT[r.status] || r.status) + (r.mastered ? ',已掌握,移出错题本' : '') }));
      outcome.appendChild(el('p', { text: '正确答案:' + r.correctText }));
      if (r.explanation) outcome.appendChild(el('p', { className: 'explanation', text: '解析:' + r.explanation }));
    }).catch(function (e) { outcome.textContent = e.message; });
  });
  li.appendChild(check);
  li.appendChild(outcome);
  return li;
}

function collect(q, form) {
  if (q.type === 'single' || q.type === 'true_false') {
    var radios = form.querySelectorAll('input[type=radio]');
    for (var i = 0; i < radios.length; i++) if (radios[i].checked) return q.type === 'true_false' ? i === 0 : i;
    return null;
  }
  if (q.type === 'multiple') {
    var picked = [];
    form.querySelectorAll('input[type=checkbox]').forEach(function (b, j) { if (b.checked) picked.push(j); });
    return picked;
  }
  if (q.type === 'matching') {
    return Array.prototype.map.call(form.querySelectorAll('select'), function (s) { return s.value === '' ? null : Number(s.value); });
  }
  var field = form.querySelector('input, textarea');
  return field && field.value.trim() !== '' ? field.value : null;
}

// ---- start

// the pieces practice.js reuses: the same inputs, answer shapes and 错题本 as the exam
export { show, questionItem, collect, answerText, loadMistakes };

window.addEventListener('hashchange', route);
function route() {
  if (/^#(practice|bank)=/.test(location.hash)) return; // a practice run: practice.js has it
  var m = /attempt=([0-9a-f-]+)/.exec(location.hash);
  if (m && (!state.attempt || state.attempt.attemptId !== m[1])) openAttempt(m[1]);
  if (!m) { state.attempt = null; clearInterval(state.timer); show('list'); loadList(); loadMistakes(); }
}
route();
