package io.kefutrainer.scenario.engine;

/**
 * One message the buyer sends, or (kind {@link Kind#system}) a notice of what happens off the chat, shown as grey
 * system text and never as the buyer's words.
 *
 * @param delayMs typing time to show before this message, counted from the previous message of the same turn
 *                (or from the reply that caused the turn)
 */
public record BuyerMessage(String text, long delayMs, Kind kind) {

    public enum Kind { line, retry, nudge, ending, system }
}
