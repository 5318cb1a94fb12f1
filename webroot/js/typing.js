// Typing metrics through an IME (see shared design: scoring.md, "Typing metrics in the browser").
// Used by the workbench (metrics sent with each reply) and the typing drill. An ES module, no build step.
//
// What is measured for one reply:
//   committed     characters committed: compositionend.data, plus text inserted by input events that are not
//                 part of a composition (direct ASCII typing)
//   committedHan  the Han characters among them (字/分钟 counts these)
//   pasted        characters inserted by paste or drop (counted apart, never as typed)
//   quickPhrase   characters inserted by the workbench's quick phrases (counted apart)
//   deleted       committed characters removed again (backspace, delete, cut, a replaced selection)
//   activeMs      time from the first to the last keystroke, with pauses over 10 s left out
//   firstKeyMs    time from the prompt (the buyer's message shown, or the start) to the first keystroke

const GAP_MS = 10000;
// One Han character: CJK unified ideographs (and extension A), compatibility ideographs, and the
// supplementary-plane extensions as surrogate pairs.
const HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]|[\uD840-\uD87E][\uDC00-\uDFFF]/g;

export function length(text) {
  return text ? Array.from(text).length : 0;
}

export function hanCount(text) {
  if (!text) {
    return 0;
  }
  var m = text.match(HAN);
  return m ? m.length : 0;
}

/** What changed between two values: the inserted text and how many characters were removed. */
export function diff(before, after) {
  var start = 0;
  var max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) {
    start++;
  }
  var endBefore = before.length;
  var endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { inserted: after.slice(start, endAfter), removed: length(before.slice(start, endBefore)) };
}

/** Monkeytype's consistency: 100·(1 − tanh(c + c³/3 + c⁵/5)), c = coefficient of variation of the samples. */
export function consistency(samples) {
  if (!samples || samples.length < 2) {
    return null;
  }
  var mean = samples.reduce(function (a, b) { return a + b; }, 0) / samples.length;
  if (mean === 0) {
    return 0;
  }
  var variance = samples.reduce(function (a, b) { return a + (b - mean) * (b - mean); }, 0) / samples.length;
  var c = Math.sqrt(variance) / mean;
  return 100 * (1 - Math.tanh(c + Math.pow(c, 3) / 3 + Math.pow(c, 5) / 5));
}

/** Characters per second, one sample per whole second from `from` to `to` (empty seconds count as 0). */
export function perSecond(commits, from, to) {
  var seconds = Math.max(1, Math.ceil((to - from) / 1000));
  var buckets = [];
  for (var i = 0; i < seconds; i++) {
    buckets.push(0);
  }
  commits.forEach(function (c) {
    var i = Math.min(seconds - 1, Math.max(0, Math.floor((c.t - from) / 1000)));
    buckets[i] += c.n;
  });
  return buckets;
}

function now() {
  return (window.performance && performance.now) ? performance.now() : Date.now();
}

/**
 * Watches one textarea or input. `onChange` (optional) is called after every counted change.
 */
export function Meter(el, onChange) {
  this.el = el;
  this.onChange = onChange || function () {};
  this.reset();
  this.composing = false;
  this.compositionStart = '';
  this.pasteNext = false;
  this.justComposed = null;
  var self = this;
  el.addEventListener('keydown', function (e) { self.keydown(e); });
  el.addEventListener('compositionstart', function () { self.compositionstart(); });
  el.addEventListener('compositionupdate', function () { self.activity(); });
  el.addEventListener('compositionend', function (e) { self.compositionend(e); });
  el.addEventListener('input', function (e) { self.input(e); });
  el.addEventListener('paste', function () { self.pasteNext = true; });
  el.addEventListener('drop', function () { self.pasteNext = true; });
}

/** Starts a new reply: counts back to zero; the value already in the box is the baseline. */
Meter.prototype.reset = function () {
  this.last = this.el.value;
  this.counts = { committed: 0, committedHan: 0, pasted: 0, quickPhrase: 0, deleted: 0 };
  this.keys = [];
  this.commits = [];
  this.promptAt = now();
  this.firstKeyAt = null;
};

/** The counts of the reply being typed, to put aside while the trainee answers another buyer. */
Meter.prototype.snapshot = function () {
  return { last: this.last, counts: Object.assign({}, this.counts), keys: this.keys.slice(), commits: this.commits.slice(),
    promptAt: this.promptAt, firstKeyAt: this.firstKeyAt };
};

Meter.prototype.restore = function (s) {
  this.last = this.el.value;
  this.counts = Object.assign({}, s.counts);
  this.keys = s.keys.slice();
  this.commits = s.commits.slice();
  this.promptAt = s.promptAt;
  this.firstKeyAt = s.firstKeyAt;
};

