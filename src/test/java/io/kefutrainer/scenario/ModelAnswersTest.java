package io.kefutrainer.scenario;

import io.kefutrainer.content.ScorerSource;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.TranscriptTest;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.ReplyInput;
import io.kefutrainer.scoring.Scorer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The first transcript of each scenario is the model answer trainers point to: it must earn what the rubric asks for. */
@DisplayName("model answers (each scenario's first transcript) end the conversation with a closing")
class ModelAnswersTest {

    private static final Path SCENARIOS = Path.of("scenarios");

    @Test
    @DisplayName("the last reply of every model transcript has a closing, so the rubric's missing_closing never hits it")
    void modelAnswersClose() {
        CatalogSnapshot snapshot = ScenarioCatalog.load(SCENARIOS);
        Scorer scorer = ScorerSource.load(SCENARIOS);
        List<String> without = new ArrayList<>();
        for (Scenario s : snapshot.scenarios().values()) {
            TranscriptTest model = s.tests().get(0);
            List<TranscriptTest.Input> typed = model.inputs().stream().filter(i -> !i.isSilence()).toList();
            String last = typed.get(typed.size() - 1).text();
            Annotations a = scorer.score(new ReplyInput(last, List.of(), false, true, List.of(), null, null));
            boolean closes = a.politeness().findings().stream().anyMatch(f -> f.type().equals("closing"));
            if (!closes) without.add(s.id() + ": " + last);
        }
        assertEquals(List.of(), without);
    }
}
