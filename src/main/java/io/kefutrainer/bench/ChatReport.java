package io.kefutrainer.bench;

import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;

/** What `bench chat` prints: a line per phase, then the check, the latencies and the JSON line scripts read. */
final class ChatReport {

    private ChatReport() {
    }

    /** After the human-paced run; `acked`: the replies it got acknowledged. */
    static void chat(ChatStats stats, int acked) {
        System.out.printf("chat: %d replies acknowledged (%d resends), %d errors, %d sessions, %d buyer lines over SSE"
                        + " (%d waits timed out), %d connection cuts (%d connections)%n",
                acked, stats.resends.get(), stats.errors.get(), stats.sessions.get(), stats.sseMessages.get(),
                stats.sseTimeouts.get(), stats.cuts.get(), stats.killed.get());
    }

    static void saturation(SaturationRun.Result server, double bareRps, int concurrency) {
        System.out.printf("saturation: server reply path %.0f replies/s (plus %.0f session starts/s, not counted),"
                        + " bare insert %.0f transactions/s of a reply and a buyer line (%d clients); load average %.2f%n",
                server.repliesPerS(), server.startsPerS(), bareRps, concurrency, loadAverage());
    }

    /**
     * The check, the human-paced ack latencies (`latencies` sorted, in ns) and the JSON line.
     *
     * @param acked the human-paced replies acknowledged
     */
    static void result(ChatBenchOptions options, ChatStats stats, int acked, long[] latencies, DeliveryCheck.Result check,
                       SaturationRun.Result server, double bareRps) {
        double p50 = percentile(latencies, 0.50);
        double p99 = percentile(latencies, 0.99);
        double ratio = bareRps > 0 ? server.repliesPerS() / bareRps : 0;
        System.out.printf("check: %d acknowledged replies looked up by clientId, %d missing, %d duplicated%n",
                check.checked(), check.lost(), check.duplicated());
        System.out.printf("ack latency of the human-paced replies (first send to acknowledgement, resends included): p50 %.1f ms, p99 %.1f ms;"
                + " load average %.2f on %d cpus%n", p50, p99, loadAverage(), Runtime.getRuntime().availableProcessors());
        ChatStats.SlowReplies slow = stats.slowReplies(100_000_000L);
        System.out.printf("replies slower than 100 ms: %d of %d; %d of them first sent from 0.2 s before to 1 s after a connection cut"
                + " (%d resent after a 5xx or no answer)%n", slow.slow(), slow.all(), slow.nearCut(), slow.nearCutResent());
        if (!stats.errorKinds.isEmpty()) {
            System.out.println("errors by kind: " + stats.errorKinds);
        }
        JsonObject line = new JsonObject().put("bench", "chat").put("trainees", options.trainees()).put("replies", (long) acked)
                .put("lost", check.lost()).put("errors", stats.errors.get()).put("p50_ms", round(p50)).put("p99_ms", round(p99))
                .put("ratio_to_bare_insert", round(ratio)).put("duplicated", check.duplicated())
                .put("fault", options.fault() == null ? "none" : options.fault()).put("cuts", stats.cuts.get())
                .put("slow_replies", slow.slow()).put("slow_near_cut", slow.nearCut())
                .put("saturation_rps", Math.round(server.repliesPerS())).put("saturation_starts_per_s", Math.round(server.startsPerS()))
                .put("bare_insert_rps", Math.round(bareRps));
        System.out.println(line.encode());
    }

    static double percentile(long[] sortedNs, double q) {
        if (sortedNs.length == 0) {
            return 0;
        }
        return sortedNs[Math.min(sortedNs.length - 1, (int) (sortedNs.length * q))] / 1_000_000.0;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
