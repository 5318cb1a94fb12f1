package io.kefutrainer.scenario.engine;

/**
 * Why the conversation moved: shown in the trainer's preview next to the annotations of the reply.
 *
 * @param index  position of the branch in the step's branches (0-based), or -1 when no branch was used
 *               (no match, nudge, patience)
 * @param reason e.g. "when {has: size_s}", "else", "no branch matched", "silence 60 s: nudge", "patience exhausted"
 */
public record BranchTaken(String step, int index, String target, String reason) {
}
