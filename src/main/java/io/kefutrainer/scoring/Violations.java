package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Finds platform-rule violations in a reply: phrases, patterns and phrase combinations of rules.yaml, minus
 * correct refusals (negated), quotations of the buyer, and exception phrases. Stateless after construction.
 */
final class Violations {

    static final Set<String> CATEGORIES = Set.of("off_platform", "review_manipulation", "false_promise", "abuse", "privacy");

    private record Compiled(Rule rule, List<GatedPattern> patterns) {
    }

    /** A candidate span with the phrase hits that make it up (for exception checks). */
    private record Candidate(Rule rule, int start, int end, List<int[]> parts) {
    }

    private final List<Compiled> rules;
    private final Map<String, Rule> byId;

    Violations(List<Rule> allRules, Map<Rule, List<GatedPattern>> patterns) {
        this.rules = allRules.stream().filter(Rule::isViolation)
                .map(r -> new Compiled(r, patterns.getOrDefault(r, List.of()))).toList();
        this.byId = new java.util.HashMap<>();
        allRules.forEach(r -> byId.put(r.id(), r));
    }

    List<Violation> find(ReplyText reply) {
        List<Candidate> found = new ArrayList<>();
        for (Compiled c : rules) {
            List<Candidate> candidates = candidates(c, reply);
            for (Candidate k : candidates) {
                if (accepted(k, reply)) found.add(k);
            }
        }
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
        List<Candidate> out = new ArrayList<>();
        Rule rule = c.rule();
        for (PhraseIndex.Hit h : reply.rule(rule)) {
            if (h.ref().role() == PhraseIndex.Role.VIOLATION) {
                out.add(new Candidate(rule, h.start(), h.end(), List.of(new int[]{h.start(), h.end()})));
            }
        }
        for (GatedPattern p : c.patterns()) {
            Matcher m = p.matcherIfPossible(reply);
            while (m != null && m.find()) {
                if (m.end() > m.start()) out.add(new Candidate(rule, m.start(), m.end(), List.of(new int[]{m.start(), m.end()})));
            }
        }
        for (int combo = 0; combo < rule.together().size(); combo++) {
            out.addAll(together(rule, combo, reply));
        }
        return out;
    }

    /**
     * One candidate per sentence that, together with the next sentence, has a phrase of every group of the
     * combination ("中评方便改一下吗?改好了我再给您转10块钱" spans two sentences).
     */
    private List<Candidate> together(Rule rule, int combo, ReplyText reply) {
        int groups = rule.together().get(combo).size();
        List<PhraseIndex.Hit> usable = new ArrayList<>();
        for (PhraseIndex.Hit h : reply.rule(rule)) {
            PhraseIndex.Ref ref = h.ref();
            if (ref.role() != PhraseIndex.Role.TOGETHER || ref.combo() != combo) continue;
            if (excepted(rule, h.start(), h.end(), reply) || negatedOrReported(rule, h.start(), h.end(), reply)) continue;
            usable.add(h);
        }
        List<Candidate> out = new ArrayList<>();
        if (usable.isEmpty()) return out;
        java.util.SortedSet<Integer> sentences = new java.util.TreeSet<>();
        usable.forEach(h -> sentences.add(reply.sentenceOf(h.start())));
        for (int sentence : sentences) {
            PhraseIndex.Hit[] slots = new PhraseIndex.Hit[groups];
            for (PhraseIndex.Hit h : usable) {
                int at = reply.sentenceOf(h.start());
                if ((at == sentence || at == sentence + 1) && slots[h.ref().group()] == null) slots[h.ref().group()] = h;
            }
            if (java.util.Arrays.stream(slots).anyMatch(java.util.Objects::isNull) || overlapping(slots)) continue;
            int start = Integer.MAX_VALUE;
            int end = 0;
            List<int[]> parts = new ArrayList<>();
            for (PhraseIndex.Hit h : slots) {
                start = Math.min(start, h.start());
                end = Math.max(end, h.end());
                parts.add(new int[]{h.start(), h.end()});
            }
            out.add(new Candidate(rule, start, end, parts));
        }
        return out;
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

    private boolean accepted(Candidate k, ReplyText reply) {
        for (int[] part : k.parts()) {
            if (excepted(k.rule(), part[0], part[1], reply)) return false;
        }
        return k.parts().size() > 1 || !negatedOrReported(k.rule(), k.start(), k.end(), reply);
    }

    private static boolean excepted(Rule rule, int start, int end, ReplyText reply) {
        for (PhraseIndex.Hit h : reply.rule(rule)) {
            if (h.ref().role() == PhraseIndex.Role.RULE_EXCEPT && h.overlaps(start, end)) return true;
        }
        return false;
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
        sorted.sort(Comparator.comparingInt(Candidate::start).thenComparingInt(k -> -k.end()));
        List<Candidate> out = new ArrayList<>();
        for (Candidate k : sorted) {
            Candidate merged = null;
            for (int i = 0; i < out.size(); i++) {
                Candidate o = out.get(i);
                if (o.rule() == k.rule() && o.start() < k.end() && k.start() < o.end()) {
                    merged = new Candidate(o.rule(), Math.min(o.start(), k.start()), Math.max(o.end(), k.end()), o.parts());
                    out.set(i, merged);
                    break;
                }
            }
            if (merged == null) out.add(k);
        }
        return out;
    }
}
