package io.kefutrainer.appeals;

import io.vertx.core.Future;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Where appeals, their decisions and the calibration labels are kept (store.AppealStore). */
public interface AppealLog {

    /** A trainee reply as stored: its number and the scorer's annotations (JSON text). */
    record StoredReply(int seq, String annotationsJson) {
    }

    /** Computes an ended session's new grade (JSON) from its replies and every overruled target. */
    interface Regrade {
        String scorecard(String outcome, Integer satisfaction, List<StoredReply> replies, Map<Integer, Set<String>> overruled);
    }

    /** Appeals of some trainees counted by trainee, by rule or lexicon entry (the verdict counts as "verdict"), and status. */
    record Count(long userId, String key, String status, long count) {
    }

    /** A reply in the calibration set: a decided appeal was made on it, or a trainer labelled it directly. */
    record CalibrationRow(UUID sessionId, int seq, String text, String annotationsJson, boolean first, List<String> buyer,
                          Set<String> overruled, List<String> keys, String labelVerdict, List<String> labelViolations) {
    }

    /** Files an appeal; a second appeal for the same target is a Problem of kind conflict. */
    Future<Long> insert(UUID sessionId, int replySeq, String target, long userId, String reason, String findingJson,
                        long contentVersion);

    /**
     * @param traineeId only this trainee's appeals, or null
     * @param staffId   only appeals of trainees in the cohorts this trainer or manager belongs to, or null
     * @param status    open / accepted / rejected, or null for all
     * @param ruleOrEntry only appeals on this rule or lexicon entry, or null
     */
    Future<List<AppealRow>> list(Long traineeId, Long staffId, String status, String ruleOrEntry, int limit);

    Future<Optional<AppealRow>> byId(long id);

    /** The appeals of one session (any status), for the scorecard and transcript views. */
    Future<List<AppealRow>> forSession(UUID sessionId);

    /** Reply seq -> the targets overruled by accepted appeals. */
    Future<Map<Integer, Set<String>>> overruled(UUID sessionId);

    /**
     * Decides an open appeal. Accepting re-grades the session with `regrade` in the same transaction, so the
     * decision and the new grade are stored together. A decided appeal, or accepting while the session still
     * runs, is a Problem of kind conflict.
     */
    Future<Void> decide(long id, long deciderId, boolean accept, String comment, Regrade regrade);

    /** Decided appeals the trainee has not been shown in 我的进步 yet; showing them marks them seen. */
    Future<List<AppealRow>> takeUnseenDecisions(long traineeId);

    Future<List<Count>> counts(List<Long> traineeIds);

    /** @param staffId only replies of trainees in this trainer's cohorts, or null for all (admin) */
    Future<List<CalibrationRow>> calibrationRows(Long staffId);

    /** A trainer's own label for a reply (replaces an earlier one); the reply must be a trainee's scored reply. */
    Future<Void> label(UUID sessionId, int seq, String verdict, List<String> violations, long trainerId);
}
