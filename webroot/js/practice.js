// 练习 on the 测验与考试 page: the practice banks published to the trainee, and a practice run through one bank with
// feedback after each answer. #bank=KEY[&category=PATH] (推荐测验 on 我的进步) starts a run straight away;
// #practice=ID reopens one after a refresh. Inputs, answer shapes and the 错题本 come from exams.js.
// All text is set with textContent: question texts come from content files.
import { $, el } from './dom.js';
import { request as api, json } from './api.js';
import * as quiz from './exams.js';

var run = null;

// ---- the list of practice banks

function loadList() {
  api('GET', '/api/practice').then(json).then(function (banks) {
    var box = $('practice-banks');
    box.textContent = '';
    if (!banks.length) { box.appendChild(el('p', { className: 'muted', text: '目前没有对你开放的练习题库。' })); return; }
    banks.forEach(function (b) {
      var facts = b.questionCount + ' 题';
      if (b.attempts) facts += ' · 已练 ' + b.attempts + ' 次';
      if (b.bestPercent !== null && b.bestPercent !== undefined) facts += ' · 最好 ' + b.bestPercent + '%';
      if (b.last) {
        facts += b.last.finished ? ' · 上次 ' + b.last.percent + '%(答对 ' + b.last.correctCount + '/' + b.last.questionCount + ')'
          : ' · 上次未做完(已答 ' + b.last.answered + '/' + b.last.questionCount + ')';
      }
      var left = el('div', {}, [el('h3', { text: b.title }), el('p', { className: 'muted', text: facts })]);
      var actions = el('div', {});
      if (b.last && !b.last.finished) {
        var resume = el('button', { type: 'button', className: 'primary', text: '继续练习' });
        resume.addEventListener('click', function () { location.hash = 'practice=' + b.last.attemptId; });
        actions.appendChild(resume);
      }
      var start = el('button', { type: 'button', className: b.last && !b.last.finished ? '' : 'primary',
        text: b.last ? (b.last.finished ? '再练一次' : '重新开始') : '开始练习' });
      start.setAttribute('data-bank', b.bank);
      start.addEventListener('click', function () { begin(b.bank, ''); });
      actions.appendChild(start);
      box.appendChild(el('div', { className: 'exam-row practice-row' }, [left, actions]));
    });
  }).catch(function (e) { $('practice-banks').textContent = '加载失败:' + e.message; });
}

// ---- a practice run

function begin(bank, category) {
  api('POST', '/api/practice/attempts', { bank: bank, category: category || null }).then(json).then(function (view) {
    // replaceState: going back must not start yet another run
    history.replaceState(null, '', location.pathname + '#practice=' + view.attemptId);
    render(view);
  }).catch(function (e) {
    history.replaceState(null, '', location.pathname);
    window.alert('无法开始练习:' + e.message);
    route();
  });
}

function open(id) {
  api('GET', '/api/practice/attempts/' + encodeURIComponent(id)).then(json).then(render).catch(function (e) {
    window.alert('无法打开这次练习:' + e.message);
    history.replaceState(null, '', location.pathname);
    route();
  });
}

function render(view) {
  run = view;
  $('practice-title').textContent = view.title + ' · 练习';
  var list = $('practice-questions');
  list.textContent = '';
  view.questions.forEach(function (q) { list.appendChild(item(q)); });
  progress(view);
  quiz.show('practice');
  quiz.loadMistakes();
}

function progress(p) {
  $('practice-progress').textContent = '已答 ' + p.answered + ' / ' + p.questionCount + ' 题 · 答对 ' + p.correctCount
    + ' 题 · 不限时,可以随时离开,回到这一页接着做';
  $('practice-done').hidden = !p.finished;
  if (p.finished) {
    $('practice-summary').textContent = '本轮完成:答对 ' + p.correctCount + ' / ' + p.questionCount + ' 题(' + p.percent + '%)';
  }
}

