package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds platform-rule violations in a reply: phrases, patterns and phrase combinations of rules.yaml, minus
 * correct refusals (negated), quotations of the buyer, and exception phrases. Stateless after construction.
 */
final class Violations {

    static final Set<String> CATEGORIES = Set.of("off_platform", "review_manipulation", "false_promise", "abuse", "privacy");

    /** Whether any of the violations is of the category. */
    static boolean has(List<Violation> violations, String category) {
        return first(violations, category) != null;
    }

    /** The first of the violations of the category, or null. */
    static Violation first(List<Violation> violations, String category) {
        // indexed: these run several times per reply over small lists of mixed kinds, where an iterator is not
        // optimised away (allocation was a fifth of a reply's bytes)
        for (int i = 0, n = violations.size(); i < n; i++) {
            Violation v = violations.get(i);
            if (v.category().equals(category)) return v;
        }
        return null;
    }

    /**
     * A violation rule with its slot (position in the rulebook, where {@link ReplyText} files its hits) and its
     * regexes, whose ids run on from the first one's (so the reply's ready bits say which to try).
     */
    private record Compiled(Rule rule, int slot, GatedPattern[] patterns) {
        Compiled {
            for (int i = 1; i < patterns.length; i++) {
                if (patterns[i].id() != patterns[0].id() + i) throw new IllegalArgumentException("a rule's pattern ids must be consecutive");
            }
        }
    }

    /** A candidate span with the phrase hits that make it up (for exception checks). */
    private record Candidate(Rule rule, int slot, int start, int end, List<int[]> parts) {
    }

    private static final Comparator<Candidate> BY_START = Comparator.comparingInt(Candidate::start).thenComparingInt(k -> -k.end());

    private final Compiled[] rules;
    private final Map<String, Rule> byId;
    /** Per rule, its normalised request phrases (a negation before them asks, it does not refuse). */
    private final Map<Rule, Set<String>> requests = new java.util.IdentityHashMap<>();

    Violations(List<Rule> allRules, Map<Rule, List<GatedPattern>> patterns, java.util.function.UnaryOperator<String> normalize) {
        List<Compiled> compiled = new ArrayList<>();
        for (int i = 0; i < allRules.size(); i++) {
            Rule r = allRules.get(i);
            if (r.isViolation()) compiled.add(new Compiled(r, i, patterns.getOrDefault(r, List.of()).toArray(new GatedPattern[0])));
        }
        this.rules = compiled.toArray(new Compiled[0]);
        for (Rule r : allRules) {
            if (r.requests().isEmpty()) continue;
            Set<String> set = new java.util.HashSet<>();
            r.requests().forEach(x -> set.add(normalize.apply(x)));
            requests.put(r, set);
        }
        this.byId = new java.util.HashMap<>();
        allRules.forEach(r -> byId.put(r.id(), r));
    }

    /**
     * What the rules found: the violations, and the phrases they saw refused ("不能加微信", "没办法百分百保证"): a
     * negation or the buyer's words quoted back took them out. The learned layer reads both, so it can learn that a
     * refusal is not the violation its words resemble. `refused` is the refusals' categories, each once, in order
     * (worked out once here: every model reading of the reply needs them).
     */
    record Found(List<Violation> violations, List<String> refused, List<Refusal> refusals) {
    }

    /** A phrase of a category the rules saw refused, in original offsets ("没办法百分百保证明天到" → 百分百). */
    record Refusal(String category, int start, int end) {
        boolean overlaps(String category, int[] span) {
            return this.category.equals(category) && span[0] < end && start < span[1];
        }
    }

    Found find(ReplyText reply) {
        List<Candidate> found = null;
        List<Refusal> refusals = List.of();
        for (Compiled c : rules) {
            List<Candidate> candidates = candidates(c, reply);
            for (int i = 0, n = candidates.size(); i < n; i++) {
                Candidate k = candidates.get(i);
                if (excepted(k, reply)) continue;
                if (k.parts().size() == 1 && negatedOrReported(k.rule(), k.start(), k.end(), reply)) {
                    if (refusals.isEmpty()) refusals = new ArrayList<>(2);
                    NormalizedText nt = reply.normalized;
                    refusals.add(new Refusal(k.rule().category(), nt.originalStart(k.start()), nt.originalEnd(k.end())));
                    continue;
                }
                if (found == null) found = new ArrayList<>(2);
                found.add(k);
            }
        }
        return new Found(found == null ? List.of() : violations(found, reply), categories(refusals), refusals);
    }

