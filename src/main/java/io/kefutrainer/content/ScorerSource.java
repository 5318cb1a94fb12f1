package io.kefutrainer.content;

import io.kefutrainer.scoring.Scorer;

import java.nio.file.Path;

/**
 * The one place the scenario tools and the server obtain a Scorer: compiled from the lexicon/, rules.yaml,
 * rubric.yaml and normalise.yaml beside the scenarios. Blocking (reads files): call it off the event loop.
 */
public final class ScorerSource {

    private ScorerSource() {
    }

    public static Scorer load(Path scenariosDir) {
        return Scorer.create(ScoringFiles.load(scenariosDir));
    }
}
