package io.kefutrainer.content;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("scenarios/README.md: the rule ids and impolite wordings section matches rules.yaml and lexicon/")
class TrainerReferenceTest {

    private static final Path SCENARIOS = Path.of("scenarios");

    @Test
    @DisplayName("the generated section in README is up to date (else: java -jar target/kefu-trainer.jar trainer-reference --write)")
    void readmeIsCurrent() throws IOException {
        String readme = Files.readString(SCENARIOS.resolve("README.md"));
        assertEquals(TrainerReference.render(SCENARIOS), TrainerReference.current(readme),
                "scenarios/README.md drifted from rules.yaml / lexicon/: run java -jar target/kefu-trainer.jar trainer-reference --write");
    }

    @Test
    @DisplayName("the section lists every rule id with its category, and lexicon examples with advice")
    void sectionContent() {
        String s = TrainerReference.render(SCENARIOS);
        assertTrue(s.contains("| `false-promise` | 禁止虚假承诺和极限用语 | `false_promise` |"), s);
        assertTrue(s.contains("| `seven-day-return` | 七天无理由退货 | —(知识点) |"), s);
        assertTrue(s.contains("`forbidden.ai-mai-bu-mai`"), s);
        assertTrue(s.contains("`violation:` 可写:`true`(任一违规)、`false`(没有违规)、`off_platform`"), s);
    }

    @Test
    @DisplayName("splice replaces only what stands between the markers")
    void splice() {
        String readme = "前言\n" + TrainerReference.BEGIN + "\n旧\n" + TrainerReference.END + "\n后记\n";
        assertEquals("前言\n新\n后记\n", TrainerReference.splice(readme, "新"));
    }
}
