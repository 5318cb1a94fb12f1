package io.kefutrainer.scoring;

import io.kefutrainer.content.ScoringFiles;
import java.nio.file.Path;
import java.util.List;

/** The repository's scoring content, loaded once for all tests. */
final class TestContent {
    static final ScoringContent CONTENT = ScoringFiles.load(Path.of("scenarios"));
    static final Scorer SCORER = Scorer.create(CONTENT);

    private TestContent() {
    }

    static Annotations score(String text) {
        return SCORER.score(ReplyInput.of(text));
    }

    static Annotations answer(String buyer, String text) {
        return SCORER.score(new ReplyInput(text, List.of(buyer), false, false, List.of(), null, null));
    }
}
