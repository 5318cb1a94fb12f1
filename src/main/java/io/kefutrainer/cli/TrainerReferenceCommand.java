package io.kefutrainer.cli;

import io.kefutrainer.content.TrainerReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * `trainer-reference [DIR] [--write]`: the rule ids, violation categories and impolite wordings section of
 * DIR/README.md, generated from rules.yaml and lexicon/. TrainerReferenceTest fails when the README drifts.
 */
@Command(name = "trainer-reference", mixinStandardHelpOptions = true,
        description = {"从 rules.yaml 和 lexicon/ 生成培训师指南里的「规则 id 与违规类别」「不礼貌的说法」两节;",
                "--write 写回 DIR/README.md(两个标记之间的内容)。"})
public final class TrainerReferenceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "场景目录(默认 scenarios)")
    Path dir = Path.of("scenarios");

    @Option(names = "--write", description = "写回 DIR/README.md,而不是打印")
    boolean write;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String section = TrainerReference.render(dir);
        if (!write) {
            out.println(section);
            out.flush();
            return 0;
        }
        Path readme = dir.resolve("README.md");
        String before = Files.isRegularFile(readme) ? Files.readString(readme) : "";
        String after = TrainerReference.splice(before, section);
        if (!after.equals(before)) {
            Files.writeString(readme, after);
        }
        out.println(after.equals(before) ? readme + " 已是最新" : "已更新 " + readme);
        out.flush();
        return 0;
    }
}
