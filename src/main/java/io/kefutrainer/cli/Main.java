package io.kefutrainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of target/kefu-trainer.jar: `serve` is the default command. */
@Command(name = "kefu-trainer", mixinStandardHelpOptions = true, version = "kefu-trainer 0.1.0",
        description = "淘宝客服培训模拟器 / Taobao customer-service training simulator",
        subcommands = {ScoreCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        System.out.println("kefu-trainer: serve is not built yet");
    }
}
