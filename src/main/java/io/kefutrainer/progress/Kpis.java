package io.kefutrainer.progress;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The KPIs of a group of ended sessions (one trainee, a cohort, a category, a day...), with the counts each
 * one is computed from, so a manager can check every number against the sessions behind it. Every value
 * is null when there is nothing to compute it from (no rounds, no typed replies, no pre-sales session ...).
 * Definitions: README "KPIs" and db/migration/V5__progress.sql.
 *
 * @param firstResponseS  mean over sessions of (first trainee reply − first buyer message), in seconds;
 *                        sessions whose first round went unanswered have none
 * @param avgResponseS    mean over answered rounds of (reply − first buyer message of the round), seconds
 * @param replyRate3m     rounds answered within 180 s ÷ all rounds, in %; unanswered rounds count as late
 * @param typingCpm       median over fully typed replies of typed Han characters per active minute
 * @param answerRatio     答问比: trainee replies ÷ buyer messages (questions, re-asks and 在吗 nudges)
 * @param conversionRate  converted ÷ pre-sales sessions, in %
 * @param resolutionRate  resolved ÷ after-sales sessions, in %
 * @param quizScore       mean percent of the trainee's submitted exam attempts, or null when none
 */
public record Kpis(long sessions, Double firstResponseS, Double avgResponseS, Double replyRate3m, Double typingCpm,
                   Double answerRatio, Double conversionRate, Double resolutionRate, Double satisfaction,
                   Double violationsPer100, Double forbiddenPer100, Double politenessScore, Double rulesScore,
                   Double quizScore, Counts counts) {

    /** The raw counts behind the KPIs. */
    public record Counts(long rounds, long roundsIn3m, long answeredRounds, Double responseSSum, long firstResponses,
                         long replies, long buyerMessages, long typedReplies, long preSales, long converted,
                         long afterSales, long resolved, long rated, long violations, long forbidden) {
    }

    public static final Kpis NONE = new Kpis(0, null, null, null, null, null, null, null, null, null, null, null, null,
            null, new Counts(0, 0, 0, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));

    /** The same KPIs with the quiz score, which comes from exam attempts rather than chat sessions. */
    public Kpis withQuizScore(Double score) {
        return new Kpis(sessions, firstResponseS, avgResponseS, replyRate3m, typingCpm, answerRatio, conversionRate,
                resolutionRate, satisfaction, violationsPer100, forbiddenPer100, politenessScore, rulesScore, score, counts);
    }

    /** The same KPIs with the typing speed and the number of typed replies it is the median of. */
    public Kpis withTyping(Double median, long typed) {
        Counts c = counts;
        return new Kpis(sessions, firstResponseS, avgResponseS, replyRate3m, median, answerRatio, conversionRate,
                resolutionRate, satisfaction, violationsPer100, forbiddenPer100, politenessScore, rulesScore, quizScore,
                new Counts(c.rounds(), c.roundsIn3m(), c.answeredRounds(), c.responseSSum(), c.firstResponses(), c.replies(),
                        c.buyerMessages(), typed, c.preSales(), c.converted(), c.afterSales(), c.resolved(), c.rated(),
                        c.violations(), c.forbidden()));
    }

    /** KPI name (API spelling) -> value, in the order the pages show them. */
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("firstResponseS", firstResponseS);
        m.put("avgResponseS", avgResponseS);
        m.put("replyRate3m", replyRate3m);
        m.put("typingCpm", typingCpm);
        m.put("answerRatio", answerRatio);
        m.put("conversionRate", conversionRate);
        m.put("resolutionRate", resolutionRate);
        m.put("satisfaction", satisfaction);
        m.put("violationsPer100", violationsPer100);
        m.put("forbiddenPer100", forbiddenPer100);
        m.put("politenessScore", politenessScore);
        m.put("rulesScore", rulesScore);
        m.put("quizScore", quizScore);
        return m;
    }
}
