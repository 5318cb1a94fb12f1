package io.kefutrainer.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The learned layer beside the rules: one logistic regression per output (three tones one-vs-rest, five violation
 * categories) over {@link ModelFeatures}, trained by `train-model` on the labelled replies in
 * scenarios/model/train/ and stored as scenarios/model/scorer.tsv (a header, then one feature per line with its
 * weight for each output). Immutable once loaded; a lookup is one probe in an open-addressing table of int pairs.
 */
public final class LearnedModel {
    public static final List<String> OUTPUTS = List.of("polite", "neutral", "impolite",
            "off_platform", "review_manipulation", "false_promise", "abuse", "privacy");
    static final int TONES = 3;
    static final int K = OUTPUTS.size();

    /*
     * Storage laid out for the cache: a reply probes the table ~100 times, and a probe that misses the 1 MB L2
     * cache costs more than all the rules' work on a character. Each slot is three ints side by side: a 31-bit
     * fingerprint of the feature hash (0 = empty; the slot index comes from the other bits, so a stranger is taken
     * for a known feature about once in 2^47 probes) and the eight weights as signed bytes, one scale per output
     * (step max|w| / 127: summed over a reply's ~60 known features and L2-normalised, the rounding moves a logit by
     * about 0.02). A probe reads one cache line for the fingerprint and the weights together; 40k features at a
     * load of at most 0.7 take 768 KB (two arrays of fingerprints/rows and 16-bit weights took 1.15 MB).
     */
    private static final int STRIDE = 5;

    static {
        // accumulate() unrolls the outputs: two 16-bit weights per int after the fingerprint
        if (K != 2 * (STRIDE - 1)) throw new ExceptionInInitializerError("the table holds " + 2 * (STRIDE - 1) + " outputs, not " + K);
    }
    private final int[] table;
    private final double[] scale;
    private final double[] bias;
    private final double[] thresholds; // per violation output: report at or above this probability
    private final double[] keep;       // per violation output: withdraw a rule's finding below this probability
    private final int shift;
    private final int mask;

    LearnedModel(long[] featureHashes, float[][] featureWeights, double[] bias, double[] thresholds, double[] keep) {
        int cap = 16;
        while (cap * 0.7 < featureHashes.length) cap <<= 1;
        this.mask = cap - 1;
        this.shift = 64 - Integer.numberOfTrailingZeros(cap);
        this.table = new int[cap * STRIDE];
        this.scale = new double[K];
        for (float[] w : featureWeights) {
            for (int k = 0; k < K; k++) scale[k] = Math.max(scale[k], Math.abs(w[k]));
        }
        for (int k = 0; k < K; k++) scale[k] = scale[k] == 0 ? 1 : scale[k] / Short.MAX_VALUE;
        for (int r = 0; r < featureHashes.length; r++) {
            int i = slot(featureHashes[r]);
            if (table[i] != 0) throw new ContentException("two model features share a 47-bit hash; rename one");
            table[i] = fingerprint(featureHashes[r]);
            for (int k = 0; k < K; k++) {
                int q = (int) Math.round(featureWeights[r][k] / scale[k]) & 0xFFFF;
                table[i + 1 + (k >> 1)] |= q << (16 * (k & 1));
            }
        }
        this.bias = bias.clone();
        this.thresholds = thresholds.clone();
        this.keep = keep.clone();
    }

    private static int fingerprint(long key) {
        return (int) (key >>> 32) | 1;
    }

    /** The index in the table of the slot holding key, or of the empty slot where it would go. */
    private int slot(long key) {
        int fp = fingerprint(key);
        int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
        while (table[i * STRIDE] != 0 && table[i * STRIDE] != fp) i = (i + 1) & mask;
        return i * STRIDE;
    }

    /** Where the feature's weights are, or -1 when the model does not know it. */
    int row(long key) {
        int i = slot(key);
        return table[i] == 0 ? -1 : i;
    }

    float weight(int row, int output) {
        int word = table[row + 1 + (output >> 1)];
        return (float) ((short) (word >> (16 * (output & 1))) * scale[output]);
    }

    /** Adds a known feature's weights, in scale units, to acc (one entry per output). */
    private void accumulate(int row, int[] acc) {
        int a = table[row + 1];
        int b = table[row + 2];
        int c = table[row + 3];
        int d = table[row + 4];
        acc[0] += (short) a;
        acc[1] += a >> 16;
        acc[2] += (short) b;
        acc[3] += b >> 16;
        acc[4] += (short) c;
        acc[5] += c >> 16;
        acc[6] += (short) d;
        acc[7] += d >> 16;
    }

