package io.kefutrainer.scenario;

import io.kefutrainer.content.EngineSettingsReader;
import io.kefutrainer.content.ScorerSource;
import io.kefutrainer.scenario.engine.SessionState;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.TranscriptTest;
import io.kefutrainer.scoring.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every shipped scenario, played along each of its good transcripts with one offending reply put first: an
 * insult, or a sweet reply that moves the buyer to WeChat. The buyer must react to it (say something, or leave),
 * and however well the rest goes, never rate the chat 4-5 stars. Catches a scenario whose buyer shrugs off an
 * insult because its author forgot a branch (issue 16: "自己看详情页" and still 成交 ★★★).
 */
@DisplayName("Buyers react to a rude or rule-breaking reply in every scenario and never rate it 4-5 stars")
class BuyerReactsTest {

    private static final String INSULT = "你是不是脑子有问题?问来问去烦死了";
    private static final String VIOLATION = "亲~加我微信kefu8899私聊吧,给您算便宜点哦";

    private static CatalogSnapshot snapshot;
    private static TranscriptRunner runner;

    @BeforeAll
    static void load() {
        Path scenarios = Path.of("scenarios");
        snapshot = ScenarioCatalog.load(scenarios);
        runner = new TranscriptRunner(ScorerSource.load(scenarios), EngineSettingsReader.defaults());
    }

    @Test
    @DisplayName("an insult first: the buyer reacts, and rates at most 3 stars")
    void insult() {
        play(INSULT, 3);
    }

    @Test
    @DisplayName("a move to WeChat first: the buyer reacts, and rates at most 2 stars")
    void violation() {
        play(VIOLATION, 2);
    }

    private static void play(String offence, int maxRating) {
        List<String> problems = new ArrayList<>();
        int played = 0;
        for (Scenario s : snapshot.scenarios().values()) {
            for (TranscriptTest good : s.tests()) {
                if (!goesWell(good)) continue;
                List<TranscriptTest.Input> inputs = new ArrayList<>();
                inputs.add(new TranscriptTest.Input(offence, null, null));
                inputs.addAll(good.inputs());
                TranscriptTest spoiled = new TranscriptTest(good.name() + " (spoiled)", good.seed(), inputs,
                        new TranscriptTest.Expectation(null, null, null, null, List.of(), null), null);
                TranscriptRunner.Result r = runner.run(s, spoiled);
                played++;
                var first = r.trace().get(0);
                String where = s.id() + " / " + good.name() + ": ";
                if (first.annotations() == null || !(first.annotations().impolite()
                        || !first.annotations().violationCategories().isEmpty())) {
                    problems.add(where + "the scorer did not flag the offence");
                    continue;
                }
                SessionState last = r.last();
                boolean leftAtOnce = first.branch() != null && r.trace().size() == 1 && last.ended();
                if (first.buyer().isEmpty() && !leftAtOnce) problems.add(where + "the buyer said nothing to it");
                if (last.ended() && last.satisfaction() > maxRating) {
                    problems.add(where + "ended '" + last.ending() + "' rated " + last.satisfaction());
                }
            }
        }
        assertTrue(played >= 60, "only " + played + " good transcripts played");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** A transcript that shows the good path: it ends converted or resolved, or the buyer rates it 4-5. */
    private static boolean goesWell(TranscriptTest t) {
        var e = t.expect();
        return e.outcome() == Outcome.converted || e.outcome() == Outcome.resolved
                || (e.minSatisfaction() != null && e.minSatisfaction() >= 4);
    }
}
