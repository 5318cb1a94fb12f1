package io.kefutrainer.quiz;

/**
 * An option of a single/multiple question, or an accepted answer of a short-answer question.
 *
 * @param weight   percent of the question's points this choice is worth, -100..100 (GIFT's ~%50%)
 * @param feedback shown after submission when this choice was picked; may be empty
 */
public record Choice(String text, double weight, String feedback) {
    public Choice {
        feedback = feedback == null ? "" : feedback;
    }

    public boolean correct() {
        return weight > 0;
    }
}
