package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a reply's lexicon hits and its context (first reply? closing? does the buyer complain?) into findings,
 * then derives the politeness score and verdict from them.
 */
final class PolitenessJudge {

    /** Lexicon kind -> finding type for the phrases that earn points. */
    private static final Map<String, String> POSITIVE = Map.of("greeting", "greeting", "polite", "polite_marker",
            "softener", "softener", "apology", "apology", "empathy", "empathy", "closing", "closing");

    /** The slots of the positive kinds, in a fixed order, with their finding types; SLOT_TYPE: slot -> type index. */
    private static final int[] POSITIVE_SLOTS;
    private static final String[] POSITIVE_TYPES;
    private static final int[] SLOT_TYPE = new int[ReplyText.KINDS];

    static {
        List<String> kinds = List.copyOf(POSITIVE.keySet());
        POSITIVE_SLOTS = new int[kinds.size()];
        POSITIVE_TYPES = new String[kinds.size()];
        java.util.Arrays.fill(SLOT_TYPE, -1);
        for (int i = 0; i < kinds.size(); i++) {
            POSITIVE_SLOTS[i] = ReplyText.kindIndex(kinds.get(i));
            POSITIVE_TYPES[i] = POSITIVE.get(kinds.get(i));
            SLOT_TYPE[POSITIVE_SLOTS[i]] = i;
        }
    }

    private static int typeBit(String type) {
        return 1 << List.of(POSITIVE_TYPES).indexOf(type);
    }

    private static final int GREETING = typeBit("greeting");
    private static final int APOLOGY = typeBit("apology");
    private static final int EMPATHY = typeBit("empathy");
    private static final int CLOSING = typeBit("closing");

    /** Kinds whose presence in a clause makes a softenable refusal polite. */
    private static final int[] SOFTENING = {ReplyText.SOFTENER, ReplyText.APOLOGY};

    private static final Comparator<Finding> BY_SPAN = Comparator.comparingInt(Finding::start).thenComparingInt(Finding::end);

    private final Rubric.PolitenessParams params;
    /** Rubric points and hit limits of the positive types, by type index. */
    private final int[] positivePoints = new int[POSITIVE_TYPES.length];
    private final int[] positiveMaxHits = new int[POSITIVE_TYPES.length];
    private final Map<String, LexiconEntry> curt = new HashMap<>();
    private final String curtAdvice;
    private LexiconEntry firstCurt;
    /** Longest curt phrase, and the characters of softener phrases (a quick test that a reply cannot be curt). */
    private int longestCurt;
    private final boolean[] softenerChar = new boolean[0x10000];

    // the rubric's points per finding type, read once (a map lookup per finding was a seventh of judging a reply),
    // and the missing-phrase findings, which are the same every time
    private final int forbiddenPoints;
    private final int blamePoints;
    private final int coldPoints;
    private final int abusePoints;
    private final int curtPoints;
    private final int curtImpolitePoints;
    private final Finding missingGreeting;
    private final Finding missingApology;
    private final Finding missingClosing;

    PolitenessJudge(Rubric.PolitenessParams params, List<LexiconEntry> lexicon, Normalizer normalizer) {
        this.params = params;
        this.forbiddenPoints = params.points("forbidden");
        this.blamePoints = params.points("blame");
        this.coldPoints = params.points("cold");
        this.abusePoints = params.points("abuse");
        this.curtPoints = params.points("curt");
        this.curtImpolitePoints = params.points("curt_impolite");
        this.missingGreeting = missing(params, "missing_greeting");
        this.missingApology = missing(params, "missing_apology");
        this.missingClosing = missing(params, "missing_closing");
        for (int i = 0; i < POSITIVE_TYPES.length; i++) {
            positivePoints[i] = params.points(POSITIVE_TYPES[i]);
            positiveMaxHits[i] = params.maxHits(POSITIVE_TYPES[i]);
        }
        String advice = null;
        for (LexiconEntry e : lexicon) {
            if (!e.kind().equals("curt")) continue;
            e.phrases().forEach(p -> curt.putIfAbsent(normalizer.normalizePhrase(p), e));
            for (String p : e.phrases()) longestCurt = Math.max(longestCurt, normalizer.normalizePhrase(p).length());
            if (firstCurt == null) firstCurt = e;
            if (advice == null) advice = e.advice();
        }
        this.curtAdvice = advice;
        for (LexiconEntry e : lexicon) {
            if (!e.kind().equals("softener")) continue;
            for (String p : e.phrases()) for (char c : normalizer.normalizePhrase(p).toCharArray()) softenerChar[c] = true;
            if (!e.patterns().isEmpty()) longestCurt = Integer.MAX_VALUE;   // softener text not known in advance
        }
    }

