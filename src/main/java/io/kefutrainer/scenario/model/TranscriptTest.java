package io.kefutrainer.scenario.model;

import io.kefutrainer.scoring.Outcome;
import io.kefutrainer.yaml.Position;

import java.util.List;

/** A `tests:` entry: trainee replies (or silences) played through engine and scorer, and what must result. */
public record TranscriptTest(String name, long seed, List<Input> inputs, Expectation expect, Position at) {
    public TranscriptTest {
        inputs = List.copyOf(inputs);
    }

    /** A reply text, or a silence of silenceS seconds (text null). */
    public record Input(String text, Integer silenceS, Position at) {
        public boolean isSilence() {
            return text == null;
        }
    }

    /** Every field is optional (null / empty = not checked). */
    public record Expectation(String ending, Outcome outcome, Mood mood, Integer minSatisfaction,
                              List<String> visits, Position at) {
        public Expectation {
            visits = List.copyOf(visits);
        }
    }
}
