package io.kefutrainer.progress;

import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.kefutrainer.content.ScoringFiles;
import io.kefutrainer.scoring.KpiTargets;
import io.vertx.core.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Progress through its two ports (KpiSource, TraineeHistory) with in-memory fakes: no database. What a manager reads
 * on 团队看板 depends on two windows that must not be mixed up: the figures of the chosen period, and readiness over
 * the trainee's last sessions (kpi.yaml's last_sessions), plus the 岗前考试.
 */
@DisplayName("Progress with in-memory KPI source and history: the period's figures vs readiness over the last sessions")
class ProgressWithFakesTest {
    private static final KpiTargets TARGETS = ScoringFiles.kpi(Path.of("scenarios/kpi.yaml"));
    private static final User TRAINEE = new User(7, "trainee7", "小七", Role.trainee, false, OffsetDateTime.now());

    /** A trainee who meets every target of kpi.yaml (values chosen on the right side of each). */
    private static Kpis good(long sessions) {
        return new Kpis(sessions, 10.0, 20.0, 100.0, 80.0, 1.0, 80.0, 95.0, 4.8, 0.0, 0.0, 95.0, 95.0, null, Kpis.NONE.counts());
    }

    /** Weak on speed and violations. */
    private static Kpis weak(long sessions) {
        return new Kpis(sessions, 60.0, 90.0, 50.0, 30.0, 0.5, 10.0, 20.0, 2.0, 8.0, 5.0, 60.0, 40.0, null, Kpis.NONE.counts());
    }

    /** Answers the last-N query (readiness) with `window`, any other query with `period`; remembers the queries. */
    private static final class FakeKpis implements KpiSource {
        final List<KpiQuery> asked = new ArrayList<>();
        final Kpis period;
        final Kpis window;

        FakeKpis(Kpis period, Kpis window) {
            this.period = period;
            this.window = window;
        }

        @Override
        public Future<Map<String, Kpis>> kpis(KpiQuery q) {
            asked.add(q);
            return Future.succeededFuture(Map.of("all", q.lastN() != null ? window : period));
        }

        @Override
        public Future<Map<KpiQuery.GroupBy, Map<String, Kpis>>> kpis(KpiQuery q, Set<KpiQuery.GroupBy> groupings) {
            asked.add(q);
            return Future.succeededFuture(Map.of(KpiQuery.GroupBy.all, Map.of("all", period), KpiQuery.GroupBy.day, Map.of()));
        }
    }

    private record FakeHistory(ExamFacts exam) implements TraineeHistory {
        @Override
        public Future<List<SessionFacts>> sessions(long userId, OffsetDateTime from, OffsetDateTime to, int limit) {
            return Future.succeededFuture(List.of());
        }

        @Override
        public Future<Optional<SessionFacts>> session(UUID id) {
            return Future.succeededFuture(Optional.empty());
        }

        @Override
        public Future<Map<String, Long>> violatedRules(long userId, int sessions) {
            return Future.succeededFuture(Map.of());
        }

        @Override
        public Future<Map<Long, ExamFacts>> examResults(List<Long> userIds, String examId) {
            return Future.succeededFuture(exam == null ? Map.of() : Map.of(TRAINEE.id(), exam));
        }
    }

    private static Progress.TraineeReport report(FakeKpis kpis, ExamFacts exam) throws Exception {
        Progress progress = new Progress(kpis, new FakeHistory(exam), () -> TARGETS);
        return progress.trainee(TRAINEE, new Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30)))
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("a weak month but strong last sessions and a passed 岗前考试: ready; the month's figures still show the weak month")
    void readinessReadsTheLastSessionsNotThePeriod() throws Exception {
        FakeKpis kpis = new FakeKpis(weak(40), good(TARGETS.lastSessions()));
        Progress.TraineeReport r = report(kpis, new ExamFacts(true, 92.0));
        assertTrue(r.readiness().ready(), r.readiness().unmet().toString());
        assertEquals(60.0, r.kpis().firstResponseS(), "the period's own figure");
        assertEquals(92.0, r.kpis().quizScore(), "the quiz score comes from the exam attempts");
        assertTrue(kpis.asked.stream().anyMatch(q -> Integer.valueOf(TARGETS.lastSessions()).equals(q.lastN()) && q.from() == null),
                "readiness asks for the last " + TARGETS.lastSessions() + " sessions of all time: " + kpis.asked);
    }

    @Test
    @DisplayName("the same strong sessions without the 岗前考试: not ready, and the one unmet item is the exam")
    void theExamIsPartOfReadiness() throws Exception {
        Progress.TraineeReport r = report(new FakeKpis(good(40), good(TARGETS.lastSessions())), null);
        assertFalse(r.readiness().ready());
        assertEquals(List.of(Readiness.EXAM_KEY), r.readiness().unmet().stream().map(Readiness.Unmet::key).toList());
        assertNull(r.kpis().quizScore(), "no exam sat: no quiz score, not 0");
    }

    @Test
    @DisplayName("a strong month but weak last sessions: not ready, and the unmet items name the weak KPIs")
    void weakRecentSessionsAreNotReady() throws Exception {
        Progress.TraineeReport r = report(new FakeKpis(good(40), weak(TARGETS.lastSessions())), new ExamFacts(true, 90.0));
        assertFalse(r.readiness().ready());
        List<String> unmet = r.readiness().unmet().stream().map(Readiness.Unmet::key).toList();
        assertTrue(unmet.contains("violations_per_100") && unmet.contains("first_response_s"), unmet.toString());
    }
}
