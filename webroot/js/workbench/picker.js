// The scenario picker (/train): scenarios by category and difficulty with the trainee's record on each, and
// the one 推荐练习 on 我的进步 points at.
import { $, h, byAttr } from '../dom.js';
import { api } from '../api.js';
import { L } from '../labels.js';
import { stars } from '../format.js';
import { S } from './state.js';
import { emit } from './events.js';

const OUTCOME_RANK = { converted: 3, resolved: 3, escalated: 2, lost: 1 };

function statsByScenario() {
  const stats = {};
  S.sessions.forEach(function (s) {
    const st = stats[s.scenarioId] || (stats[s.scenarioId] = { attempts: 0, best: null });
    st.attempts++;
    if (s.ended && s.outcome) {
      const rank = (OUTCOME_RANK[s.outcome] || 0) * 10 + (s.satisfaction || 0);
      if (!st.best || rank > st.best.rank) {
        st.best = { rank: rank, outcome: s.outcome, satisfaction: s.satisfaction };
      }
    }
  });
  return stats;
}

/** The scenarios and the trainee's sessions; resolves to the sessions (undefined when they could not be read). */
export function loadPicker() {
  return Promise.all([api('GET', '/api/scenarios'), api('GET', '/api/sessions')]).then(function (r) {
    if (!r[0].ok) {
      $('wb-picker-status').textContent = '场景加载失败,请刷新页面重试。';
      return;
    }
    S.scenarios = r[0].body || [];
    S.sessions = r[1].ok ? r[1].body || [] : [];
    fillFilters();
    renderPicker();
    return S.sessions;
  }, function () {
    $('wb-picker-status').textContent = '网络连接失败,请刷新页面重试。';
  });
}

/** The filters redraw the picker. */
export function initPicker() {
  $('wb-filter-category').addEventListener('change', renderPicker);
  $('wb-filter-difficulty').addEventListener('change', renderPicker);
}

function fillFilters() {
  const cat = $('wb-filter-category');
  const dif = $('wb-filter-difficulty');
  const cats = [];
  const difs = [];
  S.scenarios.forEach(function (s) {
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
    const o = h('option', null, L.category[c] || c);
    o.value = c;
    cat.appendChild(o);
  });
  difs.sort().forEach(function (d) {
    const o = h('option', null, stars(d).replace(/☆/g, ''));
    o.value = String(d);
    dif.appendChild(o);
  });
}

export function renderPicker() {
  const box = $('wb-scenarios');
  box.textContent = '';
  const cat = $('wb-filter-category').value;
  const dif = $('wb-filter-difficulty').value;
  const stats = statsByScenario();
  const shown = S.scenarios.filter(function (s) {
    return (!cat || s.category === cat) && (!dif || String(s.difficulty) === dif);
  });
  $('wb-picker-status').textContent = S.scenarios.length ? (shown.length ? '' : '没有符合条件的场景') : '还没有可练习的场景,请联系培训师。';
  const groups = {};
  const names = [];
  shown.forEach(function (s) {
    if (!groups[s.category]) {
      groups[s.category] = [];
      names.push(s.category);
    }
    groups[s.category].push(s);
  });
  // categories in the vocabulary's order
  const known = Object.keys(L.category);
  names.sort(function (a, b) {
    const i = known.indexOf(a) < 0 ? 99 : known.indexOf(a);
    const j = known.indexOf(b) < 0 ? 99 : known.indexOf(b);
    return i - j || (a < b ? -1 : 1);
  });
  names.forEach(function (c) {
    const sec = h('section', 'scenario-group');
    sec.appendChild(h('h2', null, L.category[c] || c));
    const grid = h('div', 'scenario-grid');
    groups[c].sort(function (a, b) { return a.difficulty - b.difficulty; }).forEach(function (s) {
      grid.appendChild(scenarioCard(s, stats[s.id] || { attempts: 0, best: null }));
    });
    sec.appendChild(grid);
    box.appendChild(sec);
  });
  suggest();
}

function scenarioCard(s, st) {
  const card = h('article', 'scenario-card');
  card.appendChild(h('h3', null, s.title));
  const meta = h('div', 'scenario-meta');
  const diff = h('span', 'difficulty', stars(s.difficulty));
  diff.title = '难度 ' + s.difficulty + '/5';
  meta.appendChild(diff);
  (s.tags || []).forEach(function (t) { meta.appendChild(h('span', 'tag', t)); });
  card.appendChild(meta);
  const record = st.attempts
    ? '练过 ' + st.attempts + ' 次' + (st.best ? ' · 最佳:' + (L.outcome[st.best.outcome] || st.best.outcome)
      + (st.best.satisfaction ? ' ' + stars(st.best.satisfaction) : '') : '')
    : '尚未练习';
  card.appendChild(h('div', 'scenario-record' + (st.attempts ? '' : ' muted'), record));
  const go = h('button', 'primary small', '开始接待');
  go.type = 'button';
  go.setAttribute('data-scenario', s.id);
  go.addEventListener('click', function () {
    const mode = document.querySelector('input[name="wb-mode"]:checked');
    emit('start', s.id, mode ? mode.value : 'practice');
  });
  card.appendChild(go);
  return card;
}

/** /train#scenario=ID (推荐练习 on 我的进步) points at one scenario: its card stays marked; it is scrolled to once. */
const suggestedId = (/scenario=([A-Za-z0-9_-]+)/.exec(location.hash) || [])[1] || null;
let suggestedShown = false;
function suggest() {
  const button = suggestedId && document.querySelector('#wb-scenarios button' + byAttr('data-scenario', suggestedId));
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