/** The buyer said something: until the first keystroke, the first-key delay is measured from here. */
Meter.prototype.markPrompt = function () {
  if (this.firstKeyAt === null) {
    this.promptAt = now();
  }
};

Meter.prototype.activity = function () {
  var t = now();
  if (this.firstKeyAt === null) {
    this.firstKeyAt = t;
  }
  this.keys.push(t);
};

Meter.prototype.keydown = function (e) {
  if (e.key === 'Shift' || e.key === 'Control' || e.key === 'Alt' || e.key === 'Meta') {
    return;
  }
  if (!e.ctrlKey && !e.metaKey) {
    this.pasteNext = false; // a paste announced by its event is followed by its input, not by a key
  }
  this.activity();
};

Meter.prototype.compositionstart = function () {
  this.composing = true;
  this.compositionStart = this.last;
  this.activity();
};

Meter.prototype.compositionend = function (e) {
  this.composing = false;
  var data = e.data || '';
  // A selection replaced by the composition was committed text that is now gone.
  var d = diff(this.compositionStart, this.el.value);
  this.counts.deleted += d.removed;
  this.commit(data, 'typed');
  this.last = this.el.value;
  this.justComposed = { at: now(), data: data };
  this.onChange();
};

Meter.prototype.input = function (e) {
  if (!e.isTrusted) {
    this.last = this.el.value; // our own synthetic events (quick phrases, restored drafts)
    return;
  }
  this.activity();
  if (this.composing || e.isComposing || e.inputType === 'insertCompositionText') {
    if (!this.composing) {
      this.last = this.el.value; // Firefox has fired the last composition input after compositionend
    }
    return;
  }
  var d = diff(this.last, this.el.value);
  this.last = this.el.value;
  var pasted = this.pasteNext || e.inputType === 'insertFromPaste' || e.inputType === 'insertFromDrop'
      || e.inputType === 'insertFromPasteAsQuotation';
  this.pasteNext = false;
  var echo = this.justComposed && now() - this.justComposed.at < 50 && d.inserted === this.justComposed.data;
  this.justComposed = null;
  this.counts.deleted += d.removed;
  if (d.inserted && !echo) {
    this.commit(d.inserted, pasted ? 'pasted' : 'typed');
  }
  this.onChange();
};

Meter.prototype.commit = function (text, kind) {
  var n = length(text);
  if (n === 0) {
    return;
  }
  if (kind === 'pasted') {
    this.counts.pasted += n;
  } else if (kind === 'quick') {
    this.counts.quickPhrase += n;
  } else {
    var han = hanCount(text);
    this.counts.committed += n;
    this.counts.committedHan += han;
    this.commits.push({ t: now(), n: n, han: han });
  }
};

/** Inserts a quick phrase at the caret (replacing any selection), counted as quickPhrase, never as typed. */
Meter.prototype.insertPhrase = function (text) {
  var el = this.el;
  var start = el.selectionStart == null ? el.value.length : el.selectionStart;
  var end = el.selectionEnd == null ? start : el.selectionEnd;
  this.counts.deleted += length(el.value.slice(start, end));
  el.setRangeText(text, start, end, 'end');
  this.commit(text, 'quick');
  this.last = el.value;
  el.dispatchEvent(new Event('input', { bubbles: true })); // untrusted: the meter ignores it, listeners save drafts
  this.onChange();
};

/** Active typing time: first to last keystroke, pauses over 10 s removed. */
Meter.prototype.activeMs = function () {
  var total = 0;
  for (var i = 1; i < this.keys.length; i++) {
    var gap = this.keys[i] - this.keys[i - 1];
    if (gap <= GAP_MS) {
      total += gap;
    }
  }
  return Math.round(total);
};

/** The metrics object the session API takes with a reply (all integers). */
Meter.prototype.metrics = function () {
  var m = {
    committed: this.counts.committed,
    committedHan: this.counts.committedHan,
    pasted: this.counts.pasted,
    quickPhrase: this.counts.quickPhrase,
    deleted: this.counts.deleted,
    activeMs: this.activeMs()
  };
  if (this.firstKeyAt !== null) {
    m.firstKeyMs = Math.max(0, Math.round(this.firstKeyAt - this.promptAt));
  }
  return m;
};

/** 字/分钟 over active time (Han characters typed, pastes and quick phrases excluded), or null. */
Meter.prototype.hanPerMinute = function () {
  var ms = this.activeMs();
  return ms < 1000 ? null : this.counts.committedHan * 60000 / ms;
};

/** Consistency of the typing rhythm (characters per second over the active span), or null. */
Meter.prototype.consistency = function () {
  if (this.commits.length < 2 || this.firstKeyAt === null) {
    return null;
  }
  var last = Math.max(this.commits[this.commits.length - 1].t, this.keys[this.keys.length - 1]);
  return consistency(perSecond(this.commits, this.firstKeyAt, last));
};
