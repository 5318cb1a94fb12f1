package io.kefutrainer.cli;

import io.kefutrainer.bench.ScoringBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** bench scoring: the scorer timed against a plain Aho-Corasick pass over the same replies (see {@link ScoringBench}). */
@Command(name = "scoring", mixinStandardHelpOptions = true, description = "Benchmark the reply scorer.")
public final class BenchScoringCommand implements Callable<Integer> {

    @Option(names = "--scenarios", defaultValue = "scenarios", description = "content folder")
    Path scenarios;

    @Option(names = "--quick", description = "short run (under 30 s)")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        return new ScoringBench(scenarios, quick).run();
    }
}
