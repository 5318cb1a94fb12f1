package io.kefutrainer.quiz;

/** One line of a matching question: the prompt and the answer it goes with (GIFT `=left -> right`). */
public record MatchPair(String left, String right) {
}
