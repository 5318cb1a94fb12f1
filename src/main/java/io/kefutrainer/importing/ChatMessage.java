package io.kefutrainer.importing;

/**
 * One line of an imported chat.
 *
 * @param buyer true for the buyer, false for the shop's agent
 * @param nick  the speaker's nickname when the export names it, else null
 * @param line  line of the source file (for FILE:LINE messages)
 */
public record ChatMessage(boolean buyer, String nick, String time, String text, int line) {
}
