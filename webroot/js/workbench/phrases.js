// Quick phrases (快捷短语): the trainee's own list, inserted with a click or Alt+1…9 and counted apart from
// typing; edited in place and stored on the server (a copy in this browser for when it cannot be reached).
import { $, h } from '../dom.js';
import { api } from '../api.js';
import { length } from '../typing.js';
import { MAX_PHRASES, MAX_PHRASE_CHARS, active, load, save } from './state.js';
import { input, meter } from './composer.js';

let phrases = [];

/** Wires the editor's buttons and reads the list. */
export function initPhrases() {
  $('wb-phrases-edit').addEventListener('click', editPhrases);
  $('wb-phrases-add').addEventListener('click', function () {
    const ta = addPhraseRow('');
    if (ta) {
      ta.focus();
    }
  });
  $('wb-phrases-cancel').addEventListener('click', closeEditor);
  $('wb-phrases-save').addEventListener('click', savePhrases);
  return loadPhrases();
}

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
  const ol = $('wb-phrases');
  ol.textContent = '';
  phrases.forEach(function (text, i) {
    const li = h('li');
    const b = h('button', 'phrase', text);
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

export function insertPhrase(i) {
  const conv = active();
  if (!conv || conv.ended || !phrases[i]) {
    return;
  }
  input.focus();
  meter.insertPhrase(phrases[i]);
}

function editPhrases() {
  const rows = $('wb-phrases-rows');
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
  const rows = $('wb-phrases-rows');
  if (rows.children.length >= MAX_PHRASES) {
    phraseError('最多 ' + MAX_PHRASES + ' 条快捷短语');
    return;
  }
  const li = h('li', 'phrase-row');
  const ta = h('textarea');
  ta.rows = 2;
  ta.maxLength = MAX_PHRASE_CHARS;
  ta.value = text;
  ta.setAttribute('aria-label', '快捷短语');
  const up = h('button', 'small', '↑');
  up.type = 'button';
  up.title = '上移';
  up.addEventListener('click', function () {
    if (li.previousElementSibling) {
      rows.insertBefore(li, li.previousElementSibling);
    }
  });
  const del = h('button', 'small', '删除');
  del.type = 'button';
  del.addEventListener('click', function () { li.remove(); });
  li.appendChild(ta);
  li.appendChild(up);
  li.appendChild(del);
  rows.appendChild(li);
  return ta;
}

function phraseError(message, index) {
  const p = $('wb-phrases-error');
  p.textContent = message;
  p.hidden = false;
  const rows = $('wb-phrases-rows').children;
  Array.prototype.forEach.call(rows, function (r, i) { r.classList.toggle('invalid', i === index); });
}

function savePhrases() {
  const list = [];
  const rows = $('wb-phrases-rows').querySelectorAll('textarea');
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i].value.trim();
    if (!v) {
      continue; // empty rows are simply dropped
    }
    if (length(v) > MAX_PHRASE_CHARS) {
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
      const m = r.body && r.body.field && /\[(\d+)\]/.exec(r.body.field);
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
