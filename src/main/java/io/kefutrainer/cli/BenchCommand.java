package io.kefutrainer.cli;

import picocli.CommandLine.Command;

/** bench: performance harnesses, one subcommand per capability; the harnesses themselves live in io.kefutrainer.bench. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Run a performance harness.",
        subcommands = {BenchScoringCommand.class, BenchChatCommand.class, BenchDashboardCommand.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("usage: bench scoring [--quick]");
    }
}
