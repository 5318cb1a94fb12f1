package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A normalised reply with its phrase hits and its structure: which clause and sentence each character is in,
 * and which characters are inside quotation marks (quoting the buyer is not saying it).
 */
final class ReplyText {

    final NormalizedText normalized;
    final String text;
    final List<PhraseIndex.Hit> hits;
    private final int[] clause;
    private final int[] sentence;
    private final boolean[] quoted;
    // hits sorted once by what they are, so each question below looks only at the hits that can answer it
    private final java.util.Map<String, List<PhraseIndex.Hit>> byKind = new java.util.HashMap<>();
    private final List<PhraseIndex.Hit> lexiconExcept = new ArrayList<>();
    private final java.util.Map<Rule, List<PhraseIndex.Hit>> byRule = new java.util.IdentityHashMap<>();
    private List<PhraseIndex.Hit> negations;
    private final int[] gateMasks;

    ReplyText(NormalizedText normalized, List<PhraseIndex.Hit> hits) {
        this(normalized, hits, 0);
    }

    ReplyText(NormalizedText normalized, List<PhraseIndex.Hit> hits, int patterns) {
        this.normalized = normalized;
        this.text = normalized.text();
        this.hits = hits;
        this.gateMasks = new int[patterns];
        for (PhraseIndex.Hit h : hits) {
            PhraseIndex.Ref ref = h.ref();
            switch (ref.role()) {
                case LEXICON -> byKind.computeIfAbsent(ref.entry().kind(), k -> new ArrayList<>(4)).add(h);
                case LEXICON_EXCEPT -> lexiconExcept.add(h);
                case GATE -> {
                    if (ref.combo() < patterns) gateMasks[ref.combo()] |= 1 << ref.group();
                }
                default -> byRule.computeIfAbsent(ref.rule(), k -> new ArrayList<>(4)).add(h);
            }
        }
        int n = text.length();
        clause = new int[n + 1];
        sentence = new int[n + 1];
        quoted = new boolean[n + 1];
        int c = 0;
        int s = 0;
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (Normalizer.isClauseBreak(ch)) c++;
            if (Normalizer.isSentenceBreak(ch)) s++;
            clause[i] = c;
            sentence[i] = s;
        }
        // only a closed pair of quotation marks quotes; a stray mark must not hide what follows it
        for (int i = 0; i < n; i++) {
            char close = closing(text.charAt(i));
            if (close == 0) continue;
            int j = text.indexOf(close, i + 1);
            if (j < 0) continue;
            for (int k = i + 1; k < j; k++) quoted[k] = true;
            i = j;
        }
        clause[n] = c + 1;
        sentence[n] = s + 1;
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

    int clauseOf(int i) {
        return clause[Math.min(i, text.length())];
    }

    int sentenceOf(int i) {
        return sentence[Math.min(i, text.length())];
    }

    boolean sameClause(int a, int b) {
        return clauseOf(a) == clauseOf(b);
    }

    boolean quoted(int start, int end) {
        for (int i = start; i < end; i++) if (!quoted[i]) return false;
        return end > start;
    }

    List<PhraseIndex.Hit> hits(Predicate<PhraseIndex.Hit> filter) {
        List<PhraseIndex.Hit> out = new ArrayList<>();
        for (PhraseIndex.Hit h : hits) if (filter.test(h)) out.add(h);
        return out;
    }

    /** Which gates of a content regex the scan found, one bit per gate list. */
    int gateMask(int pattern) {
        return pattern < gateMasks.length ? gateMasks[pattern] : 0;
    }

    /** Hits of lexicon entries of one kind (do not modify). */
    List<PhraseIndex.Hit> lexicon(String kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    /** Hits of one rule's phrases, whatever their role (do not modify). */
    List<PhraseIndex.Hit> rule(Rule rule) {
        return byRule.getOrDefault(rule, List.of());
    }

    /** True when an exception phrase of this lexicon entry overlaps the hit ("亲自" is not the address 亲). */
    boolean excepted(PhraseIndex.Hit hit) {
        for (PhraseIndex.Hit h : lexiconExcept) {
            if (h.ref().entry() == hit.ref().entry() && h.overlaps(hit.start(), hit.end())) return true;
        }
        return false;
    }

    private List<PhraseIndex.Hit> negations() {
        if (negations == null) {
            List<PhraseIndex.Hit> out = new ArrayList<>();
            for (PhraseIndex.Hit h : lexicon("negation")) if (!excepted(h)) out.add(h);
            negations = out;
        }
        return negations;
    }

    /**
     * True when the span is negated: a "before" cue ends shortly before it in the same clause, or an "after" cue
     * starts shortly after it ("根据平台规定不能加微信", "微信是不能加的").
     */
    boolean negated(int start, int end) {
        for (PhraseIndex.Hit h : negations()) {
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
        }
        return false;
    }

    /** True when the span is the buyer's words reported back: inside quotes, or after "您说的" in the same clause. */
    boolean reported(int start, int end) {
        if (quoted(start, end)) return true;
        for (PhraseIndex.Hit h : lexicon("quote")) {
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
            PhraseIndex.Hit particle = softeners.stream().filter(s -> s.start() == at).findFirst().orElse(null);
            if (particle == null) return false;
            i = particle.end();
        }
        return true;
    }
}
