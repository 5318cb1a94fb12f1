package io.kefutrainer.cli;

import io.kefutrainer.bench.ChatBench;
import io.kefutrainer.bench.ChatBenchOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** bench chat: live practice under load (and faults), every acknowledged reply checked (see {@link ChatBench}). */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Load-test live practice sessions (replies + SSE) and check no acknowledged reply is lost.")
public final class BenchChatCommand implements Callable<Integer> {

    @Option(names = "--trainees", defaultValue = "200", description = "virtual trainees (default 200)")
    int trainees;

    @Option(names = "--duration", defaultValue = "60", description = "seconds of human-paced play (default 60)")
    int duration;

    @Option(names = "--fault", description = "cut-db-connections: pg_terminate_backend on the server's connections every 10 s")
    String fault;

    @Option(names = "--url", description = "target a running server (its database from DATABASE_URL / PG*) instead of starting one")
    String url;

    @Option(names = "--scenarios", defaultValue = "scenarios", description = "content folder (the transcripts the trainees type)")
    Path scenarios;

    @Option(names = "--think-ms", defaultValue = "3000", description = "mean pause after the buyer's last line before replying (±50%%)")
    int thinkMs;

    @Option(names = "--sign-in", defaultValue = "20", description = "trainees that sign in with their password through /api/auth/token")
    int signInSample;

    @Option(names = "--saturation-s", defaultValue = "10", description = "seconds of the saturation and bare-insert runs (0 = skip)")
    int saturationS;

    @Option(names = "--concurrency", defaultValue = "32", description = "closed-loop clients in the saturation and bare-insert runs")
    int concurrency;

    @Option(names = "--warmup-s", defaultValue = "3", description = "seconds of warm-up before the saturation and bare-insert runs count (default 3)")
    int warmupS;

    @Option(names = "--saturation-only", description = "skip the human-paced run: only the saturation and bare-insert runs (for profiling)")
    boolean saturationOnly;

    @Override
    public Integer call() throws Exception {
        if (trainees < 1 || trainees > 20_000) {
            throw new IllegalArgumentException("--trainees must be between 1 and 20000");
        }
        if (duration < 1 || duration > 3600) {
            throw new IllegalArgumentException("--duration must be between 1 and 3600 seconds");
        }
        if (fault != null && !fault.equals("cut-db-connections")) {
            throw new IllegalArgumentException("--fault must be cut-db-connections");
        }
        return new ChatBench(new ChatBenchOptions(trainees, duration, fault, url, scenarios, thinkMs, signInSample,
                saturationS, concurrency, warmupS, saturationOnly)).run();
    }
}
