package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a step's expected facts against a reply. Each fact's wordings are normalised like the reply
 * ("三天" = "3天", "Ｓ码" = "s码"), widened with the synonym groups of the lexicon, and a wording that is
 * negated right before it ("不包邮") does not count. A wording "rule:&lt;id&gt;" stands for that rule's
 * knowledge phrases.
 */
final class FactMatcher {

    private final Normalizer normalizer;
    private final List<Set<String>> synonymGroups = new ArrayList<>();
    private final List<String> negators = new ArrayList<>();
    private final Map<String, Rule> rules;

    FactMatcher(Normalizer normalizer, List<LexiconEntry> lexicon, List<Rule> rules) {
        this.normalizer = normalizer;
        for (LexiconEntry e : lexicon) {
            if (e.kind().equals("synonym")) {
                Set<String> group = new LinkedHashSet<>();
                e.phrases().forEach(p -> group.add(normalizer.normalizePhrase(p)));
                synonymGroups.add(group);
            } else if (e.kind().equals("negation") && "immediate".equals(e.position())) {
                e.phrases().forEach(p -> negators.add(normalizer.normalizePhrase(p)));
            }
        }
        this.rules = new java.util.HashMap<>();
        rules.forEach(r -> this.rules.put(r.id(), r));
    }

    FactCheck check(String normalizedReply, List<ExpectedFact> expected) {
        if (expected.isEmpty()) return FactCheck.none();
        List<String> ids = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (ExpectedFact fact : expected) {
            boolean found = wordings(fact).stream().anyMatch(w -> contains(normalizedReply, w));
            if (fact.avoid()) {
                if (found) said.add(fact.fact());
                continue;
            }
            ids.add(fact.fact());
            if (found) matched.add(fact.fact());
            else missing.add(fact.fact());
        }
        return new FactCheck(ids, matched, missing, said);
    }

    /**
     * Where the reply says one of the step's expected points, as [start, end) pairs in the normalised text (each
     * occurrence of each wording; must-not points left out). The trainer wrote these words as the right answer
     * at this step, so the learned layer may not call them a violation on its own (see ContentScorer).
     */
    List<int[]> expectedSpans(String normalizedReply, List<ExpectedFact> expected) {
        if (expected.isEmpty()) return List.of();
        List<int[]> out = new ArrayList<>(2);
        for (ExpectedFact fact : expected) {
            if (fact.avoid()) continue;
            for (String w : wordings(fact)) {
                for (int at = find(normalizedReply, w, 0); at >= 0; at = find(normalizedReply, w, at + 1)) {
                    out.add(new int[]{at, at + w.length()});
                }
            }
        }
        return out;
    }

    private Set<String> wordings(ExpectedFact fact) {
        Set<String> out = new LinkedHashSet<>();
        for (String any : fact.any()) {
            if (any.startsWith("rule:")) {
                Rule r = rules.get(any.substring(5));
                if (r != null) r.knowledge().forEach(k -> out.add(normalizer.normalizePhrase(k)));
                continue;
            }
            String w = normalizer.normalizePhrase(any);
            if (w.isEmpty()) continue;
            out.add(w);
            for (Set<String> group : synonymGroups) if (group.contains(w)) out.addAll(group);
        }
        return out;
    }

    private boolean contains(String text, String wording) {
        return find(text, wording, 0) >= 0;
    }

    /** The first place from `from` on where the reply says `wording` as a point: a whole word, not negated; -1 if none. */
    private int find(String text, String wording, int from) {
        for (int at = text.indexOf(wording, from); at >= 0; at = text.indexOf(wording, at + 1)) {
            if (PhraseIndex.asciiBoundaryOk(text, at, at + wording.length()) && !negatedBefore(text, at)) return at;
        }
        return -1;
    }

    private boolean negatedBefore(String text, int at) {
        for (String n : negators) if (at >= n.length() && text.startsWith(n, at - n.length())) return true;
        return false;
    }
}
