package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.List;

/**
 * A normalised reply with its phrase hits and its structure: which clause and sentence each character is in,
 * and which characters are inside quotation marks (quoting the buyer is not saying it).
 */
final class ReplyText {

    /** Lexicon kinds, each with its slot for the hits of that kind; any other kind shares the last slot. */
    private static final List<String> KIND_NAMES = List.of("greeting", "polite", "softener", "apology", "empathy", "closing",
            "forbidden", "curt", "blame", "cold", "negation", "quote", "complaint", "price", "synonym", "");
    static final int KINDS = KIND_NAMES.size();
    static final int SOFTENER = kindIndex("softener");
    static final int COMPLAINT = kindIndex("complaint");
    static final int NEGATION = kindIndex("negation");
    static final int QUOTE = kindIndex("quote");
    static final int FORBIDDEN = kindIndex("forbidden");
    static final int BLAME = kindIndex("blame");
    static final int COLD = kindIndex("cold");
    static final int PRICE = kindIndex("price");
    static final int APOLOGY = kindIndex("apology");

    final NormalizedText normalized;
    final String text;
    // hits sorted once by what they are, so each question below looks only at the hits that can answer it
    private final List<PhraseIndex.Hit>[] byKind;
    private List<PhraseIndex.Hit> lexiconExcept;
    private List<PhraseIndex.Hit>[] byRule;   // made at the first rule phrase (most replies have none)
    // positions of clause and sentence breaks (few per reply), and the quoted characters (null when no quotes)
    private int[] clauseBreaks = NONE;
    private int clauseCount;
    private int[] sentenceBreaks = NONE;
    private int sentenceCount;
    private boolean[] quoted;
    private int digits;
    private static final int[] NONE = new int[0];
    private List<PhraseIndex.Hit> negations;
    private final long[] ready;

    /** The slot of a lexicon kind's hits. */
    static int kindIndex(String kind) {
        int i = KIND_NAMES.indexOf(kind);
        return i >= 0 ? i : KINDS - 1;
    }

    /** Text with no phrase hits (its structure only; no content regex is ready). */
    ReplyText(NormalizedText normalized) {
        this(normalized, List.of(), new long[0], 0);
    }