    /** Probability at or above which the model reports a category no rule found. */
    double threshold(int violationOutput) {
        return thresholds[violationOutput - TONES];
    }

    /** Probability below which a category a rule found is withdrawn (the model is sure the reply is correct). */
    double keepThreshold(int violationOutput) {
        return keep[violationOutput - TONES];
    }

    /** Probabilities from the reply's distinct features (hashes; see {@link ModelFeatures#predict}). */
    double[] predict(long[] features) {
        return predict(features, features.length, new int[K]);
    }

    /**
     * Probabilities from the first n of the reply's distinct features, summing into acc (cleared first). The probes
     * run in one tight loop of independent reads, so the processor overlaps their cache misses.
     */
    double[] predict(long[] features, int n, int[] acc) {
        java.util.Arrays.fill(acc, 0);
        sum(features, n, acc);
        return probabilities(acc, n);
    }

    /** The same on top of other features' summed weights ({@code base}, of {@code baseCount} distinct features). */
    double[] predict(long[] features, int n, int[] acc, int[] base, int baseCount) {
        System.arraycopy(base, 0, acc, 0, K);
        sum(features, n, acc);
        return probabilities(acc, n + baseCount);
    }

    /** Adds the weights of the known ones among the first n features to acc (unknown features add nothing). */
    void sum(long[] features, int n, int[] acc) {
        for (int i = 0; i < n; i++) {
            int r = row(features[i]);
            if (r >= 0) accumulate(r, acc);
        }
    }

    /**
     * Probabilities from the summed weights of the known features among the reply's distinct features: binary
     * features, L2-normalised over all of them (known or not), as in training; the three tones normalised to sum 1
     * (as liblinear's one-vs-rest does), then each category's.
     */
    double[] probabilities(int[] acc, int distinctFeatures) {
        double norm = distinctFeatures == 0 ? 1 : 1 / Math.sqrt(distinctFeatures);
        double[] p = new double[K];
        double sum = 0;
        for (int k = 0; k < K; k++) {
            double z = bias[k] + acc[k] * scale[k] * norm;
            p[k] = 1 / (1 + Math.exp(-z));
            if (k < TONES) sum += p[k];
        }
        for (int k = 0; k < TONES; k++) p[k] /= sum;
        return p;
    }

    /** Loads scenarios/model/scorer.tsv, or null when the content has no model. */
    public static LearnedModel load(Path file) {
        if (!Files.exists(file)) return null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            double[] bias = null;
            double[] thresholds = null;
            double[] keep = null;
            java.util.List<Long> hashes = new java.util.ArrayList<>();
            java.util.List<float[]> ws = new java.util.ArrayList<>();
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isEmpty() || line.startsWith("# ")) continue;
                String[] cells = line.split("\t", -1);
                if (cells[0].equals("#outputs")) {
                    if (!List.of(cells).subList(1, cells.length).equals(OUTPUTS)) {
                        throw new ContentException(file + ":" + lineNo + ": outputs must be " + String.join(", ", OUTPUTS));
                    }
                    continue;
                }
                if (cells.length != K + 1) throw new ContentException(file + ":" + lineNo + ": expected " + (K + 1) + " tab-separated cells");
                double[] values = new double[K];
                for (int k = 0; k < K; k++) values[k] = Double.parseDouble(cells[k + 1]);
                if (cells[0].equals("#bias")) {
                    bias = values;
                } else if (cells[0].equals("#threshold")) {
                    thresholds = java.util.Arrays.copyOfRange(values, TONES, K);
                } else if (cells[0].equals("#keep")) {
                    keep = java.util.Arrays.copyOfRange(values, TONES, K);
                } else {
                    if (cells[0].length() < 3 || cells[0].charAt(1) != ':') {
                        throw new ContentException(file + ":" + lineNo + ": a feature is TAG:text");
                    }
                    float[] w = new float[K];
                    for (int k = 0; k < K; k++) w[k] = (float) values[k];
                    hashes.add(ModelFeatures.hash(cells[0]));
                    ws.add(w);
                }
            }
            if (bias == null || thresholds == null || keep == null) {
                throw new ContentException(file + ": missing #bias, #threshold or #keep line");
            }
            long[] h = new long[hashes.size()];
            for (int i = 0; i < h.length; i++) h[i] = hashes.get(i);
            return new LearnedModel(h, ws.toArray(new float[0][]), bias, thresholds, keep);
        } catch (IOException | NumberFormatException e) {
            throw new ContentException(file + ": " + e.getMessage(), e);
        }
    }
}
