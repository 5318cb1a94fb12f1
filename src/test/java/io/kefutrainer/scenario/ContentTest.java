package io.kefutrainer.scenario;

import io.kefutrainer.content.EngineSettingsReader;
import io.kefutrainer.content.ScorerSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("scenarios/: the shipped content is valid and its transcripts pass")
class ContentTest {

    private static final Path SCENARIOS = Path.of("scenarios");

    @Test
    @DisplayName("validate scenarios has no errors")
    void contentValid() {
        ScenarioCatalog.Validation v = ScenarioCatalog.validate(List.of(SCENARIOS));
        assertEquals(0, v.errors(), () -> v.diagnostics().toString());
        assertTrue(v.files().size() >= 6);
    }

    @Test
    @DisplayName("every scenario has at least two transcripts and they all pass")
    void transcriptsPass() {
        CatalogSnapshot snapshot = ScenarioCatalog.load(SCENARIOS);
        TranscriptRunner runner = new TranscriptRunner(ScorerSource.load(SCENARIOS), EngineSettingsReader.defaults());
        snapshot.scenarios().values().forEach(s -> {
            assertTrue(s.tests().size() >= 2, s.id());
            runner.runAll(s).forEach(r -> assertTrue(r.passed(), s.id() + ": " + r.test().name() + " " + r.problems()));
        });
    }

    @Test
    @DisplayName("the editor copy of the schema is the one the validator uses")
    void schemaCopyInSync() throws IOException {
        try (var in = ContentTest.class.getResourceAsStream("/io/kefutrainer/scenario/scenario.schema.json")) {
            assertArrayEquals(in.readAllBytes(), Files.readAllBytes(SCENARIOS.resolve("schema/scenario.schema.json")),
                    "copy src/main/resources/io/kefutrainer/scenario/scenario.schema.json to scenarios/schema/");
        }
    }
}
