package io.kefutrainer.scenario;

import io.kefutrainer.scenario.yaml.Diagnostic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("validate: broken scenario files are reported at file:line:col")
class ValidatorTest {

    private static List<String> errors(String file) {
        ScenarioCatalog.Validation v = ScenarioCatalog.validate(List.of(Fixtures.BROKEN.resolve(file)));
        return v.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @DisplayName("each broken file gives its positioned error")
    @CsvSource(delimiter = '|', value = {
            "broken-goto.yaml        | 23:15 | 'dnoe' is not a step or ending (did you mean 'done'?)",
            "syntax-error.yaml       | 4:9   | YAML syntax error",
            "tab-indent.yaml         | 9:1   | YAML syntax error",
            "unknown-key.yaml        | 12:3  | unknown key 'flor_price' (did you mean 'floor_price'?)",
            "unreachable-step.yaml   | 25:3  | step 'orphan' cannot be reached from start 'ask'",
            "floor-above-price.yaml  | 11:16 | floor_price 329 is higher than price 299",
            "empty-buyer-line.yaml   | 26:37 | empty buyer line",
            "undefined-template.yaml | 16:19 | template variable {product.titel} is not defined (did you mean 'product.title'?)",
            "unknown-rule.yaml       | 6:9   | rule 'seven_days_return' is not in rules.yaml (did you mean 'seven_day_return'?)",
            "unknown-lexicon.yaml    | 20:27 | lexicon entry 'ai_mai' does not exist (did you mean 'ai_mai_bu_mai'?)",
            "wrong-type.yaml         | 5:13  | 'difficulty': string found, integer expected",
            "binary.yaml             | 1:1   | not UTF-8",
            "control-char.yaml       | 2:11  | U+0001 is not allowed",
            "narration-line.yaml     | 22:42 | buyer line is narration in brackets; write what happens off the chat as system:",
    })
    void positionedError(String file, String position, String message) {
        List<String> errors = errors(file);
        String prefix = Fixtures.BROKEN.resolve(file) + ":" + position + ": error: ";
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(prefix) && e.contains(message)),
                () -> "wanted " + prefix + message + "\n got " + errors);
    }

    @Test
    @DisplayName("the valid fixture has no errors and no warnings")
    void validFixtureIsClean() {
        ScenarioCatalog.Validation v = ScenarioCatalog.validate(List.of(Fixtures.VALID));
        assertEquals(List.of(), v.diagnostics());
        assertEquals(1, v.files().size());
        assertTrue(v.files().get(0).scenario().isPresent());
    }

    @Test
    @DisplayName("the same id in two files is an error in the second file, at its id")
    void duplicateIds() {
        ScenarioCatalog.Validation v = ScenarioCatalog.validate(List.of(Fixtures.ROOT.resolve("duplicate")));
        List<String> errors = v.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
        assertEquals(List.of(Fixtures.ROOT.resolve("duplicate/b.yaml") + ":2:5: error: duplicate scenario id 'shoes-width' (also in "
                + Fixtures.ROOT.resolve("duplicate/a.yaml") + ")"), errors);
    }

    @Test
    @DisplayName("without rules.yaml and lexicon/ the id checks are skipped with a warning")
    void missingSharedContentWarns() {
        ScenarioCatalog.Validation v = ScenarioCatalog.validate(List.of(Fixtures.ROOT.resolve("duplicate")));
        assertEquals(2, v.warnings());
        assertTrue(v.diagnostics().stream().anyMatch(d -> d.message().startsWith("rules.yaml not found")));
    }

    @Test
    @DisplayName("a broken file never stops the others from being checked")
    void wholeCorpusIsChecked() {
        ScenarioCatalog.Validation v = ScenarioCatalog.validate(List.of(Fixtures.BROKEN));
        assertEquals(14, v.files().size());
        assertTrue(v.files().stream().allMatch(f -> f.hasErrors()), "every broken file has an error");
    }
}