    private static List<String> categories(List<Refusal> refusals) {
        if (refusals.isEmpty()) return List.of();
        List<String> out = new ArrayList<>(2);
        for (Refusal r : refusals) if (!out.contains(r.category())) out.add(r.category());
        return out;
    }

    private List<Violation> violations(List<Candidate> found, ReplyText reply) {
        found = supersede(found, reply);
        found = merge(found);
        List<Violation> out = new ArrayList<>();
        NormalizedText nt = reply.normalized;
        for (Candidate k : found) {
            out.add(new Violation(k.rule().category(), k.rule().id(), nt.originalStart(k.start()), nt.originalEnd(k.end()),
                    k.rule().advice()));
        }
        return out;
    }

    private List<Candidate> candidates(Compiled c, ReplyText reply) {
        List<Candidate> out = null;
        Rule rule = c.rule();
        int slot = c.slot();
        List<PhraseIndex.Hit> hits = reply.rule(slot);
        for (int i = 0, n = hits.size(); i < n; i++) {
            PhraseIndex.Hit h = hits.get(i);
            if (h.ref().role() == PhraseIndex.Role.VIOLATION) {
                if (out == null) out = new ArrayList<>(2);
                out.add(new Candidate(rule, slot, h.start(), h.end(), List.of(new int[]{h.start(), h.end()})));
            }
        }
        GatedPattern[] patterns = c.patterns();
        for (int i = 0; i < patterns.length; i++) {
            // skip to the next pattern whose gates the scan found all of (most replies: none)
            int id = patterns[0].id() + i;
            long bits = reply.readyBits(id >>> 6) >>> (id & 63);
            if (bits == 0) {
                i += 63 - (id & 63);
                continue;
            }
            i += Long.numberOfTrailingZeros(bits);
            if (i >= patterns.length) break;
            int[] matches = patterns[i].matches(reply);
            for (int k = 0; k < matches.length; k += 2) {
                if (out == null) out = new ArrayList<>(2);
                out.add(new Candidate(rule, slot, matches[k], matches[k + 1], List.of(new int[]{matches[k], matches[k + 1]})));
            }
        }
        if (hits.isEmpty()) return out == null ? List.of() : out;   // combinations are made of hits
        for (int combo = 0; combo < rule.together().size(); combo++) {
            List<Candidate> t = together(rule, slot, combo, reply);
            if (t.isEmpty()) continue;
            if (out == null) out = new ArrayList<>(2);
            out.addAll(t);
        }
        return out == null ? List.of() : out;
    }

    /**
     * One candidate per sentence that, together with the next sentence, has a phrase of every group of the
     * combination ("中评方便改一下吗?改好了我再给您转10块钱" spans two sentences).
     */
    private List<Candidate> together(Rule rule, int slot, int combo, ReplyText reply) {
        int groups = rule.together().get(combo).size();
        // every group needs a phrase before the (dearer) exception and negation checks are worth making
        long seen = 0;
        List<PhraseIndex.Hit> hits = reply.rule(slot);
        for (int i = 0, n = hits.size(); i < n; i++) {
            PhraseIndex.Ref ref = hits.get(i).ref();
            if (ref.role() == PhraseIndex.Role.TOGETHER && ref.combo() == combo && ref.group() < 64) seen |= 1L << ref.group();
        }
        if (groups <= 64 && Long.bitCount(seen) < groups) return List.of();
        List<PhraseIndex.Hit> usable = null;
        for (int i = 0, n = hits.size(); i < n; i++) {
            PhraseIndex.Hit h = hits.get(i);
            PhraseIndex.Ref ref = h.ref();
            if (ref.role() != PhraseIndex.Role.TOGETHER || ref.combo() != combo) continue;
            if (excepted(slot, h.start(), h.end(), reply)) continue;
            if (negatedOrReported(rule, h.start(), h.end(), reply) && !request(rule, h, reply)) continue;
            if (usable == null) usable = new ArrayList<>();
            usable.add(h);
        }
        if (usable == null || usable.size() < groups) return List.of();   // one hit per group at least
        List<Candidate> out = new ArrayList<>();
        int[] at = new int[usable.size()];
        for (int k = 0; k < at.length; k++) at[k] = reply.sentenceOf(usable.get(k).start());
        int[] sentences = at.clone();
        java.util.Arrays.sort(sentences);
        for (int i = 0; i < sentences.length; i++) {
            int sentence = sentences[i];
            if (i > 0 && sentence == sentences[i - 1]) continue;   // each sentence once, in order
            PhraseIndex.Hit[] slots = new PhraseIndex.Hit[groups];
            for (int k = 0; k < at.length; k++) {
                PhraseIndex.Hit h = usable.get(k);
                if ((at[k] == sentence || at[k] == sentence + 1) && slots[h.ref().group()] == null) slots[h.ref().group()] = h;
            }
            if (anyNull(slots) || overlapping(slots)) continue;
            int start = Integer.MAX_VALUE;
            int end = 0;
            List<int[]> parts = new ArrayList<>();
            for (PhraseIndex.Hit h : slots) {
                start = Math.min(start, h.start());
                end = Math.max(end, h.end());
                parts.add(new int[]{h.start(), h.end()});
            }
            out.add(new Candidate(rule, slot, start, end, parts));
        }
        return out;
    }