    Politeness judge(ReplyText reply, ReplyInput input, boolean complaint, List<Violation> violations) {
        List<Finding> findings = new ArrayList<>();
        NormalizedText nt = reply.normalized;
        List<PhraseIndex.Hit> softeners = reply.lexicon(ReplyText.SOFTENER);

        int positiveTypes = positives(reply, findings);

        List<PhraseIndex.Hit> forbidden = longestOnly(reply.lexicon(ReplyText.FORBIDDEN));
        for (int i = 0, n = forbidden.size(); i < n; i++) {
            PhraseIndex.Hit h = forbidden.get(i);
            LexiconEntry e = h.ref().entry();
            if (reply.excepted(h) || reply.reported(h.start(), h.end())) continue;
            if (e.clauseEnd() && !reply.endsClause(h.end(), softeners)) continue;
            if (e.softenable() && softenedClause(reply, h)) continue;
            findings.add(finding("forbidden", forbiddenPoints, h, e, nt));
        }
        List<PhraseIndex.Hit> blame = longestOnly(reply.lexicon(ReplyText.BLAME));
        for (int i = 0, n = blame.size(); i < n; i++) {
            PhraseIndex.Hit h = blame.get(i);
            if (reply.excepted(h) || reply.reported(h.start(), h.end()) || reply.negated(h.start(), h.end())) continue;
            findings.add(finding("blame", blamePoints, h, h.ref().entry(), nt));
        }
        curt(reply, complaint, findings);
        if (positiveTypes == 0) cold(reply, findings);
        for (int i = 0, n = violations.size(); i < n; i++) {
            Violation v = violations.get(i);
            if (v.category().equals("abuse")) {
                findings.add(new Finding("abuse", v.start(), v.end(), v.rule(), v.advice(), abusePoints));
            }
        }
        if (input.first() && (positiveTypes & GREETING) == 0) findings.add(missingGreeting);
        if (complaint && (positiveTypes & (APOLOGY | EMPATHY)) == 0) findings.add(missingApology);
        if (input.closing() && (positiveTypes & CLOSING) == 0) findings.add(missingClosing);

        findings.sort(BY_SPAN);
        int score = params.base();
        boolean severe = false;
        for (int i = 0, n = findings.size(); i < n; i++) {
            Finding f = findings.get(i);
            score += f.points();
            if (f.points() <= params.severeAt()) severe = true;
        }
        score = Math.max(0, Math.min(100, score));
        Verdict verdict;
        if (severe || score < params.impoliteBelow()) verdict = Verdict.impolite;
        else if (score >= params.politeFrom() && positiveTypes != 0) verdict = Verdict.polite;
        else verdict = Verdict.neutral;
        return new Politeness(score, verdict, findings);
    }

    /**
     * Positive findings; a phrase inside a longer positive phrase earns nothing ("您" inside "您好"). Returns the
     * positive types found, one bit per type.
     */
    private int positives(ReplyText reply, List<Finding> findings) {
        List<PhraseIndex.Hit> hits = null;
        for (int slot : POSITIVE_SLOTS) {
            List<PhraseIndex.Hit> of = reply.lexicon(slot);
            for (int i = 0, n = of.size(); i < n; i++) {
                PhraseIndex.Hit h = of.get(i);
                if (reply.excepted(h) || reply.quoted(h.start(), h.end())) continue;
                if (hits == null) hits = new ArrayList<>();
                hits.add(h);
            }
        }
        if (hits == null) return 0;
        int types = 0;
        int[] counted = new int[POSITIVE_TYPES.length];
        NormalizedText nt = reply.normalized;
        List<PhraseIndex.Hit> longest = longestOnly(hits);
        for (int i = 0, size = longest.size(); i < size; i++) {
            PhraseIndex.Hit h = longest.get(i);
            int t = SLOT_TYPE[h.ref().slot()];
            String type = POSITIVE_TYPES[t];
            LexiconEntry e = h.ref().entry();
            types |= 1 << t;
            int n = ++counted[t];
            int points = n <= positiveMaxHits[t] ? (e.points() != null ? e.points() : positivePoints[t]) : 0;
            findings.add(new Finding(type, nt.originalStart(h.start()), nt.originalEnd(h.end()), e.id(), null, points));
        }
        return types;
    }

