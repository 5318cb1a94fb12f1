package io.kefutrainer.scenario.load;

import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.Position;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What loading one file gave: the scenario when it has no errors, and every diagnostic.
 *
 * @param id   the scenario id as written in the file, or null when the file is unreadable
 * @param idAt where the id is written, or null
 */
public record ScenarioFile(Path file, String id, Position idAt, Optional<Scenario> scenario, List<Diagnostic> diagnostics) {

    public ScenarioFile {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
