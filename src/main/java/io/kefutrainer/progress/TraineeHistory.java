package io.kefutrainer.progress;

import io.vertx.core.Future;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** What a trainee has done: ended sessions with their KPI facts, platform rules broken, exams sat. */
public interface TraineeHistory {

    /** A trainee's ended sessions with their KPI facts, newest first. */
    Future<List<SessionFacts>> sessions(long userId, OffsetDateTime from, OffsetDateTime to, int limit);

    /** The KPI facts of one ended session, if it ended. */
    Future<Optional<SessionFacts>> session(UUID id);

    /** Platform rules the trainee's replies broke in their last `sessions` ended sessions: rule id -> times. */
    Future<Map<String, Long>> violatedRules(long userId, int sessions);

    /** Per trainee: whether the given exam was ever passed, and the mean percent of all submitted attempts. */
    Future<Map<Long, ExamFacts>> examResults(List<Long> userIds, String examId);
}
