package io.kefutrainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Set;

/**
 * Entry point of target/kefu-trainer.jar. `serve` is the default command, so `java -jar kefu-trainer.jar --demo`
 * serves too. Exit codes: 0 ok, 1 user error with a one-line reason (never a stack trace for bad input).
 */
@Command(name = "kefu-trainer", mixinStandardHelpOptions = true, version = "kefu-trainer 0.1.0",
        description = {"淘宝客服培训模拟器 / Taobao customer-service training simulator.",
                "Without a command, runs `serve`."},
        subcommands = {ServeCommand.class, ValidateCommand.class, TestScenariosCommand.class, NewScenarioCommand.class, TrainerReferenceCommand.class, ScoreCommand.class, CalibrateCommand.class, TrainModelCommand.class,
                BenchCommand.class, QuizImportCommand.class, ImportProductsCommand.class, ImportChatsCommand.class})
public final class Main implements Runnable {

    private static final Set<String> TOP_LEVEL_FLAGS = Set.of("-h", "--help", "-V", "--version");

    public static void main(String[] args) {
        Logs.configure();
        System.exit(run(args));
    }

    public static int run(String... args) {
        String[] effective = args;
        if (args.length == 0 || (args[0].startsWith("-") && !TOP_LEVEL_FLAGS.contains(args[0]))) {
            effective = new String[args.length + 1];
            effective[0] = "serve";
            System.arraycopy(args, 0, effective, 1, args.length);
        }
        return commandLine().execute(effective);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("kefu-trainer: " + ex.getMessage() + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
            return 1;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("kefu-trainer: error: " + UserErrors.describe(ex));
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        // picocli calls this only for `kefu-trainer` with top-level flags handled elsewhere
        new CommandLine(this).usage(System.out);
    }
}
