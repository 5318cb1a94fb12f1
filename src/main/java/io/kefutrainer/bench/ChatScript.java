package io.kefutrainer.bench;

import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.TranscriptTest;

import java.util.ArrayList;
import java.util.List;

/** What one virtual trainee types: a scenario's first test transcript (its good path), replies only. */
public record ChatScript(String scenario, long seed, List<String> replies) {

    /** One script per scenario that has a test transcript with a reply, ordered by scenario id. */
    public static List<ChatScript> fromTests(CatalogSnapshot catalog) {
        List<ChatScript> list = new ArrayList<>();
        for (Scenario s : catalog.scenarios().values()) {
            if (s.tests().isEmpty()) {
                continue;
            }
            TranscriptTest test = s.tests().get(0);
            List<String> replies = test.inputs().stream().filter(i -> !i.isSilence()).map(TranscriptTest.Input::text).toList();
            if (!replies.isEmpty()) {
                list.add(new ChatScript(s.id(), test.seed(), replies));
            }
        }
        list.sort((a, b) -> a.scenario().compareTo(b.scenario()));
        return list;
    }
}
