package io.kefutrainer.scenario.engine;

/**
 * One message the buyer sends.
 *
 * @param delayMs typing time to show before this message, counted from the previous message of the same turn
 *                (or from the reply that caused the turn)
 */
public record BuyerMessage(String text, long delayMs, Kind kind) {

    public enum Kind { line, retry, nudge, ending }
}
