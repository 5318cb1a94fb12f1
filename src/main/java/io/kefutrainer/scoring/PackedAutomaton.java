package io.kefutrainer.scoring;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;

import java.util.Map;

/**
 * The phrase automaton, built by hankcs's double-array Aho-Corasick and then laid out again for the cache: each
 * state's base, check, failure link and output list sit side by side in one array (four ints, a quarter of a cache
 * line). The library keeps them in four arrays of 150k entries (CJK character values spread the double array), so
 * every character of a reply read three or four cache lines far apart; here a transition reads one, the line that
 * also holds the next state's base. Same states, same transitions, same hits in the same order as the library's
 * {@code parseText}. Immutable once built; safe to share between threads.
 */
final class PackedAutomaton<V> {

    /** Receives each keyword occurrence: [start, end) in the text, and the keyword's value. */
    interface Sink<V> {
        void hit(int start, int end, V value);
    }

    private static final int BASE = 0;
    private static final int CHECK = 1;
    private static final int FAIL = 2;
    private static final int OUT = 3;
    private static final int STRIDE = 4;

    private final int[] nodes;   // per state: base, check, failure state, offset in outs (-1: no output)
    private final int[] outs;    // per output list: its length, then the keyword ids in the library's order
    private final int[] lengths; // per keyword id: its length
    private final V[] values;    // per keyword id: its value
    private final int states;

    private PackedAutomaton(Library<V> trie) {
        int n = trie.base().length;
        this.states = n;
        this.nodes = new int[n * STRIDE];
        int[] base = trie.base();
        int[] check = trie.check();
        int[] fail = trie.fail();
        int[][] output = trie.output();
        int outLength = 0;
        for (int[] o : output) if (o != null) outLength += 1 + o.length;
        this.outs = new int[outLength];
        int at = 0;
        for (int s = 0; s < n; s++) {
            nodes[s * STRIDE + BASE] = base[s];
            nodes[s * STRIDE + CHECK] = s < check.length ? check[s] : 0;
            nodes[s * STRIDE + FAIL] = s < fail.length ? fail[s] : 0;
            int[] o = s < output.length ? output[s] : null;
            if (o == null) {
                nodes[s * STRIDE + OUT] = -1;
            } else {
                nodes[s * STRIDE + OUT] = at;
                outs[at++] = o.length;
                for (int id : o) outs[at++] = id;
            }
        }
        this.lengths = trie.lengths().clone();
        this.values = trie.values().clone();
    }

    static <V> PackedAutomaton<V> build(Map<String, V> keywords) {
        Library<V> trie = new Library<>();
        trie.build(keywords);
        return new PackedAutomaton<>(trie);
    }

    /** Every occurrence of every keyword, in order of end position (as the library's parseText gives them). */
    void parse(CharSequence text, Sink<V> sink) {
        int[] nodes = this.nodes;
        int state = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            // the library's getState: follow failure links until a transition on c exists (the root always has one)
            while (true) {
                int b = nodes[state * STRIDE + BASE];
                int p = b + c + 1;
                if (p < states && nodes[p * STRIDE + CHECK] == b) {
                    state = p;
                    break;
                }
                if (state == 0) break;
                state = nodes[state * STRIDE + FAIL];
            }
            int o = nodes[state * STRIDE + OUT];
            if (o < 0) continue;
            for (int k = o + 1, end = o + 1 + outs[o]; k < end; k++) {
                int id = outs[k];
                sink.hit(i + 1 - lengths[id], i + 1, values[id]);
            }
        }
    }

    /** The library's automaton, with its arrays in reach (they are protected fields). */
    private static final class Library<V> extends AhoCorasickDoubleArrayTrie<V> {
        int[] base() {
            return base;
        }

        int[] check() {
            return check;
        }

        int[] fail() {
            return fail;
        }

        int[][] output() {
            return output;
        }

        int[] lengths() {
            return l;
        }

        V[] values() {
            return v;
        }
    }
}
