package io.kefutrainer.cli;

import io.kefutrainer.bench.DashboardBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** bench dashboard: the cohort KPI API and 团队看板 page timed on a built database of ≥ 1,000,000 replies (see {@link DashboardBench}). */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Benchmark the cohort KPI query and page on a database of ≥ 1,000,000 replies.")
public final class BenchDashboardCommand implements Callable<Integer> {

    @Option(names = "--trainees", defaultValue = "200", description = "trainees in the cohort (default 200)")
    int trainees;

    @Option(names = "--replies", defaultValue = "1000000", description = "at least this many replies in all (default 1,000,000)")
    long replies;

    @Option(names = "--runs", defaultValue = "60", description = "timed requests per measure (default 60)")
    int runs;

    @Option(names = "--quick", description = "small run for tests: 20 trainees, 20,000 replies, 10 runs")
    boolean quick;

    @Option(names = "--scenarios", defaultValue = "scenarios", description = "content folder")
    Path scenarios;

    @Option(names = "--keep", description = "keep the built database instead of dropping it (for profiling; drop it by hand)")
    boolean keep;

    @Option(names = "--reuse", paramLabel = "DB", description = "time on a database an earlier --keep run built (migrated, not rebuilt, not dropped)")
    String reuse;

    @Override
    public Integer call() throws Exception {
        if (quick) {
            trainees = 20;
            replies = 20_000;
            runs = 10;
        }
        if (trainees < 1 || replies < 1 || runs < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--trainees, --replies and --runs must be positive");
        }
        return new DashboardBench(trainees, replies, runs, scenarios, keep, reuse).run();
    }
}
