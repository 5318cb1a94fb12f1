package io.kefutrainer.scoring;

import java.util.List;
import java.util.Map;

/**
 * A graded session.
 *
 * A session in which the trainee never replied has no grade: no politeness, rules or speed to judge (an empty
 * reply list is not a polite 0 or a perfect 100), so only {@code outcome} is in the dimensions, the total is null and
 * the session does not pass. KPIs count such a buyer as unanswered (their own figure), not as a 0 politeness score.
 *
 * @param dimensions       politeness, rules, speed, outcome -> 0..100 (outcome only when nothing was replied)
 * @param total            weighted total, 0..100, or null when the trainee never replied
 * @param passed           replied, no must-pass failure and total >= pass mark
 * @param tier             评分等级 金牌 / 银牌 / 铜牌 ..., or null (below the last tier, a must-pass failure, no reply).
 *                         It grades the trainee's work by the rubric; the buyer's 1–5 star rating is a separate
 *                         figure (the buyer's satisfaction), which feeds only the outcome dimension
 * @param mustPassFailures one entry per failed must-pass criterion, listed first by every renderer because they decide
 *                         the result on their own
 */
public record SessionResult(Map<String, Double> dimensions, Double total, boolean passed, String tier,
                            List<MustPass> mustPassFailures) {
    public SessionResult {
        dimensions = Map.copyOf(dimensions);
        mustPassFailures = List.copyOf(mustPassFailures);
    }

    /** False when the trainee never replied: nothing to grade. */
    public boolean graded() {
        return total != null;
    }
}
