package io.kefutrainer.scenario.engine;

/**
 * Why the conversation moved: shown in the trainer's preview next to the annotations of the reply.
 *
 * @param index  position of the branch in the step's branches (0-based), or -1 when no branch was used
 *               (no match, nudge, patience)
 * @param reason the branch in the file's words ("when {has: size_s}", "else"), or why no branch was used
 *               ("没有分支命中…", "学员 60 秒没回复:买家催促", "…买家没耐心了")
 */
public record BranchTaken(String step, int index, String target, String reason) {
}
