package io.kefutrainer.cli;

import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.scenario.load.SchemaCheck;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.DidYouMean;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `new-scenario --category C --id ID [--trainee-first]`: writes DIR/C/ID.yaml from a commented template that
 * validates, so a trainer starts from a working file instead of a blank page.
 */
@Command(name = "new-scenario", mixinStandardHelpOptions = true,
        description = {"写一个带注释、能通过 validate 的场景模板:DIR/类别/ID.yaml。",
                "Write a commented scenario template that validates: DIR/CATEGORY/ID.yaml."})
public final class NewScenarioCommand implements Callable<Integer> {

    private static final String TEMPLATES = "/io/kefutrainer/scenario/templates/";

    @Option(names = "--category", required = true, description = "类别,如 size、logistics、after_sales")
    String category;

    @Option(names = "--id", required = true, description = "场景 id:小写字母、数字、- 和 _")
    String id;

    @Option(names = "--trainee-first", description = "学员先开口(催付、差评回访、主动推荐)")
    boolean traineeFirst;

    @Option(names = "--dir", description = "场景目录(默认 scenarios)")
    Path dir = Path.of("scenarios");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!id.matches("[a-z0-9][a-z0-9_-]*")) {
            err.println("kefu-trainer: error: id '" + id + "' 只能用小写字母、数字、- 和 _(以字母或数字开头)");
            return 1;
        }
        List<String> categories = categories();
        if (!categories.contains(category)) {
            err.println("kefu-trainer: error: 没有类别 '" + category + "';可选:" + String.join(", ", categories)
                    + DidYouMean.hint(category, categories));
            return 1;
        }
        Path file = dir.resolve(category).resolve(id + ".yaml");
        if (Files.exists(file)) {
            err.println("kefu-trainer: error: " + file + " 已经存在,没有覆盖它");
            return 1;
        }
        String text = template(traineeFirst ? "trainee-first.yaml" : "buyer-first.yaml")
                .replace("${schema}", "../schema/scenario.schema.json")
                .replace("${file}", file.toString())
                .replace("${id}", id)
                .replace("${category}", category);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        // the promise is a template that validates: check it as written, and say so if it does not
        List<Diagnostic> problems = ScenarioCatalog.validate(List.of(file)).diagnostics().stream()
                .filter(d -> d.file().equals(file)).toList();
        problems.forEach(d -> out.println(d.format()));
        out.println("已写好 " + file + ":改完后运行 validate " + file + " 和 test-scenarios " + file + " --trace");
        out.flush();
        return problems.stream().anyMatch(Diagnostic::isError) ? 1 : 0;
    }

    /** The categories the schema allows (another engineer may add some: read them, don't copy them). */
    static List<String> categories() {
        try (InputStream in = SchemaCheck.class.getResourceAsStream(SchemaCheck.SCENARIO_SCHEMA)) {
            JsonNode schema = new ObjectMapper().readTree(in);
            List<String> out = new ArrayList<>();
            schema.at("/properties/category/enum").forEach(n -> out.add(n.asText()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String template(String name) throws IOException {
        try (InputStream in = NewScenarioCommand.class.getResourceAsStream(TEMPLATES + name)) {
            if (in == null) {
                throw new IllegalStateException("template missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
