package io.kefutrainer.scoring;

import org.ahocorasick.trie.PayloadTrie;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every phrase of the lexicon and the rulebook, normalised and compiled into one Aho-Corasick automaton, so
 * a reply is scanned once whatever the size of the content. Built once per content version; immutable and
 * safe to share between threads.
 */
final class PhraseIndex {

    /** GATE: a literal some content regex needs (combo = pattern id, group = gate list); see {@link GatedPattern}. */
    enum Role { LEXICON, LEXICON_EXCEPT, VIOLATION, RULE_EXCEPT, KNOWLEDGE, TOGETHER, GATE }

    /** What a phrase stands for: a lexicon entry (or its exception), or a rule's phrase of some role. */
    record Ref(Role role, LexiconEntry entry, Rule rule, int combo, int group) {
    }

    /** One occurrence of a phrase in normalised text, [start, end). */
    record Hit(int start, int end, Ref ref) {
        boolean overlaps(int s, int e) {
            return start < e && s < end;
        }
    }

    private final PayloadTrie<List<Ref>> trie;
    private final Set<String> keywords;
    private final int patterns;

    private PhraseIndex(PayloadTrie<List<Ref>> trie, Set<String> keywords, int patterns) {
        this.trie = trie;
        this.keywords = keywords;
        this.patterns = patterns;
    }

    static PhraseIndex build(Normalizer normalizer, List<LexiconEntry> lexicon, List<Rule> rules, List<GatedPattern> gated) {
        Map<String, List<Ref>> byKeyword = new LinkedHashMap<>();
        for (LexiconEntry e : lexicon) {
            Ref match = new Ref(Role.LEXICON, e, null, -1, -1);
            Ref except = new Ref(Role.LEXICON_EXCEPT, e, null, -1, -1);
            e.phrases().forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), match));
            e.except().forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), except));
        }
        for (Rule r : rules) {
            Ref violation = new Ref(Role.VIOLATION, null, r, -1, -1);
            Ref except = new Ref(Role.RULE_EXCEPT, null, r, -1, -1);
            Ref knowledge = new Ref(Role.KNOWLEDGE, null, r, -1, -1);
            r.violationPhrases().forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), violation));
            r.exceptions().forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), except));
            r.knowledge().forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), knowledge));
            for (int c = 0; c < r.together().size(); c++) {
                List<List<String>> groups = r.together().get(c);
                for (int g = 0; g < groups.size(); g++) {
                    Ref ref = new Ref(Role.TOGETHER, null, r, c, g);
                    groups.get(g).forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), ref));
                }
            }
        }
        Set<String> phrases = new java.util.LinkedHashSet<>(byKeyword.keySet());
        for (GatedPattern p : gated) {
            // gate literals are regex text over the normalised reply already: added as they are
            for (int g = 0; g < p.gates().size(); g++) {
                Ref ref = new Ref(Role.GATE, null, null, p.id(), g);
                p.gates().get(g).forEach(literal -> add(byKeyword, literal, ref));
            }
        }
        PayloadTrie.PayloadTrieBuilder<List<Ref>> builder = PayloadTrie.builder();
        byKeyword.forEach((k, refs) -> builder.addKeyword(k, List.copyOf(refs)));
        return new PhraseIndex(builder.build(), Collections.unmodifiableSet(phrases), gated.size());
    }

    private static void add(Map<String, List<Ref>> byKeyword, String keyword, Ref ref) {
        if (keyword.isEmpty()) return;
        byKeyword.computeIfAbsent(keyword, k -> new ArrayList<>()).add(ref);
    }

    /** All occurrences of all phrases, overlapping ones included, in order of end position. */
    List<Hit> scan(String text) {
        List<Hit> hits = new ArrayList<>();
        trie.parseText(text, emit -> {
            int start = emit.getStart();
            int end = emit.getEnd() + 1;
            boolean boundary = asciiBoundaryOk(text, start, end);
            for (Ref ref : emit.getPayload()) {
                // a gate only has to be a superset of where its regex can match: no word-edge rule for it
                if (boundary || ref.role() == Role.GATE) hits.add(new Hit(start, end, ref));
            }
            return true;
        });
        return hits;
    }

    /** "sb" must not match inside "asbestos": a phrase edge made of a Latin letter or digit needs a word edge. */
    static boolean asciiBoundaryOk(String text, int start, int end) {
        if (Normalizer.isAsciiAlnum(text.charAt(start)) && start > 0 && Normalizer.isAsciiAlnum(text.charAt(start - 1))) return false;
        return !(Normalizer.isAsciiAlnum(text.charAt(end - 1)) && end < text.length() && Normalizer.isAsciiAlnum(text.charAt(end)));
    }

    int patternCount() {
        return patterns;
    }

    /** The distinct normalised phrases of lexicon and rules (the bench builds a plain automaton from them). */
    Set<String> keywords() {
        return keywords;
    }
}
