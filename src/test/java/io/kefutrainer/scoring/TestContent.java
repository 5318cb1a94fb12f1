package io.kefutrainer.scoring;

import io.kefutrainer.content.ScoringFiles;
import java.nio.file.Path;
import java.util.List;

/** The repository's scoring content, loaded once for all tests. */
final class TestContent {
    static final ScoringContent CONTENT = ScoringFiles.load(Path.of("scenarios"));
    static final Scorer SCORER = Scorer.create(CONTENT);
    /** The same content without the learned layer: what the rules alone find. */
    static final Scorer RULES_ONLY = Scorer.create(CONTENT.withModel(null));

    private TestContent() {
    }

    static Annotations score(String text) {
        return SCORER.score(ReplyInput.of(text));
    }

    static Annotations answer(String buyer, String text) {
        return SCORER.score(new ReplyInput(text, List.of(buyer), false, false, List.of(), null, null));
    }

    /** What the rules alone make of a reply to the buyer's message (no buyer: null). */
    static Annotations byRules(String buyer, String text) {
        return RULES_ONLY.score(new ReplyInput(text, buyer == null ? List.of() : List.of(buyer), false, false, List.of(), null, null));
    }
}