    private static boolean anyNull(Object[] slots) {
        for (Object o : slots) if (o == null) return true;
        return false;
    }

    /** One word must not fill two groups at once. */
    private static boolean overlapping(PhraseIndex.Hit[] slots) {
        for (int i = 0; i < slots.length; i++) {
            for (int j = i + 1; j < slots.length; j++) {
                if (slots[i].overlaps(slots[j].start(), slots[j].end())) return true;
            }
        }
        return false;
    }

    /** An exception phrase over any part: the words mean something else here ("微信支付" is not a contact). */
    private static boolean excepted(Candidate k, ReplyText reply) {
        List<int[]> parts = k.parts();
        for (int i = 0, n = parts.size(); i < n; i++) {
            if (excepted(k.slot(), parts.get(i)[0], parts.get(i)[1], reply)) return true;
        }
        return false;
    }

    private static boolean excepted(int slot, int start, int end, ReplyText reply) {
        List<PhraseIndex.Hit> hits = reply.rule(slot);
        for (int i = 0, n = hits.size(); i < n; i++) {
            PhraseIndex.Hit h = hits.get(i);
            if (h.ref().role() == PhraseIndex.Role.RULE_EXCEPT && h.overlaps(start, end)) return true;
        }
        return false;
    }

    /** "别给差评": a negated request phrase (not quoted) still counts, it asks the buyer for something. */
    private boolean request(Rule rule, PhraseIndex.Hit h, ReplyText reply) {
        Set<String> words = requests.get(rule);
        return words != null && words.contains(reply.text.substring(h.start(), h.end())) && !reply.reported(h.start(), h.end());
    }

    private static boolean negatedOrReported(Rule rule, int start, int end, ReplyText reply) {
        return reply.reported(start, end) || (rule.negatable() && reply.negated(start, end));
    }

    /** Privacy over off_platform for a phone number in the same sentence: the more specific rule wins. */
    private List<Candidate> supersede(List<Candidate> found, ReplyText reply) {
        List<Candidate> out = new ArrayList<>(found);
        for (Candidate winner : found) {
            for (String loserId : winner.rule().supersedes()) {
                Rule loser = byId.get(loserId);
                out.removeIf(k -> k.rule() == loser && reply.sentenceOf(k.start()) == reply.sentenceOf(winner.start()));
            }
        }
        return out;
    }

    /** Overlapping spans of one rule become one violation. */
    private static List<Candidate> merge(List<Candidate> found) {
        List<Candidate> sorted = new ArrayList<>(found);
        if (sorted.size() > 1) sorted.sort(BY_START);
        List<Candidate> out = new ArrayList<>();
        for (Candidate k : sorted) {
            Candidate merged = null;
            for (int i = 0; i < out.size(); i++) {
                Candidate o = out.get(i);
                if (o.rule() == k.rule() && o.start() < k.end() && k.start() < o.end()) {
                    merged = new Candidate(o.rule(), o.slot(), Math.min(o.start(), k.start()), Math.max(o.end(), k.end()), o.parts());
                    out.set(i, merged);
                    break;
                }
            }
            if (merged == null) out.add(k);
        }
        return out;
    }
}
