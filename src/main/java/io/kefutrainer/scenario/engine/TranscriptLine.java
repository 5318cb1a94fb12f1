package io.kefutrainer.scenario.engine;

/**
 * One line of the conversation.
 *
 * @param step     the step the line belongs to (the ending id for the buyer's last words)
 * @param atMillis when the trainee's reply arrived (server clock); null for buyer lines
 */
public record TranscriptLine(Speaker speaker, String text, String step, Long atMillis) {

    /** system: a notice (`system:` in the file), not words of either side. */
    public enum Speaker { buyer, trainee, system }
}