    /**
     * @param hits      phrase hits of the scan (and of the lexicon patterns), in order
     * @param ready     the content regexes whose gates the same scan found, one bit per pattern id
     * @param rules     how many rules the rulebook has (slots of rule hits)
     */
    @SuppressWarnings("unchecked")
    ReplyText(NormalizedText normalized, List<PhraseIndex.Hit> hits, long[] ready, int rules) {
        this.normalized = normalized;
        this.text = normalized.text();
        this.ready = ready;
        this.byKind = new List[KINDS];
        for (int k = 0, size = hits.size(); k < size; k++) {
            PhraseIndex.Hit h = hits.get(k);
            PhraseIndex.Ref ref = h.ref();
            switch (ref.role()) {
                case LEXICON -> {
                    List<PhraseIndex.Hit> l = byKind[ref.slot()];
                    if (l == null) byKind[ref.slot()] = l = new ArrayList<>(4);
                    l.add(h);
                }
                case LEXICON_EXCEPT -> {
                    if (lexiconExcept == null) lexiconExcept = new ArrayList<>(4);
                    lexiconExcept.add(h);
                }
                case GATE -> { }
                default -> {
                    if (byRule == null) byRule = new List[rules];
                    List<PhraseIndex.Hit> l = byRule[ref.slot()];
                    if (l == null) byRule[ref.slot()] = l = new ArrayList<>(4);
                    l.add(h);
                }
            }
        }
        int n = text.length();
        boolean quotes = false;
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (ch >= 0x4E00) continue;                 // Han: no break, digit or quotation mark (most characters)
            if (Normalizer.isClauseBreak(ch)) {
                if (clauseCount == clauseBreaks.length) clauseBreaks = java.util.Arrays.copyOf(clauseBreaks, clauseCount * 2 + 4);
                clauseBreaks[clauseCount++] = i;
                if (Normalizer.isSentenceBreak(ch)) {
                    if (sentenceCount == sentenceBreaks.length) sentenceBreaks = java.util.Arrays.copyOf(sentenceBreaks, sentenceCount * 2 + 4);
                    sentenceBreaks[sentenceCount++] = i;
                }
            } else if (ch >= '0' && ch <= '9') {
                digits++;
            } else if (ch < 0x4E00 && closing(ch) != 0) {
                quotes = true;
            }
        }
        // only a closed pair of quotation marks quotes; a stray mark must not hide what follows it
        if (quotes) {
            quoted = new boolean[n + 1];
            for (int i = 0; i < n; i++) {
                char close = closing(text.charAt(i));
                if (close == 0) continue;
                int j = text.indexOf(close, i + 1);
                if (j < 0) continue;
                for (int k = i + 1; k < j; k++) quoted[k] = true;
                i = j;
            }
        }
    }

    /** How many of the first {@code count} break positions are at or before i. */
    private static int breaksUpTo(int[] breaks, int count, int i) {
        int k = 0;
        while (k < count && breaks[k] <= i) k++;
        return k;
    }

    private static char closing(char open) {
        return switch (open) {
            case '“' -> '”';
            case '‘' -> '’';
            case '「' -> '」';
            case '『' -> '』';
            case '"' -> '"';
            case '\'' -> '\'';
            case '《' -> '》';
            default -> 0;
        };
    }

    /** The clause of character i: how many clause breaks stand at or before it (past the end: one more than all). */
    int clauseOf(int i) {
        return i >= text.length() ? clauseCount + 1 : breaksUpTo(clauseBreaks, clauseCount, i);
    }

    int sentenceOf(int i) {
        return i >= text.length() ? sentenceCount + 1 : breaksUpTo(sentenceBreaks, sentenceCount, i);
    }

    boolean sameClause(int a, int b) {
        return clauseOf(a) == clauseOf(b);
    }

    boolean quoted(int start, int end) {
        if (quoted == null) return false;
        for (int i = start; i < end; i++) if (!quoted[i]) return false;
        return end > start;
    }

    /** How many ASCII digits the normalised text has. */
    int digits() {
        return digits;
    }

    /** Whether the scan found every gate of a content regex (so the regex may match). */
    boolean ready(int pattern) {
        int word = pattern >>> 6;
        return word < ready.length && (ready[word] & (1L << pattern)) != 0;
    }

    /** Ready bits of patterns 64·word to 64·word + 63 (see {@link #ready(int)}). */
    long readyBits(int word) {
        return word < ready.length ? ready[word] : 0;
    }

    /** Hits of lexicon entries of one kind (do not modify). */
    List<PhraseIndex.Hit> lexicon(String kind) {
        return lexicon(kindIndex(kind));
    }

    /** Hits of lexicon entries of the kind in this slot (do not modify). */
    List<PhraseIndex.Hit> lexicon(int kind) {
        List<PhraseIndex.Hit> l = byKind[kind];
        return l == null ? List.of() : l;
    }

    /** Hits of one rule's phrases, whatever their role (do not modify). */
    List<PhraseIndex.Hit> rule(int rule) {
        List<PhraseIndex.Hit> l = byRule != null && rule < byRule.length ? byRule[rule] : null;
        return l == null ? List.of() : l;
    }

    /** True when an exception phrase of this lexicon entry overlaps the hit ("亲自" is not the address 亲). */
    boolean excepted(PhraseIndex.Hit hit) {
        if (lexiconExcept == null) return false;
        for (int i = 0, n = lexiconExcept.size(); i < n; i++) {
            PhraseIndex.Hit h = lexiconExcept.get(i);
            if (h.ref().entry() == hit.ref().entry() && h.overlaps(hit.start(), hit.end())) return true;
        }
        return false;
    }

    private List<PhraseIndex.Hit> negations() {
        if (negations == null) {
            List<PhraseIndex.Hit> out = new ArrayList<>();
            for (PhraseIndex.Hit h : lexicon(NEGATION)) if (!excepted(h)) out.add(h);
            negations = out;
        }
        return negations;
    }

    /**
     * True when the span is negated: a "before" cue ends shortly before it in the same clause, or an "after" cue
     * starts shortly after it ("根据平台规定不能加微信", "微信是不能加的"), or a "sentence" cue follows it anywhere in
     * the same sentence ("晒图送礼这种活动我们不能这么做").
     */
    boolean negated(int start, int end) {
        List<PhraseIndex.Hit> cues = negations();
        for (int i = 0, n = cues.size(); i < n; i++) {
            PhraseIndex.Hit h = cues.get(i);
            LexiconEntry cue = h.ref().entry();
            int window = cue.window() > 0 ? cue.window() : 5;
            // a cue may run into the phrase it negates: 不保证 before 保证到
            if ("before".equals(cue.position()) && h.start() < start && h.end() <= end && start - h.end() <= window
                    && sameClause(h.start(), start)) {
                return true;
            }
            if ("after".equals(cue.position()) && h.start() >= end && h.start() - end <= window && sameClause(end - 1, h.start())) {
                return true;
            }
            // a refusal that points back at the whole sentence: "晒图送礼这种活动我们不能这么做"
            if ("sentence".equals(cue.position()) && h.start() >= end && sentenceOf(h.start()) == sentenceOf(end - 1)) {
                return true;
            }
        }
        return false;
    }

    /** True when the span is the buyer's words reported back: inside quotes, or after "您说的" in the same clause. */
    boolean reported(int start, int end) {
        if (quoted(start, end)) return true;
        List<PhraseIndex.Hit> quotes = lexicon(QUOTE);
        for (int i = 0, n = quotes.size(); i < n; i++) {
            PhraseIndex.Hit h = quotes.get(i);
            if (h.end() <= start && start - h.end() <= 8 && sameClause(h.start(), start)) return true;
        }
        return false;
    }

    /** True when a clause break (or the end of the reply) follows, allowing only softening particles between. */
    boolean endsClause(int end, List<PhraseIndex.Hit> softeners) {
        int i = end;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (Normalizer.isClauseBreak(ch)) return true;
            int at = i;
            PhraseIndex.Hit particle = null;
            for (PhraseIndex.Hit h : softeners) {
                if (h.start() == at) {
                    particle = h;
                    break;
                }
            }
            if (particle == null) return false;
            i = particle.end();
        }
        return true;
    }
}
