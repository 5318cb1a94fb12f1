// The end of a conversation: the outcome with the buyer's own rating, the scorecard (total, pass or why not,
// tier, dimensions) and what to do next.
import { h } from '../dom.js';
import { L } from '../labels.js';
import { num, stars } from '../format.js';
import { appeals, shiftMode } from './state.js';

/**
 * The result panel. scorecard: the server's grade, or null while it is not there yet (then retry, when given,
 * is offered as a button). actions: {again, other, close, retry} click handlers.
 */
export function resultPanel(conv, scorecard, actions) {
  const box = h('div', 'result-card');
  const head = h('div', 'result-head');
  head.appendChild(h('h2', null, '会话结束:' + (L.outcome[conv.outcome] || conv.outcome || '已结束')));
  if (conv.satisfaction) {
    // 买家评价: how the simulated buyer rated the chat (their mood), not the trainee's grade (评分等级 below)
    const sat = h('span', 'satisfaction');
    sat.appendChild(h('span', 'rating-label', '买家评价'));
    sat.appendChild(h('span', 'rating-stars', stars(conv.satisfaction)));
    sat.title = '买家满意度 ' + conv.satisfaction + '/5:买家自己的评价,由对话中买家的情绪决定;评分等级看的是你的回复';
    head.appendChild(sat);
  }
  box.appendChild(head);

  if (scorecard) {
    box.appendChild(scorecardView(scorecard));
  } else {
    box.appendChild(scorecardMissing(actions.retry));
  }

  const result = h('div', 'result-actions');
  const again = h('button', 'primary', '再练一次');
  again.type = 'button';
  again.addEventListener('click', actions.again);
  const other = h('button', null, '换个场景');
  other.type = 'button';
  other.addEventListener('click', actions.other);
  const close = h('button', null, '关闭会话');
  close.type = 'button';
  close.addEventListener('click', actions.close);
  if (!shiftMode) {
    result.appendChild(again);
    result.appendChild(other);
  }
  result.appendChild(close);
  if (appeals) {
    // 申诉: the transcript page lists each finding with its appeal button and status
    const appeal = h('a', 'button', '查看记录 / 申诉');
    appeal.href = '/progress/sessions/' + encodeURIComponent(conv.id);
    result.appendChild(appeal);
  }
  box.appendChild(result);
  return box;
}

/** While the grade is on its way (or could not be read): say so, never a made-up summary in its place. */
function scorecardMissing(retry) {
  const box = h('div', 'scorecard');
  if (!retry) {
    box.appendChild(h('p', 'muted', '评分卡生成中…'));
    return box;
  }
  const p = h('p', 'error', '评分卡暂时读取失败。');
  const again = h('button', 'link', '重新读取');
  again.type = 'button';
  again.addEventListener('click', retry);
  p.appendChild(again);
  box.appendChild(p);
  return box;
}

/**
 * A failed must-pass item of the scorecard ({item, reply, category, rule}: data, not a sentence) in words:
 * 第 3 条回复:the violation's word(违反「the rule's title」), both from the vocabulary.
 */
function mustPassText(f) {
  const what = (L.violation[f.category] || f.category || '') + (f.rule ? '(违反「' + (L.rule[f.rule] || f.rule) + '」)' : '');
  return (f.reply ? '第 ' + f.reply + ' 条回复:' : '') + what;
}

function scorecardView(card) {
  const box = h('div', 'scorecard');
  const graded = typeof card.total === 'number';
  const total = h('div', 'score-total ' + (card.passed ? 'pass' : 'fail'));
  total.appendChild(h('span', 'score-label muted', '总分'));
  total.appendChild(h('span', 'score-number', graded ? num(card.total) : '—'));
  total.appendChild(h('span', 'score-verdict', card.passed ? '通过' : '未通过'));
  if (card.tier) {
    // 评分等级 grades the trainee's replies by the rubric; the stars beside the outcome are the buyer's own rating
    const tier = h('span', 'score-tier', '评分等级 ' + card.tier);
    tier.title = '按评分标准(规则、礼貌、速度、结果)给出的总分等级;买家评价(星级)是买家的满意度,只计入“结果”一项';
    total.appendChild(tier);
  }
  box.appendChild(total);
  if (card.tier && card.satisfaction) {
    // a 金牌 beside ★★★ is not a contradiction: say what each one measures
    box.appendChild(h('p', 'score-legend muted', '评分等级看你的回复(规则、礼貌、速度、结果);买家评价 ' + card.satisfaction
      + '/5 是买家自己的满意度,只占“结果”一项的一部分。'));
  }
  const failures = card.mustPassFailures || [];
  if (!graded) {
    box.appendChild(h('p', 'fail-reason', '未通过原因:没有回复买家,本次不评分(计入' + (L.kpi.replyRate3m || 'replyRate3m')
      + ',不计入' + (L.kpi.politenessScore || 'politenessScore') + '和总分)。'));
  } else if (failures.length) {
    const ul = h('ul', 'must-pass');
    failures.forEach(function (f) {
      ul.appendChild(h('li', 'item-violation', '必须项未通过:' + mustPassText(f)));
    });
    box.appendChild(ul);
  } else if (!card.passed && typeof card.passMark === 'number') {
    // every 未通过 says why: with no must-pass item failed, the total is under the pass mark
    box.appendChild(h('p', 'fail-reason', '未通过原因:总分 ' + num(card.total) + ' 低于及格线 ' + num(card.passMark)
      + ' 分,差 ' + num(card.passMark - card.total) + ' 分。看看下面哪一项得分最低。'));
  }
  const dims = card.dimensions || {};
  const table = h('div', 'dimensions');
  Object.keys(dims).forEach(function (k) {
    const cell = h('div', 'dimension');
    cell.appendChild(h('span', 'dim-name', L.dimension[k] || k));
    cell.appendChild(h('span', 'dim-score', num(dims[k])));
    table.appendChild(cell);
  });
  box.appendChild(table);
  return box;
}
