package io.kefutrainer.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.yaml.Diagnostic;
import io.kefutrainer.scenario.yaml.PositionedYamlReader;
import io.kefutrainer.scenario.yaml.Position;
import io.kefutrainer.scenario.yaml.YamlDocument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads, schema-checks, builds and semantically checks one scenario file. Never throws. */
public final class ScenarioFileLoader {

    private static final SchemaCheck SCHEMA = SchemaCheck.fromResource(SchemaCheck.SCENARIO_SCHEMA);

    private final PositionedYamlReader reader = new PositionedYamlReader();

    public ScenarioFile load(Path file, ContentIds ids) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        String id = null;
        Position idAt = null;
        try {
            PositionedYamlReader.Result read = reader.read(file);
            diagnostics.addAll(read.diagnostics());
            if (read.document().isEmpty()) {
                return new ScenarioFile(file, null, null, Optional.empty(), diagnostics);
            }
            YamlDocument doc = read.document().get();
            JsonNode idNode = doc.root().path("id");
            id = idNode.isTextual() ? idNode.asText() : null;
            idAt = id != null ? doc.at("/id") : null;
            if (!doc.root().isObject()) {
                diagnostics.add(Diagnostic.error(file, doc.at(""), "a scenario file is a map of keys (id:, title:, steps: …)"));
                return new ScenarioFile(file, id, idAt, Optional.empty(), diagnostics);
            }
            List<Diagnostic> schemaProblems = SCHEMA.check(doc);
            diagnostics.addAll(schemaProblems);
            if (!schemaProblems.isEmpty() || hasErrors(diagnostics)) {
                // the model needs the shapes the schema promises; semantic checks wait until those are right
                return new ScenarioFile(file, id, idAt, Optional.empty(), diagnostics);
            }
            Scenario scenario = new ScenarioReader(doc).read();
            diagnostics.addAll(new SemanticChecks(doc, scenario, ids).run());
            diagnostics.sort(Diagnostic.ORDER);
            return new ScenarioFile(file, id, idAt, hasErrors(diagnostics) ? Optional.empty() : Optional.of(scenario), diagnostics);
        } catch (RuntimeException | StackOverflowError e) {
            diagnostics.add(Diagnostic.error(file, Position.START, "internal error while checking this file: " + e));
            return new ScenarioFile(file, id, idAt, Optional.empty(), diagnostics);
        }
    }

    private static boolean hasErrors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
