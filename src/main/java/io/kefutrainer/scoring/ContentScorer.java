package io.kefutrainer.scoring;

import java.util.List;

/**
 * The scorer compiled from one content version: one phrase automaton for lexicon and rules, the rule patterns,
 * and the rubric's politeness parameters. Immutable, so one instance serves all threads.
 */
final class ContentScorer implements Scorer {

    private final ScoringContent content;
    private final Normalizer normalizer;
    private final PhraseIndex index;
    private final Violations violations;
    private final PolitenessJudge politeness;
    private final FactMatcher facts;
    private final PriceReader prices = new PriceReader();
    private final SpeedJudge speed;
    private final List<LexiconPattern> lexiconPatterns;

    private record LexiconPattern(java.util.regex.Pattern pattern, PhraseIndex.Ref ref) {
    }

    ContentScorer(ScoringContent content) {
        this.content = content;
        this.normalizer = content.normalizer();
        this.index = PhraseIndex.build(normalizer, content.lexicon(), content.rules());
        this.violations = new Violations(content.rules());
        this.politeness = new PolitenessJudge(content.rubric().politeness(), content.lexicon(), normalizer);
        this.facts = new FactMatcher(normalizer, content.lexicon(), content.rules());
        this.speed = new SpeedJudge(content.rubric().speed());
        List<LexiconPattern> patterns = new java.util.ArrayList<>();
        for (LexiconEntry e : content.lexicon()) {
            PhraseIndex.Ref ref = new PhraseIndex.Ref(PhraseIndex.Role.LEXICON, e, null, -1, -1);
            e.patterns().forEach(p -> patterns.add(new LexiconPattern(java.util.regex.Pattern.compile(p), ref)));
        }
        this.lexiconPatterns = List.copyOf(patterns);
    }

    @Override
    public Annotations score(ReplyInput input) {
        String text = input.text() == null ? "" : input.text();
        NormalizedText nt = normalizer.normalize(text);
        ReplyText reply = new ReplyText(nt, scan(nt.text()));
        List<Violation> found = violations.find(reply);
        Politeness polite = politeness.judge(reply, input, complains(input.buyerMessages()), found);
        return new Annotations(polite, found, facts.check(nt.text(), input.expected()), prices.offerPrice(reply),
                speed.judge(text, input.typing(), input.responseMs()));
    }

    @Override
    public String contentVersion() {
        return content.version();
    }

    /** Phrase hits plus the hits of lexicon patterns (wordings too varied to list). */
    private List<PhraseIndex.Hit> scan(String text) {
        List<PhraseIndex.Hit> hits = index.scan(text);
        for (LexiconPattern lp : lexiconPatterns) {
            java.util.regex.Matcher m = lp.pattern().matcher(text);
            while (m.find()) {
                if (m.end() > m.start()) hits.add(new PhraseIndex.Hit(m.start(), m.end(), lp.ref()));
            }
        }
        return hits;
    }

    /**
     * True when any of the buyer's messages complains. A worry asked as a question ("会掉色吗") is not a
     * complaint: a hypothetical cue earlier in the same clause cancels the cues that are not strong.
     */
    boolean complains(List<String> buyerMessages) {
        for (String m : buyerMessages) {
            if (m == null || m.isEmpty()) continue;
            ReplyText buyer = new ReplyText(normalizer.normalize(m), index.scan(normalizer.normalize(m).text()));
            List<PhraseIndex.Hit> cues = buyer.lexicon("complaint");
            for (PhraseIndex.Hit h : cues) {
                String role = h.ref().entry().role();
                if ("hypothetical".equals(role)) continue;
                if ("strong".equals(role)) return true;
                boolean hypothetical = cues.stream().anyMatch(q -> "hypothetical".equals(q.ref().entry().role())
                        && buyer.sameClause(q.start(), h.start()) && (q.start() < h.start() || q.start() >= h.end()));
                if (!hypothetical) return true;
            }
        }
        return false;
    }

    PhraseIndex index() {
        return index;
    }

    Normalizer normalizer() {
        return normalizer;
    }
}
