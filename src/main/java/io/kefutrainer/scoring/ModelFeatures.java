package io.kefutrainer.scoring;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The features the learned layer reads, the same at training and at scoring time: character 1–3-grams of the
 * normalised reply ("T"), character 2-grams of the buyer's last message ("B", what was asked decides whether a
 * "no" deflects), and what the rules found ("R": verdict, finding types, violation categories and rules, whether
 * the buyer complains, the reply's length band). Each feature is a 64-bit FNV-1a hash of its tag and text, so the
 * scoring path hashes characters and allocates no strings.
 */
final class ModelFeatures {
    static final int MAX_N = 3;
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private ModelFeatures() {
    }

    /** A feature hash with its text (training writes the text into the model file). */
    record Named(long hash, String name) {
    }

    static long hash(char tag, CharSequence s, int start, int end) {
        long h = OFFSET;
        h = (h ^ tag) * PRIME;
        for (int i = start; i < end; i++) {
            h = (h ^ s.charAt(i)) * PRIME;
        }
        return h;
    }

    static long hash(String name) {
        return hash(name.charAt(0), name, 2, name.length());
    }

    /** Scratch space per thread: an open-addressing set (generation-stamped, so never cleared) and the output. */
    private static final class Scratch {
        long[] keys = new long[1024];
        int[] stamps = new int[1024];
        long[] out = new long[512];
        int generation;
        int n;

        void reset(int need) {
            if (out.length < need) out = new long[Integer.highestOneBit(need) << 1];
            if (keys.length < need * 4) {
                keys = new long[Integer.highestOneBit(need * 4) << 1];
                stamps = new int[keys.length];
                generation = 0;
            }
            if (++generation == 0) {
                java.util.Arrays.fill(stamps, 0);
                generation = 1;
            }
            n = 0;
        }

        /** Adds a feature unless the reply already has it. */
        void add(long h) {
            int mask = keys.length - 1;
            int i = (int) (h ^ (h >>> 29)) & mask;
            while (stamps[i] == generation) {
                if (keys[i] == h) return;
                i = (i + 1) & mask;
            }
            stamps[i] = generation;
            keys[i] = h;
            out[n++] = h;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The distinct feature hashes of one reply (in no particular order). */
    static long[] of(String reply, String lastBuyer, Annotations rules, boolean complaint, boolean first) {
        Scratch sc = SCRATCH.get();
        sc.reset(reply.length() * MAX_N + (lastBuyer == null ? 0 : lastBuyer.length()) + 16
                + 2 * (rules.politeness().findings().size() + rules.violations().size()));
        // FNV-1a is sequential, so the 1-, 2- and 3-gram starting at i are one hash extended a character at a time
        int length = reply.length();
        long tagged = (OFFSET ^ 'T') * PRIME;
        for (int i = 0; i < length; i++) {
            char c = reply.charAt(i);
            long h = (tagged ^ c) * PRIME;
            sc.add(h);
            if (Character.isWhitespace(c)) continue;
            for (int j = i + 1; j < i + MAX_N && j < length; j++) {
                char d = reply.charAt(j);
                h = (h ^ d) * PRIME;
                if (!Character.isWhitespace(d)) sc.add(h);
            }
        }
        if (lastBuyer != null) {
            for (int i = 0; i + 2 <= lastBuyer.length(); i++) sc.add(hash('B', lastBuyer, i, i + 2));
        }
        sc.add(rule("verdict=", rules.politeness().verdict().name()));
        for (Finding f : rules.politeness().findings()) sc.add(rule("finding=", f.type()));
        for (Violation v : rules.violations()) {
            sc.add(rule("category=", v.category()));
            sc.add(rule("rule=", v.rule()));
        }
        if (complaint) sc.add(rule("complaint", ""));
        if (first) sc.add(rule("first", ""));
        sc.add(rule("length=", lengthBand(reply.length())));
        return java.util.Arrays.copyOf(sc.out, sc.n);
    }

    /** hash("R:" + a + b) without building the string. */
    static long rule(String a, String b) {
        long h = OFFSET;
        h = (h ^ 'R') * PRIME;
        for (int i = 0; i < a.length(); i++) h = (h ^ a.charAt(i)) * PRIME;
        for (int i = 0; i < b.length(); i++) h = (h ^ b.charAt(i)) * PRIME;
        return h;
    }

    static String lengthBand(int length) {
        return length <= 2 ? "1-2" : length <= 6 ? "3-6" : length <= 15 ? "7-15" : length <= 40 ? "16-40" : "41+";
    }

    /** Every feature with its name (training only: it builds strings). */
    static void named(String reply, String lastBuyer, Annotations rules, boolean complaint, boolean first, Consumer<Named> sink) {
        visit(reply, lastBuyer, rules, complaint, first, (hash, name) -> sink.accept(new Named(hash, name)), true);
    }

    private interface Sink {
        void accept(long hash, String name);
    }

    private static void visit(String reply, String lastBuyer, Annotations rules, boolean complaint, boolean first,
                              Sink sink, boolean names) {
        for (int len = 1; len <= MAX_N; len++) {
            for (int i = 0; i + len <= reply.length(); i++) {
                if (len > 1 && (Character.isWhitespace(reply.charAt(i)) || Character.isWhitespace(reply.charAt(i + len - 1)))) continue;
                sink.accept(hash('T', reply, i, i + len), names ? "T:" + reply.substring(i, i + len) : null);
            }
        }
        if (lastBuyer != null) {
            for (int i = 0; i + 2 <= lastBuyer.length(); i++) {
                sink.accept(hash('B', lastBuyer, i, i + 2), names ? "B:" + lastBuyer.substring(i, i + 2) : null);
            }
        }
        rule(sink, "R:verdict=" + rules.politeness().verdict(), names);
        for (Finding f : rules.politeness().findings()) {
            rule(sink, "R:finding=" + f.type(), names);
        }
        for (Violation v : rules.violations()) {
            rule(sink, "R:category=" + v.category(), names);
            rule(sink, "R:rule=" + v.rule(), names);
        }
        if (complaint) rule(sink, "R:complaint", names);
        if (first) rule(sink, "R:first", names);
        rule(sink, "R:length=" + lengthBand(reply.length()), names);
    }

    private static void rule(Sink sink, String name, boolean names) {
        sink.accept(hash(name), names ? name : null);
    }

    /** The buyer message the reply answers: the last one, normalised; null when there is none. */
    static String lastBuyer(Normalizer normalizer, List<String> buyer) {
        for (int i = buyer.size() - 1; i >= 0; i--) {
            String m = buyer.get(i);
            if (m != null && !m.isBlank()) return normalizer.normalize(m).text();
        }
        return null;
    }
}
