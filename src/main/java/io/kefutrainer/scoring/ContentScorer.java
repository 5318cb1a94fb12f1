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

    ContentScorer(ScoringContent content) {
        this.content = content;
        this.normalizer = content.normalizer();
        this.index = PhraseIndex.build(normalizer, content.lexicon(), content.rules());
        this.violations = new Violations(content.rules());
        this.politeness = new PolitenessJudge(content.rubric().politeness(), content.lexicon(), normalizer);
        this.facts = new FactMatcher(normalizer, content.lexicon(), content.rules());
        this.speed = new SpeedJudge(content.rubric().speed());
    }

    @Override
    public Annotations score(ReplyInput input) {
        String text = input.text() == null ? "" : input.text();
        NormalizedText nt = normalizer.normalize(text);
        ReplyText reply = new ReplyText(nt, index.scan(nt.text()));
        List<Violation> found = violations.find(reply);
        Politeness polite = politeness.judge(reply, input, complains(input.buyerMessages()), found);
        return new Annotations(polite, found, facts.check(nt.text(), input.expected()), prices.offerPrice(reply),
                speed.judge(text, input.typing(), input.responseMs()));
    }

    @Override
    public String contentVersion() {
        return content.version();
    }

    /** True when any of the buyer's messages complains (complaint cues of the lexicon). */
    boolean complains(List<String> buyerMessages) {
        for (String m : buyerMessages) {
            if (m == null || m.isEmpty()) continue;
            for (PhraseIndex.Hit h : index.scan(normalizer.normalize(m).text())) {
                if (h.ref().role() == PhraseIndex.Role.LEXICON && h.ref().entry().kind().equals("complaint")) return true;
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
