package io.kefutrainer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefutrainer.content.ScoringFiles;
import io.kefutrainer.scoring.ReplyInput;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.ScoringContent;
import org.ahocorasick.trie.Trie;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * bench scoring: scores a realistic mix of replies (buyer context included) and, in the same run, times one plain
 * Aho-Corasick pass with the full lexicon over the same replies, normalised as the scorer matches them. Both are warmed up first, then timed for a fixed
 * wall time; latencies are per reply. The last line is JSON for scripts.
 */
public final class ScoringBench {

    private static final String MIX = "/io/kefutrainer/bench/bench-mix.jsonl";
    private static final long SLICE_NS = 100_000_000L;

    private final Path scenarios;
    private final boolean quick;

    /** Keeps results alive so the JIT cannot drop the work being timed. */
    private long sink;

    /** `quick`: a short run (under 30 s). */
    public ScoringBench(Path scenarios, boolean quick) {
        this.scenarios = scenarios;
        this.quick = quick;
    }

    public int run() throws Exception {
        long warmNs = (quick ? 3L : 10L) * 1_000_000_000L;
        long timedNs = (quick ? 6L : 30L) * 1_000_000_000L;
        ScoringContent content = ScoringFiles.load(scenarios);
        Scorer scorer = Scorer.create(content);
        Trie plain = Trie.builder().addKeywords(Scorer.phrases(content)).build();
        List<ReplyInput> mix = mix();
        // the baseline scans the same replies in the form the scorer matches them: normalised (done once, untimed)
        List<String> normalised = new ArrayList<>();
        for (ReplyInput input : mix) normalised.add(content.normalizer().normalize(input.text()).text());

        runScoring(scorer, mix, warmNs, null, 0, new long[2]);
        runScan(plain, normalised, warmNs, null, 0, new long[2]);
        // Timed in alternating 100 ms slices, so that whatever else the machine is doing weighs on both sides alike
        // (one block after the other made the ratio swing with the load of the moment).
        long[] latencies = new long[4_000_000];
        long[] scanLatencies = new long[4_000_000];
        long[] scored = new long[2];
        long[] scanned = new long[2];
        for (long slices = timedNs / SLICE_NS, i = 0; i < slices; i++) {
            runScoring(scorer, mix, SLICE_NS, latencies, scored[0], scored);
            runScan(plain, normalised, SLICE_NS, scanLatencies, scanned[0], scanned);
        }

        int n = (int) Math.min(scored[0], latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        double p50 = sorted[(int) (n * 0.50)] / 1000.0;
        double p99 = sorted[Math.min(n - 1, (int) (n * 0.99))] / 1000.0;
        int m = (int) Math.min(scanned[0], scanLatencies.length);
        long[] scanSorted = Arrays.copyOf(scanLatencies, m);
        Arrays.sort(scanSorted);
        double scanP50 = scanSorted[m / 2] / 1000.0;
        double perScoreNs = (double) scored[1] / scored[0];
        double perScanNs = (double) scanned[1] / scanned[0];
        double repliesPerS = scored[0] * 1e9 / scored[1];
        double ratio = perScoreNs / perScanNs;
        System.out.printf("mix: %d replies, %d phrases in the automaton, content %s%n", mix.size(),
                Scorer.phrases(content).size(), content.version());
        System.out.printf("scoring: %d replies, %.0f replies/s, mean %.1f us, p50 %.1f us, p99 %.1f us%n",
                scored[0], repliesPerS, perScoreNs / 1000, p50, p99);
        System.out.printf("plain Aho-Corasick scan: %d replies, mean %.2f us, p50 %.2f us%n", scanned[0], perScanNs / 1000, scanP50);
        // on a busy machine preemption inflates means; the median ratio shows the work ratio
        System.out.printf("ratio to scan: mean %.2f, median %.2f; load average %.2f on %d cpus%n", perScoreNs / perScanNs,
                p50 / scanP50, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("(sink %d)%n", sink % 10);
        System.out.printf("{\"bench\":\"scoring\",\"replies_per_s\":%.0f,\"p99_us\":%.1f,\"ratio_to_scan\":%.2f}%n",
                repliesPerS, p99, ratio);
        return 0;
    }

    /** Adds {replies, busy nanoseconds} to totals; records per-reply latency (from index count) when asked. */
    private void runScoring(Scorer scorer, List<ReplyInput> mix, long forNs, long[] latencies, long count, long[] totals) {
        long start = count;
        long busy = 0;
        long deadline = System.nanoTime() + forNs;
        while (System.nanoTime() < deadline) {
            for (ReplyInput input : mix) {
                long t0 = System.nanoTime();
                var a = scorer.score(input);
                long dt = System.nanoTime() - t0;
                sink += a.politeness().score() + a.violations().size();
                if (latencies != null && count < latencies.length) latencies[(int) count] = dt;
                busy += dt;
                count++;
            }
        }
        totals[0] += count - start;
        totals[1] += busy;
    }

    private void runScan(Trie plain, List<String> texts, long forNs, long[] latencies, long count, long[] totals) {
        long start = count;
        long busy = 0;
        long deadline = System.nanoTime() + forNs;
        while (System.nanoTime() < deadline) {
            for (String text : texts) {
                long t0 = System.nanoTime();
                int hits = plain.parseText(text).size();
                long dt = System.nanoTime() - t0;
                if (latencies != null && count < latencies.length) latencies[(int) count] = dt;
                busy += dt;
                sink += hits;
                count++;
            }
        }
        totals[0] += count - start;
        totals[1] += busy;
    }

    private static List<ReplyInput> mix() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<ReplyInput> out = new ArrayList<>();
        try (InputStream in = ScoringBench.class.getResourceAsStream(MIX)) {
            if (in == null) throw new IOException("missing resource " + MIX);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode n = json.readTree(line);
                out.add(new ReplyInput(n.get("text").asText(), n.hasNonNull("buyer") ? List.of(n.get("buyer").asText()) : List.of(),
                        n.path("first").asBoolean(), n.path("closing").asBoolean(), List.of(), null, null));
            }
        }
        return out;
    }
}
