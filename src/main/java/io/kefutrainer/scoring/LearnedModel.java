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
 * weight for each output). Immutable once loaded; a lookup is a probe in an open-addressing table of longs.
 */
public final class LearnedModel {
    public static final List<String> OUTPUTS = List.of("polite", "neutral", "impolite",
            "off_platform", "review_manipulation", "false_promise", "abuse", "privacy");
    static final int TONES = 3;
    static final int K = OUTPUTS.size();

    private final long[] keys;
    private final int[] rows;
    private final float[] weights;   // row * K + output
    private final double[] bias;
    private final double[] thresholds; // per violation output: report at or above this probability
    private final double[] keep;       // per violation output: withdraw a rule's finding below this probability
    private final int mask;

    LearnedModel(long[] featureHashes, float[][] featureWeights, double[] bias, double[] thresholds, double[] keep) {
        int cap = Integer.highestOneBit(Math.max(16, featureHashes.length * 2 - 1)) << 1;
        this.keys = new long[cap];
        this.rows = new int[cap];
        java.util.Arrays.fill(rows, -1);
        this.mask = cap - 1;
        this.weights = new float[featureHashes.length * K];
        for (int r = 0; r < featureHashes.length; r++) {
            int slot = slot(featureHashes[r]);
            keys[slot] = featureHashes[r];
            rows[slot] = r;
            System.arraycopy(featureWeights[r], 0, weights, r * K, K);
        }
        this.bias = bias.clone();
        this.thresholds = thresholds.clone();
        this.keep = keep.clone();
    }

    private int slot(long key) {
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (rows[i] >= 0 && keys[i] != key) i = (i + 1) & mask;
        return i;
    }

    int row(long key) {
        return rows[slot(key)];
    }

    float weight(int row, int output) {
        return weights[row * K + output];
    }

    /** Probability at or above which the model reports a category no rule found. */
    double threshold(int violationOutput) {
        return thresholds[violationOutput - TONES];
    }

    /** Probability below which a category a rule found is withdrawn (the model is sure the reply is correct). */
    double keepThreshold(int violationOutput) {
        return keep[violationOutput - TONES];
    }

    /** Probabilities: the three tones normalised to sum 1 (as liblinear's one-vs-rest does), then each category's. */
    double[] predict(long[] features) {
        double[] z = bias.clone();
        // binary features, L2-normalised over all of the reply's features (known or not), as in training
        double norm = features.length == 0 ? 1 : 1 / Math.sqrt(features.length);
        for (long f : features) {
            int r = row(f);
            if (r < 0) continue;
            int base = r * K;
            for (int k = 0; k < K; k++) z[k] += weights[base + k] * norm;
        }
        double[] p = new double[K];
        double sum = 0;
        for (int k = 0; k < K; k++) {
            p[k] = 1 / (1 + Math.exp(-z[k]));
            if (k < TONES) sum += p[k];
        }
        for (int k = 0; k < TONES; k++) p[k] /= sum;
        return p;
    }

    /** Loads scenarios/model/scorer.tsv, or null when the content has no model. */
    static LearnedModel load(Path file) {
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
