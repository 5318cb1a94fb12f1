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

    private record LexiconPattern(GatedPattern pattern, PhraseIndex.Ref ref) {
    }

    ContentScorer(ScoringContent content) {
        this.content = content;
        this.normalizer = content.normalizer();
        // every content regex gets an id; its gate literals join the one phrase automaton
        List<GatedPattern> gated = new java.util.ArrayList<>();
        java.util.Map<Rule, List<GatedPattern>> rulePatterns = new java.util.IdentityHashMap<>();
        for (Rule r : content.rules()) {
            List<GatedPattern> ps = new java.util.ArrayList<>();
            for (String p : r.patterns()) ps.add(new GatedPattern(gated.size() + ps.size(), p));
            gated.addAll(ps);
            rulePatterns.put(r, ps);
        }
        List<LexiconPattern> patterns = new java.util.ArrayList<>();
        for (LexiconEntry e : content.lexicon()) {
            PhraseIndex.Ref ref = new PhraseIndex.Ref(PhraseIndex.Role.LEXICON, e, null, -1, -1);
            for (String p : e.patterns()) {
                GatedPattern g = new GatedPattern(gated.size(), p);
                gated.add(g);
                patterns.add(new LexiconPattern(g, ref));
            }
        }
        this.lexiconPatterns = List.copyOf(patterns);
        this.index = PhraseIndex.build(normalizer, content.lexicon(), content.rules(), gated);
        this.violations = new Violations(content.rules(), rulePatterns);
        this.politeness = new PolitenessJudge(content.rubric().politeness(), content.lexicon(), normalizer);
        this.facts = new FactMatcher(normalizer, content.lexicon(), content.rules());
        this.speed = new SpeedJudge(content.rubric().speed());
    }

    @Override
    public Annotations score(ReplyInput input) {
        String text = input.text() == null ? "" : input.text();
        NormalizedText nt = normalizer.normalize(text);
        ReplyText reply = scan(nt);
        List<Violation> found = violations.find(reply);
        Politeness polite = politeness.judge(reply, input, complains(input.buyerMessages()), found);
        return new Annotations(polite, found, facts.check(nt.text(), input.expected()), prices.offerPrice(reply),
                speed.judge(text, input.typing(), input.responseMs()));
    }

    @Override
    public String contentVersion() {
        return content.version();
    }

    /** One automaton pass, then the lexicon patterns whose gates the pass found (wordings too varied to list). */
    private ReplyText scan(NormalizedText nt) {
        List<PhraseIndex.Hit> hits = index.scan(nt.text());
        ReplyText gates = new ReplyText(nt, hits, index.patternCount());
        List<PhraseIndex.Hit> extra = null;
        for (LexiconPattern lp : lexiconPatterns) {
            java.util.regex.Matcher m = lp.pattern().matcherIfPossible(gates);
            while (m != null && m.find()) {
                if (m.end() <= m.start()) continue;
                if (extra == null) extra = new java.util.ArrayList<>(hits);
                extra.add(new PhraseIndex.Hit(m.start(), m.end(), lp.ref()));
            }
        }
        return extra == null ? gates : new ReplyText(nt, extra, index.patternCount());
    }

    /**
     * True when any of the buyer's messages complains. A worry asked as a question ("会掉色吗") is not a
     * complaint: a hypothetical cue earlier in the same clause cancels the cues that are not strong.
     */
    boolean complains(List<String> buyerMessages) {
        for (String m : buyerMessages) {
            if (m == null || m.isEmpty()) continue;
            NormalizedText nt = normalizer.normalize(m);
            List<PhraseIndex.Hit> cues = new java.util.ArrayList<>();
            for (PhraseIndex.Hit h : index.scan(nt.text())) {
                if (h.ref().role() == PhraseIndex.Role.LEXICON && h.ref().entry().kind().equals("complaint")) cues.add(h);
            }
            if (cues.isEmpty()) continue;
            ReplyText buyer = new ReplyText(nt, List.of());
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