function item(q) {
  var li = el('li', { id: 'pq-' + q.id, 'data-question': q.id }, [
    el('p', { className: 'question-text', text: q.text }, [el('span', { className: 'question-type', text: q.typeLabel })])
  ]);
  // the exam's inputs, without its autosave (there is no exam attempt open, so its save does nothing)
  var fake = quiz.questionItem(q, q.result ? q.result.answer : undefined);
  var form = el('div', { className: 'practice-inputs' });
  Array.prototype.slice.call(fake.childNodes, 1).forEach(function (n) { form.appendChild(n); });
  li.appendChild(form);
  var outcome = el('div', { className: 'practice-outcome' });
  li.appendChild(outcome);
  if (q.result) {
    settle(q, form, outcome, q.result);
    return li;
  }
  var check = el('button', { type: 'button', className: 'practice-check', text: '提交答案' });
  check.addEventListener('click', function () {
    var value = quiz.collect(q, form);
    if (value === null || (Array.isArray(value) && !value.length)) { outcome.textContent = '请先选择或填写答案。'; return; }
    check.disabled = true;
    api('POST', '/api/practice/attempts/' + run.attemptId + '/answers/' + encodeURIComponent(q.id), { value: value })
      .then(json).then(function (r) {
        check.remove();
        settle(q, form, outcome, r);
        progress(r.progress);
        if (r.status !== 'correct') quiz.loadMistakes();
      }).catch(function (e) { check.disabled = false; outcome.textContent = e.message; });
  });
  li.appendChild(check);
  return li;
}

/** The feedback on an answered question: verdict, the right answer marked among the options, 解析, rules. */
function settle(q, form, outcome, r) {
  form.querySelectorAll('input, select, textarea').forEach(function (n) { n.disabled = true; });
  var labels = form.querySelectorAll('label.choice');
  if (q.type === 'single' || q.type === 'multiple') {
    var right = Array.isArray(r.correct) ? r.correct : [r.correct];
    var picked = Array.isArray(r.answer) ? r.answer : [r.answer];
    labels.forEach(function (label, i) {
      if (right.indexOf(i) >= 0) label.classList.add('right-answer');
      else if (picked.indexOf(i) >= 0) label.classList.add('picked-wrong');
    });
  }
  var ok = r.status === 'correct';
  outcome.textContent = '';
  var box = el('div', { className: 'practice-feedback ' + (ok ? 'is-correct' : 'is-wrong'), role: 'status' }, [
    el('p', { className: ok ? 'passed' : 'failed', text: ok ? '答对了' : (r.status === 'partial' ? '部分正确' : '答错了') + ',已加入错题本' }),
    el('p', { text: '你的答案:' + quiz.answerText(q, r.answer) }),
    el('p', { text: '正确答案:' + r.correctText })
  ]);
  r.feedback.forEach(function (f) { box.appendChild(el('p', { className: 'muted', text: f })); });
  if (r.explanation) box.appendChild(el('p', { className: 'explanation', text: '解析:' + r.explanation }));
  if (r.rules.length) {
    box.appendChild(el('p', { className: 'muted small', text: '相关规则:' + r.rules.map(function (x) { return x.title; }).join('、') }));
  }
  outcome.appendChild(box);
}

$('practice-again').addEventListener('click', function () { if (run) begin(run.bank, run.category); });

// ---- start

function route() {
  var m = /^#practice=([0-9a-f-]+)/.exec(location.hash);
  var b = /^#bank=([^&]+)(?:&category=(.*))?$/.exec(location.hash);
  if (m) { if (!run || run.attemptId !== m[1]) open(m[1]); return; }
  if (b) { begin(decodeURIComponent(b[1]), b[2] ? decodeURIComponent(b[2]) : ''); return; }
  run = null;
  if (!/attempt=/.test(location.hash)) loadList();
}
window.addEventListener('hashchange', route);
route();
