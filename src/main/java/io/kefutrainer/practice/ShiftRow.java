package io.kefutrainer.practice;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A stored shift (班次模拟): who plays it, how long it runs, and its arrival plan.
 *
 * @param level   the highest scenario difficulty the plan drew from (see ShiftPlan.level)
 * @param endedAt when the shift was closed and graded (its end time, or earlier when handed over early)
 * @param surge   a 大促 surge shift (see ShiftPlan)
 */
public record ShiftRow(UUID id, long userId, long seed, int minutes, SessionRow.Mode mode, int level,
                       OffsetDateTime startedAt, OffsetDateTime endsAt, OffsetDateTime endedAt, ShiftPlan plan,
                       boolean surge) {

    public boolean ended() {
        return endedAt != null;
    }
}
