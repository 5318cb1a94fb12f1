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
    private final int ruleCount;
    private final LearnedModel model;
    private final LearnedLayer learned;
    /**
     * Buyer lines are scripted, so the same few hundred recur in every session: whether one complains is worked
     * out once per content version (this scorer) and remembered; bounded in case a caller sends free text.
     */
    private final java.util.Map<String, Boolean> complaints = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MEMO_ENTRIES = 4096;
    private final java.util.Map<String, String> normalisedBuyer = new java.util.concurrent.ConcurrentHashMap<>();

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
        this.ruleCount = content.rules().size();
        this.index = PhraseIndex.build(normalizer, content.lexicon(), content.rules(), gated);
        this.violations = new Violations(content.rules(), rulePatterns, normalizer::normalizePhrase);
        this.politeness = new PolitenessJudge(content.rubric().politeness(), content.lexicon(), normalizer);
        this.facts = new FactMatcher(normalizer, content.lexicon(), content.rules());
        this.speed = new SpeedJudge(content.rubric().speed());
        this.model = content.model();
        this.learned = model == null ? null : new LearnedLayer(model, content.rules(), content.rubric().politeness());
    }

    /**
     * What the rules make of a reply, before the learned layer: the learned layer's input, at scoring and at
     * training time alike (`train-model` reads replies through this).
     */
    record RuleReading(NormalizedText normalized, ReplyText reply, Politeness politeness, Violations.Found found,
                       boolean complaint, String lastBuyer) {
        double[] predict(LearnedModel model, boolean first) {
            return ModelFeatures.predict(model, normalized.text(), lastBuyer, politeness, found.violations(), found.refused(),
                    complaint, first);
        }

        void features(boolean first, java.util.function.Consumer<ModelFeatures.Named> sink) {
            ModelFeatures.named(normalized.text(), lastBuyer, politeness, found.violations(), found.refused(), complaint, first, sink);
        }
    }

    RuleReading readByRules(ReplyInput input) {
        String text = input.text() == null ? "" : input.text();
        NormalizedText nt = normalizer.normalize(text);
        ReplyText reply = scan(nt);
        Violations.Found found = violations.find(reply);
        boolean complaint = complains(input.buyerMessages());
        Politeness polite = politeness.judge(reply, input, complaint, found.violations());
        return new RuleReading(nt, reply, polite, found, complaint, lastBuyer(input.buyerMessages()));
    }

    @Override
    public Annotations score(ReplyInput input) {
        RuleReading rules = readByRules(input);
        NormalizedText nt = rules.normalized();
        List<Violation> found = rules.found().violations();
        Politeness polite = rules.politeness();
        if (model != null) {
            // the learned layer reads the reply, the buyer's last message and what the rules found, and has the
            // last word on the verdict and on each violation category; every change it makes comes as a finding
            // or a violation with the span that weighed most, so the trainee still sees why
            double[] p = rules.predict(model, input.first());
            List<Violation> decided = learned.violations(found, rules.found().refused(), p, nt);
            decided = keepWhereItsSentenceConfirms(input, nt, found, rules.found().refused(), decided);
            if (abuseChanged(found, decided)) polite = politeness.judge(rules.reply(), input, rules.complaint(), decided);
            polite = learned.tone(polite, p, nt);
            found = decided;
        }
        return new Annotations(polite, found, facts.check(nt.text(), input.expected()), prices.offerPrice(rules.reply()),
                speed.judge(nt.original(), input.typing(), input.responseMs()));
    }

    /**
     * A rule's finding the model withdrew is read again in the sentence that holds it, and stands when the model
     * does not withdraw it there. In a long reply the model weighs every sentence: a slip hidden among helpful
     * sentences ("…锁片安装位置可以参考盒子里的卡片。写满50字截图给我,补您一张10元券哦") reads as a correct
     * reply as a whole, while a refusal ("好评返现是违规的,我们不做") keeps its words in the same sentence as the
     * phrase and is withdrawn either way.
     */
    private List<Violation> keepWhereItsSentenceConfirms(ReplyInput input, NormalizedText nt, List<Violation> byRules,
                                                         List<String> refused, List<Violation> decided) {
        List<Violation> out = null;
        String text = nt.original();
        for (Violation v : byRules) {
            if (Violations.has(decided, v.category()) || (out != null && Violations.has(out, v.category()))
                    || refused.contains(v.category())) continue;
            int[] sentence = sentenceAround(nt, v.start(), v.end());
            if (sentence == null || sentence[1] - sentence[0] < MIN_SENTENCE) continue;
            RuleReading local = readByRules(new ReplyInput(text.substring(sentence[0], sentence[1]), input.buyerMessages(),
                    false, false, List.of(), null, null));
            if (!Violations.has(local.found().violations(), v.category())) continue;
            int k = LearnedModel.OUTPUTS.indexOf(v.category());
            if (local.predict(model, false)[k] < Math.max(LOCAL_THRESHOLD, model.keepThreshold(k))) continue;
            if (out == null) out = new java.util.ArrayList<>(decided);
            for (Violation same : byRules) if (same.category().equals(v.category())) out.add(same);
        }
        if (out == null) return decided;
        out.sort(java.util.Comparator.comparingInt(Violation::start));
        return out;
    }

    /**
     * How sure the model must be of the sentence alone. Measured on six new writers' 1,800 replies before they were
     * trained on (violation recall / correct refusals flagged): without the re-read 87.1 % / 16; at 0.5 90.0 % / 19,
     * 0.7 90.0 % / 18, 0.9 88.9 % / 17, 0.95 88.4 % / 16. A trainee marked down for a correct refusal stops trusting
     * the score, so the bar is the highest that flags no more refusals.
     */
    private static final double LOCAL_THRESHOLD = 0.95;
    /**
     * A sentence shorter than this is not read alone: "绝对不会哦亲!" answering "会不会找我要验证码" is half of a
     * refusal whose other half is the next sentence.
     */
    private static final int MIN_SENTENCE = 12;

    /**
     * The sentence holding the original span [start, end), as the rules read sentences ({@link Normalizer#isSentenceBreak}
     * on the normalised text), in original offsets; null when it is the whole reply.
     */
    static int[] sentenceAround(NormalizedText nt, int start, int end) {
        String text = nt.text();
        int a = 0;
        while (a < text.length() && nt.originalStart(a) < start) a++;
        int b = a;
        while (b < text.length() && nt.originalStart(b) < end) b++;
        while (a > 0 && !Normalizer.isSentenceBreak(text.charAt(a - 1))) a--;
        while (b < text.length() && !Normalizer.isSentenceBreak(text.charAt(b))) b++;
        if (b < text.length()) b++;
        if (a == 0 && b == text.length()) return null;
        return new int[]{nt.originalStart(a), nt.originalEnd(b)};
    }

    /** The buyer's last message normalised; scripted lines recur, so remembered like `complaints`. */
    private String lastBuyer(List<String> buyer) {
        String m = ModelFeatures.lastMessage(buyer);
        return m == null ? null : remember(normalisedBuyer, m, x -> normalizer.normalize(x).text());
    }

    /** A bounded per-content-version memo (buyer lines are scripted and recur; a caller may send free text). */
    private static <V> V remember(java.util.Map<String, V> memo, String key, java.util.function.Function<String, V> work) {
        V known = memo.get(key);
        if (known == null) {
            known = work.apply(key);
            if (memo.size() >= MEMO_ENTRIES) memo.clear();
            memo.put(key, known);
        }
        return known;
    }

    private static boolean abuseChanged(List<Violation> before, List<Violation> after) {
        return Violations.has(before, "abuse") != Violations.has(after, "abuse");
    }

    @Override
    public String contentVersion() {
        return content.version();
    }

    /** One automaton pass, then the lexicon patterns whose gates the pass found (wordings too varied to list). */
    private ReplyText scan(NormalizedText nt) {
        PhraseIndex.Scan scan = index.scanWithGates(nt.text());
        List<PhraseIndex.Hit> hits = scan.hits();
        int[] masks = scan.gateMasks();
        String text = nt.text();
        int digits = GatedPattern.digits(text);
        for (LexiconPattern lp : lexiconPatterns) {
            java.util.regex.Matcher m = lp.pattern().matcherIfPossible(masks, text, digits);
            while (m != null && m.find()) {
                if (m.end() <= m.start()) continue;
                hits.add(new PhraseIndex.Hit(m.start(), m.end(), lp.ref()));
            }
        }
        return new ReplyText(nt, hits, masks, ruleCount);
    }

    /**
     * True when any of the buyer's messages complains. A worry asked as a question ("会掉色吗") is not a
     * complaint: a hypothetical cue earlier in the same clause cancels the cues that are not strong.
     */
    boolean complains(List<String> buyerMessages) {
        for (int k = 0, n = buyerMessages.size(); k < n; k++) {
            String m = buyerMessages.get(k);
            if (m == null || m.isEmpty()) continue;
            if (remember(complaints, m, this::complaint)) return true;
        }
        return false;
    }

    /** Whether one buyer line complains (see complains). */
    private boolean complaint(String m) {
        NormalizedText nt = normalizer.normalize(m);
        List<PhraseIndex.Hit> cues = index.scanKind(nt.text(), ReplyText.COMPLAINT);
        ReplyText buyer = null;
        for (PhraseIndex.Hit h : cues) {
            String role = h.ref().entry().role();
            if ("hypothetical".equals(role)) continue;
            if ("strong".equals(role)) return true;
            if (buyer == null) buyer = new ReplyText(nt);
            boolean hypothetical = false;
            for (PhraseIndex.Hit q : cues) {
                if ("hypothetical".equals(q.ref().entry().role()) && buyer.sameClause(q.start(), h.start())
                        && (q.start() < h.start() || q.start() >= h.end())) {
                    hypothetical = true;
                    break;
                }
            }
            if (!hypothetical) return true;
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
