package io.kefutrainer.scenario;

import io.kefutrainer.scenario.load.ContentIds;
import io.kefutrainer.scenario.load.ScenarioFile;
import io.kefutrainer.scenario.load.ScenarioFileLoader;
import io.kefutrainer.scenario.model.Scenario;

import java.nio.file.Path;

/** Paths of the test content under src/test/resources/scenario. */
final class Fixtures {

    static final Path ROOT = Path.of("src/test/resources/scenario");
    static final Path VALID = ROOT.resolve("valid");
    static final Path BROKEN = ROOT.resolve("broken");

    private Fixtures() {
    }

    static Scenario scenario(String relative) {
        ScenarioFile file = new ScenarioFileLoader().load(ROOT.resolve(relative), ContentIds.none());
        return file.scenario().orElseThrow(() -> new AssertionError("fixture invalid: " + file.diagnostics()));
    }
}
