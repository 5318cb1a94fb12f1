package io.kefutrainer.scoring;

import java.util.List;
import java.util.Map;

/**
 * A graded session.
 *
 * @param dimensions       politeness, rules, speed, outcome -> 0..100
 * @param total            weighted total, 0..100
 * @param passed           no must-pass failure and total >= pass mark
 * @param tier             金牌 / 银牌 / 铜牌 ..., or null (below the last tier, or a must-pass failure)
 * @param mustPassFailures one line per failed must-pass criterion (e.g. "violation off_platform (rule off-platform) in reply 3"),
 *                         listed first by every renderer because they decide the result on their own
 */
public record SessionResult(Map<String, Double> dimensions, double total, boolean passed, String tier,
                            List<String> mustPassFailures) {
    public SessionResult {
        dimensions = Map.copyOf(dimensions);
        mustPassFailures = List.copyOf(mustPassFailures);
    }
}
