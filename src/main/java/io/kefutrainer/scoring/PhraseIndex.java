package io.kefutrainer.scoring;

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

    /**
     * What a phrase stands for: a lexicon entry (or its exception), or a rule's phrase of some role. {@code slot}
     * is where {@link ReplyText} files the hit: the kind's index ({@link ReplyText#kindIndex}) for lexicon roles,
     * the rule's position in the rulebook for rule roles.
     */
    record Ref(Role role, LexiconEntry entry, Rule rule, int combo, int group, int slot) {
        Ref(Role role, LexiconEntry entry, Rule rule, int combo, int group) {
            this(role, entry, rule, combo, group, slotOf(role, entry));
        }

        private static int slotOf(Role role, LexiconEntry entry) {
            return entry != null && (role == Role.LEXICON || role == Role.LEXICON_EXCEPT) ? ReplyText.kindIndex(entry.kind()) : -1;
        }
    }

    /** One occurrence of a phrase in normalised text, [start, end). */
    record Hit(int start, int end, Ref ref) {
        boolean overlaps(int s, int e) {
            return start < e && s < end;
        }
    }

    /**
     * A scan's result: the phrase hits in order of end position, and which content regexes have all their gates
     * ({@code ready}: one bit per pattern id; a regex without gates always).
     */
    record Scan(List<Hit> hits, long[] ready) {
        boolean isReady(int pattern) {
            return (ready[pattern >>> 6] & (1L << pattern)) != 0;
        }
    }

    /**
     * What one keyword of the automaton stands for, worked out at build time: its phrase refs, the gate bits it
     * sets (pattern id and bit, side by side), and whether its edges need the word-edge check.
     */
    private record Payload(Ref[] refs, int[] gates, boolean asciiEdge, boolean[] kinds) {
    }

    /*
     * A double-array Aho-Corasick automaton (hankcs's, re-laid so a transition reads one cache line: see
     * PackedAutomaton): no objects per match. The linked-node automaton used before (org.ahocorasick, still the
     * bench's baseline) cost a fifth of a reply's scoring time by itself.
     */
    private final PackedAutomaton<Payload> trie;
    private final Set<String> keywords;
    private final int patterns;
    /*
     * Per pattern id, the mask of all its gates; and the patterns without gates, ready before any scan. Readiness is
     * settled while scanning, so the rules then visit only the few regexes a reply can match instead of testing
     * every regex's mask (that loop was two fifths of finding violations).
     */
    private final int[] fullMasks;
    private final long[] ungated;

    private PhraseIndex(PackedAutomaton<Payload> trie, Set<String> keywords, List<GatedPattern> gated) {
        this.trie = trie;
        this.keywords = keywords;
        this.patterns = gated.size();
        this.fullMasks = new int[patterns];
        this.ungated = new long[(patterns + 63) >>> 6];
        for (GatedPattern p : gated) {
            if (p.id() < 0 || p.id() >= patterns || fullMasks[p.id()] != 0) throw new IllegalArgumentException("pattern ids must be 0.." + (patterns - 1));
            fullMasks[p.id()] = p.fullMask();
            if (p.fullMask() == 0) ungated[p.id() >>> 6] |= 1L << p.id();
        }
    }

    static PhraseIndex build(Normalizer normalizer, List<LexiconEntry> lexicon, List<Rule> rules, List<GatedPattern> gated) {
        Map<String, List<Ref>> byKeyword = new LinkedHashMap<>();
        for (LexiconEntry e : lexicon) {
            Ref match = new Ref(Role.LEXICON, e, null, -1, -1);
            Ref except = new Ref(Role.LEXICON_EXCEPT, e, null, -1, -1);
            e.phrases().forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), match));
            e.except().forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), except));
        }
        for (int index = 0; index < rules.size(); index++) {
            Rule r = rules.get(index);
            Ref violation = new Ref(Role.VIOLATION, null, r, -1, -1, index);
            Ref except = new Ref(Role.RULE_EXCEPT, null, r, -1, -1, index);
            Ref knowledge = new Ref(Role.KNOWLEDGE, null, r, -1, -1, index);
            r.violationPhrases().forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), violation));
            r.exceptions().forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), except));
            r.knowledge().forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), knowledge));
            for (int c = 0; c < r.together().size(); c++) {
                List<List<String>> groups = r.together().get(c);
                for (int g = 0; g < groups.size(); g++) {
                    Ref ref = new Ref(Role.TOGETHER, null, r, c, g, index);
                    groups.get(g).forEach(p -> add(byKeyword, normalizer.normalizePhrase(p), ref));
                }
            }
        }
        Set<String> phrases = new java.util.LinkedHashSet<>(byKeyword.keySet());
        for (GatedPattern p : gated) {
            // gate literals are regex text over the normalised reply already: added as they are
            for (int g = 0; g < p.gates().size(); g++) {
                Ref ref = new Ref(Role.GATE, null, null, p.id(), g, -1);
                p.gates().get(g).forEach(literal -> add(byKeyword, literal, ref));
            }
        }
        Map<String, Payload> payloads = new java.util.TreeMap<>();
        byKeyword.forEach((k, refs) -> payloads.put(k, payload(k, refs)));
        return new PhraseIndex(PackedAutomaton.build(payloads), Collections.unmodifiableSet(phrases), gated);
    }

    private static Payload payload(String keyword, List<Ref> refs) {
        List<Ref> phrases = new ArrayList<>();
        List<Integer> gates = new ArrayList<>();
        boolean[] kinds = new boolean[ReplyText.KINDS];
        for (Ref ref : refs) {
            if (ref.role() == Role.GATE) {
                gates.add(ref.combo());
                gates.add(1 << ref.group());
            } else {
                phrases.add(ref);
                if (ref.slot() >= 0 && ref.role() == Role.LEXICON) kinds[ref.slot()] = true;
            }
        }
        int[] g = new int[gates.size()];
        for (int i = 0; i < g.length; i++) g[i] = gates.get(i);
        boolean asciiEdge = Normalizer.isAsciiAlnum(keyword.charAt(0)) || Normalizer.isAsciiAlnum(keyword.charAt(keyword.length() - 1));
        return new Payload(phrases.toArray(new Ref[0]), g, asciiEdge, kinds);
    }

    private static void add(Map<String, List<Ref>> byKeyword, String keyword, Ref ref) {
        if (keyword.isEmpty()) return;
        byKeyword.computeIfAbsent(keyword, k -> new ArrayList<>()).add(ref);
    }

    /** All occurrences of all phrases, overlapping ones included, in order of end position. */
    List<Hit> scan(String text) {
        return scanWithGates(text).hits();
    }

    /** One pass: the phrase hits, and which content regexes have all their gates (gates make no hits). */
    Scan scanWithGates(String text) {
        ScanSink sink = new ScanSink(text);
        trie.parse(text, sink);
        return new Scan(sink.hits, sink.ready);
    }

    /** What one scan collects; the gate masks are made when the first gate is seen (many replies have none). */
    private final class ScanSink implements PackedAutomaton.Sink<Payload> {
        final String text;
        final List<Hit> hits;
        final long[] ready = ungated.clone();
        int[] masks;

        ScanSink(String text) {
            this.text = text;
            this.hits = new ArrayList<>(Math.max(8, text.length()));
        }

        @Override
        public void hit(int start, int end, Payload p) {
            // a gate only has to be a superset of where its regex can match: no word-edge rule for it
            int[] gates = p.gates();
            if (gates.length > 0 && masks == null) masks = new int[patterns];
            for (int i = 0; i < gates.length; i += 2) {
                int id = gates[i];
                if ((masks[id] |= gates[i + 1]) == fullMasks[id]) ready[id >>> 6] |= 1L << id;
            }
            Ref[] refs = p.refs();
            if (refs.length == 0 || (p.asciiEdge() && !asciiBoundaryOk(text, start, end))) return;
            for (Ref ref : refs) hits.add(new Hit(start, end, ref));
        }
    }

    /** The hits of lexicon entries of one kind only (the buyer's complaint cues), in order of end position. */
    List<Hit> scanKind(String text, int kind) {
        List<Hit> hits = new ArrayList<>(4);
        trie.parse(text, (int start, int end, Payload p) -> {
            if (!p.kinds()[kind]) return;
            if (p.asciiEdge() && !asciiBoundaryOk(text, start, end)) return;
            for (Ref ref : p.refs()) {
                if (ref.role() == Role.LEXICON && ref.slot() == kind) hits.add(new Hit(start, end, ref));
            }
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
