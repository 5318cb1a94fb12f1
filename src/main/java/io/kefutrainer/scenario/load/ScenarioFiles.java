package io.kefutrainer.scenario.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Which files under a scenarios directory are scenarios: every *.yaml except the shared content. */
public final class ScenarioFiles {

    /** Shared content beside the scenarios, owned by other capabilities. */
    private static final Set<String> NOT_SCENARIOS = Set.of("rules.yaml", "rubric.yaml", "kpi.yaml", "normalise.yaml", "labels.yaml",
            "engine.yaml");
    private static final Set<String> NOT_SCENARIO_DIRS = Set.of("schema", "quizzes", "lexicon", "typing", "products");

    private ScenarioFiles() {
    }

    public static List<Path> under(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(ContentIds::isYaml)
                    .filter(p -> isScenario(root, p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isScenario(Path root, Path file) {
        Path relative = root.relativize(file);
        if (relative.getNameCount() == 1 && NOT_SCENARIOS.contains(relative.toString())) {
            return false;
        }
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String dir = relative.getName(i).toString();
            if (dir.startsWith(".") || (i == 0 && NOT_SCENARIO_DIRS.contains(dir))) {
                return false;
            }
        }
        return !relative.getFileName().toString().startsWith(".");
    }

    /** The scenarios root of a single file: the nearest ancestor with rules.yaml or schema/, else its folder. */
    public static Path rootOf(Path file) {
        // walks the path as given (often relative) so diagnostics print paths the way the trainer typed them
        Path dir = file.getParent() != null ? file.getParent() : Path.of(".");
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("rules.yaml")) || Files.isDirectory(d.resolve("schema"))) {
                return d;
            }
        }
        return dir;
    }
}
