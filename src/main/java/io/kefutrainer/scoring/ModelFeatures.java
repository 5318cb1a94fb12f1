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

    /**
     * Receives the features of one reply as the walk finds them: a character n-gram (its hash, tag and where it
     * stands) or a rule feature (hash of "R:" + a + b). Scoring keeps the hashes; training also names them.
     */
    private interface Sink {
        void gram(long hash, char tag, String text, int start, int end);

        void rule(long hash, String a, String b);
    }

    /** The one enumeration of a reply's features, shared by scoring ({@link #of}) and training ({@link #named}). */
    private static void walk(String reply, String lastBuyer, Politeness politeness, List<Violation> violations,
                             List<String> refused, boolean complaint, boolean first, Sink sink) {
        grams('T', reply, 1, MAX_N, true, sink);
        if (lastBuyer != null) grams('B', lastBuyer, 2, 2, false, sink);
        rule(sink, VERDICT, "verdict=", politeness.verdict().name());
        List<Finding> findings = politeness.findings();
        for (int i = 0, n = findings.size(); i < n; i++) rule(sink, FINDING, "finding=", findings.get(i).type());
        for (int i = 0, n = violations.size(); i < n; i++) {
            rule(sink, CATEGORY, "category=", violations.get(i).category());
            rule(sink, RULE, "rule=", violations.get(i).rule());
        }
        for (int i = 0, n = refused.size(); i < n; i++) rule(sink, REFUSED, "refused=", refused.get(i));
        if (complaint) rule(sink, COMPLAINT, "complaint", "");
        if (first) rule(sink, FIRST, "first", "");
        rule(sink, LENGTH, "length=", lengthBand(reply.length()));
    }

    // hash("R:" + a) of each rule feature's fixed part, so a reply hashes only the variable part
    private static final long VERDICT = rule("verdict=", "");
    private static final long FINDING = rule("finding=", "");
    private static final long CATEGORY = rule("category=", "");
    private static final long RULE = rule("rule=", "");
    private static final long REFUSED = rule("refused=", "");
    private static final long COMPLAINT = rule("complaint", "");
    private static final long FIRST = rule("first", "");
    private static final long LENGTH = rule("length=", "");

    /**
     * The minN- to maxN-grams of text; with trimSpaces, no gram longer than one character starts or ends with white
     * space. FNV-1a is sequential, so the grams starting at i are one hash extended a character at a time.
     */
    private static void grams(char tag, String text, int minN, int maxN, boolean trimSpaces, Sink sink) {
        int length = text.length();
        long tagged = (OFFSET ^ tag) * PRIME;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            long h = (tagged ^ c) * PRIME;
            if (minN <= 1) sink.gram(h, tag, text, i, i + 1);
            if (trimSpaces && isWhitespace(c)) continue;
            for (int j = i + 1; j < i + maxN && j < length; j++) {
                char d = text.charAt(j);
                h = (h ^ d) * PRIME;
                if (j + 1 - i >= minN && !(trimSpaces && isWhitespace(d))) sink.gram(h, tag, text, i, j + 1);
            }
        }
    }

    /**
     * {@link Character#isWhitespace} without its table lookups for the characters replies are made of: nothing above
     * U+3000 is white space, and ASCII is decided in place (three calls a character were a tenth of the walk).
     */
    static boolean isWhitespace(char c) {
        if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
        return c <= 0x3000 && Character.isWhitespace(c);
    }

    private static void rule(Sink sink, long prefix, String a, String b) {
        sink.rule(extend(prefix, b), a, b);
    }

    /** Scratch space per thread: an open-addressing set (generation-stamped, so never cleared) and the output. */
    private static final class Scratch implements Sink {
        long[] keys = new long[1024];
        int[] stamps = new int[1024];
        long[] out = new long[512];
        int generation;
        int n;
        /** When predicting: the summed weights of the known features. */
        final int[] acc = new int[LearnedModel.K];

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

        @Override
        public void gram(long hash, char tag, String text, int start, int end) {
            add(hash);
        }

        @Override
        public void rule(long hash, String a, String b) {
            add(hash);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** The distinct feature hashes of one reply (in no particular order). */
    static long[] of(String reply, String lastBuyer, Politeness politeness, List<Violation> violations, List<String> refused,
                     boolean complaint, boolean first) {
        Scratch sc = start(reply, lastBuyer, politeness, violations, refused);
        walk(reply, lastBuyer, politeness, violations, refused, complaint, first, sc);
        return java.util.Arrays.copyOf(sc.out, sc.n);
    }

    /**
     * The model's probabilities for one reply (the scoring path: no allocation but the result;
     * {@link LearnedModel#predict(long[])} over {@link #of} gives the same numbers).
     */
    static double[] predict(LearnedModel model, String reply, String lastBuyer, Politeness politeness,
                            List<Violation> violations, List<String> refused, boolean complaint, boolean first) {
        return predict(model, reply, lastBuyer == null ? BuyerGrams.NONE : buyerGrams(model, lastBuyer), politeness, violations,
                refused, complaint, first);
    }

    /**
     * The buyer's last message's share of a prediction: its 2-grams' summed weights and how many distinct ones there
     * are. Their tag keeps them apart from the reply's features, so the share is the same whatever the reply, and
     * the scripted buyer lines recur: the scorer works it out once per line.
     */
    record BuyerGrams(int[] acc, int count) {
        static final BuyerGrams NONE = new BuyerGrams(new int[LearnedModel.K], 0);
    }

    static BuyerGrams buyerGrams(LearnedModel model, String lastBuyer) {
        Scratch sc = new Scratch();
        sc.reset(lastBuyer.length() + 1);
        grams('B', lastBuyer, 2, 2, false, sc);
        int[] acc = new int[LearnedModel.K];
        model.sum(sc.out, sc.n, acc);
        return new BuyerGrams(acc, sc.n);
    }

    /** The same with the buyer's share worked out already (see {@link #buyerGrams}). */
    static double[] predict(LearnedModel model, String reply, BuyerGrams buyer, Politeness politeness,
                            List<Violation> violations, List<String> refused, boolean complaint, boolean first) {
        Scratch sc = start(reply, null, politeness, violations, refused);
        walk(reply, null, politeness, violations, refused, complaint, first, sc);
        // the table is probed after the walk, in one loop of independent reads (see LearnedModel#predict)
        return model.predict(sc.out, sc.n, sc.acc, buyer.acc(), buyer.count());
    }

    private static Scratch start(String reply, String lastBuyer, Politeness politeness, List<Violation> violations,
                                 List<String> refused) {
        Scratch sc = SCRATCH.get();
        sc.reset(reply.length() * MAX_N + (lastBuyer == null ? 0 : lastBuyer.length()) + 16
                + 2 * (politeness.findings().size() + violations.size()) + refused.size());
        return sc;
    }

    /** Every feature with its name, duplicates included (training only: it builds strings). */
    static void named(String reply, String lastBuyer, Politeness politeness, List<Violation> violations, List<String> refused,
                      boolean complaint, boolean first, Consumer<Named> sink) {
        walk(reply, lastBuyer, politeness, violations, refused, complaint, first, new Sink() {
            @Override
            public void gram(long hash, char tag, String text, int start, int end) {
                sink.accept(new Named(hash, tag + ":" + text.substring(start, end)));
            }

            @Override
            public void rule(long hash, String a, String b) {
                sink.accept(new Named(hash, "R:" + a + b));
            }
        });
    }

    /** hash("R:" + a + b) without building the string. */
    static long rule(String a, String b) {
        return extend(extend((OFFSET ^ 'R') * PRIME, a), b);
    }

    private static long extend(long h, String s) {
        for (int i = 0; i < s.length(); i++) h = (h ^ s.charAt(i)) * PRIME;
        return h;
    }

    static String lengthBand(int length) {
        return length <= 2 ? "1-2" : length <= 6 ? "3-6" : length <= 15 ? "7-15" : length <= 40 ? "16-40" : "41+";
    }

    /** The buyer message the reply answers: the last one that says anything, or null. */
    static String lastMessage(List<String> buyer) {
        for (int i = buyer.size() - 1; i >= 0; i--) {
            String m = buyer.get(i);
            if (m != null && !m.isBlank()) return m;
        }
        return null;
    }
}