    /** A softener or an apology in the same clause makes a refusal polite ("暂时没办法再优惠呢"). */
    private static boolean softenedClause(ReplyText reply, PhraseIndex.Hit h) {
        for (int kind : SOFTENING) {
            List<PhraseIndex.Hit> of = reply.lexicon(kind);
            for (int i = 0, n = of.size(); i < n; i++) {
                PhraseIndex.Hit o = of.get(i);
                if (!o.overlaps(h.start(), h.end()) && reply.sameClause(o.start(), h.start())) return true;
            }
        }
        return false;
    }

    /** The whole reply is one bare word: neutral to a question, impolite to a complaint or as a bare refusal. */
    private void curt(ReplyText reply, boolean complaint, List<Finding> findings) {
        if (!mayBeCurt(reply.text)) return;
        String text = reply.text.replace(" ", "");
        StringBuilder core = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Normalizer.isClauseBreak(c) && c != '~') core.append(c);
        }
        String bare = core.toString();
        LexiconEntry entry = curt.get(text);
        if (entry == null) entry = curt.get(bare);
        if (entry == null) entry = curt.get(withoutTrailingParticles(bare, reply));
        if (entry == null && bare.isEmpty()) entry = firstCurt;   // nothing but punctuation
        if (entry == null) return;
        boolean impolite = "always".equals(entry.impolite()) || complaint;
        int points = entry.points() != null ? entry.points() : (impolite ? curtImpolitePoints : curtPoints);
        findings.add(new Finding("curt", 0, reply.normalized.original().length(), entry.id(),
                entry.advice() != null ? entry.advice() : curtAdvice, points));
    }

    /**
     * False when the reply cannot be a bare word: a curt reply is one curt phrase followed only by softening
     * particles, so every character past the longest curt phrase (spaces and punctuation aside) must come from a
     * softener phrase. Saves building the bare forms for ordinary replies.
     */
    private boolean mayBeCurt(String text) {
        int core = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '~' || Normalizer.isClauseBreak(c)) continue;
            if (core++ >= longestCurt && !softenerChar[c]) return false;
        }
        return true;
    }

    /** With nothing warm in the reply, 你 and bare ?/! read as brusque: once per cold entry. */
    private void cold(ReplyText reply, List<Finding> findings) {
        List<PhraseIndex.Hit> cold = reply.lexicon(ReplyText.COLD);
        if (cold.isEmpty()) return;
        Set<LexiconEntry> seen = new HashSet<>();
        for (int i = 0, n = cold.size(); i < n; i++) {
            PhraseIndex.Hit h = cold.get(i);
            LexiconEntry e = h.ref().entry();
            if (reply.excepted(h) || reply.quoted(h.start(), h.end()) || !seen.add(e)) continue;
            findings.add(finding("cold", coldPoints, h, e, reply.normalized));
        }
    }

    private static String withoutTrailingParticles(String bare, ReplyText reply) {
        String out = bare;
        boolean changed = true;
        while (changed && !out.isEmpty()) {
            changed = false;
            for (PhraseIndex.Hit h : reply.lexicon(ReplyText.SOFTENER)) {
                String p = reply.text.substring(h.start(), h.end());
                if (out.length() > p.length() && out.endsWith(p)) {
                    out = out.substring(0, out.length() - p.length());
                    changed = true;
                }
            }
        }
        return out;
    }

    private static Finding missing(Rubric.PolitenessParams params, String type) {
        return new Finding(type, 0, 0, null, params.advice().get(type), params.points(type));
    }

    private static Finding finding(String type, int typePoints, PhraseIndex.Hit h, LexiconEntry e, NormalizedText nt) {
        int points = e.points() != null ? e.points() : typePoints;
        return new Finding(type, nt.originalStart(h.start()), nt.originalEnd(h.end()), e.id(), e.advice(), points);
    }

    /** Drops hits that lie inside a longer hit of the same list. */
    static List<PhraseIndex.Hit> longestOnly(List<PhraseIndex.Hit> hits) {
        if (hits.size() <= 1) return hits;
        List<PhraseIndex.Hit> out = new ArrayList<>();
        for (int i = 0, n = hits.size(); i < n; i++) {
            PhraseIndex.Hit h = hits.get(i);
            boolean inside = false;
            for (int j = 0; j < n; j++) {
                PhraseIndex.Hit o = hits.get(j);
                if (o != h && o.start() <= h.start() && o.end() >= h.end() && (o.end() - o.start()) > (h.end() - h.start())) {
                    inside = true;
                    break;
                }
            }
            if (inside) continue;
            boolean duplicate = false;
            for (int j = 0, m = out.size(); j < m; j++) {
                PhraseIndex.Hit o = out.get(j);
                if (o.start() == h.start() && o.end() == h.end() && o.ref().entry() == h.ref().entry()) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) out.add(h);
        }
        return out;
    }
}
