package io.kefutrainer.typing;

import io.kefutrainer.content.ScorerSource;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.ReplyInput;
import io.kefutrainer.scoring.Scorer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trainees type these sentences until they are automatic: they must not teach what the scenarios fail. */
@DisplayName("typing drills and default 快捷短语 teach what the scenarios expect")
class TypingContentTest {

    private static final Path SCENARIOS = Path.of("scenarios");
    private static final TypingContent CONTENT = TypingContent.load(SCENARIOS);

    private static List<String> all() {
        return Stream.concat(CONTENT.drill().stream().flatMap(g -> g.phrases().stream()), CONTENT.quickPhraseDefaults().stream()).toList();
    }

    @Test
    @DisplayName("the files load without problems")
    void loads() {
        assertEquals(List.of(), CONTENT.problems());
        assertTrue(CONTENT.quickPhraseDefaults().size() >= 5);
    }

    @Test
    @DisplayName("no sentence breaks a rule or uses a forbidden phrase")
    void noViolationsOrForbidden() {
        Scorer scorer = ScorerSource.load(SCENARIOS);
        List<String> bad = new ArrayList<>();
        for (String s : all()) {
            Annotations a = scorer.score(ReplyInput.of(s));
            if (!a.violations().isEmpty() || !a.forbiddenIds().isEmpty()) bad.add(s + " → " + a.violations() + a.forbiddenIds());
        }
        assertEquals(List.of(), bad);
    }

    @Test
    @DisplayName("no sentence the scenarios fail: sending the buyer to the size chart, 七天无理由 for everything, an unqualified 纯棉")
    void nothingTheScenariosFail() {
        List<String> bad = new ArrayList<>();
        for (String s : all()) {
            if (s.contains("尺码表在") && !s.contains("建议")) bad.add("size chart instead of a size: " + s);
            if (s.matches(".*(?<!不)支持七天无理由.*") && !(s.contains("完好") || s.contains("吊牌"))) {
                bad.add("七天无理由 without its condition: " + s);
            }
            if (s.contains("纯棉")) bad.add("纯棉 is a composition claim to check against the tag: " + s);
            if (s.contains("耐心等待") && !s.contains("感谢")) bad.add("asks the buyer to wait instead of following up: " + s);
        }
        assertEquals(List.of(), bad);
    }
}
