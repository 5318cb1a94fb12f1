// The coach under a reply: the reply with each finding on its span, and the list of findings with advice.
// The colour rule is the transcript's (Highlights.tone): points earned green, lost orange, none grey with why.
import { h } from '../dom.js';
import { L } from '../labels.js';
import { seconds } from '../format.js';

// an implausible speed (thousands of 字/分 from a paste or autofill) is never shown as a figure
const IMPLAUSIBLE_TYPING = '打字速度不计:这条回复不像逐字输入(粘贴或自动填充),不计入打字速度';

/** What the trainer wrote for each expected fact of the scenario (its label, else its accepted wordings). */
export function factLabels(conv) {
  return (conv && conv.card && conv.card.factLabels) || {};
}

/** The reply with its findings on their spans, and the list of findings with advice. */
export function coach(text, a, labels) {
  labels = labels || {};
  var box = h('div', 'coach');
  var spans = [];
  var items = [];
  (a.violations || []).forEach(function (v) {
    var label = (L.note.violation || 'violation') + ' · ' + (L.violation[v.category] || v.category);
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
    items.push({ cls: 'item-missing', label: (L.note.missing_fact || 'missing_fact'), quote: '', advice: labels[fact] || fact });
  });
  // must-not points (a step's avoid:) the reply made: the label already says 不要…,因为…
  var said = (a.facts && a.facts.said) || [];
  said.forEach(function (fact) {
    items.push({ cls: 'item-bad', label: (L.note.avoided_fact || 'avoided_fact'), quote: '', advice: labels[fact] || fact });
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
