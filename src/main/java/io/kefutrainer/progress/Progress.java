package io.kefutrainer.progress;

import io.kefutrainer.account.Cohort;
import io.kefutrainer.account.User;
import io.kefutrainer.scoring.KpiTargets;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Trainee and cohort reports: KPIs for a period, readiness over the last N sessions, trends, recent sessions. */
public final class Progress {

    public record TraineeRow(User trainee, Kpis kpis, Readiness readiness) {
    }

    public record CohortReport(Cohort cohort, Period period, KpiTargets targets, List<TraineeRow> trainees, Kpis total,
                               Map<String, Kpis> trend) {
    }

    public record TraineeReport(User trainee, Period period, KpiTargets targets, Kpis kpis, Readiness readiness,
                                Map<String, Kpis> byCategory, Map<String, Kpis> trend, List<SessionFacts> recent) {
    }

    public static final int RECENT_SESSIONS = 20;

    private final KpiSource source;
    private final TraineeHistory history;
    private final Supplier<KpiTargets> targets;

    public Progress(KpiSource source, TraineeHistory history, Supplier<KpiTargets> targets) {
        this.source = source;
        this.history = history;
        this.targets = targets;
    }

    public KpiTargets targets() {
        return targets.get();
    }

    public Future<CohortReport> cohort(Cohort cohort, List<User> trainees, Period period) {
        KpiTargets t = targets.get();
        List<Long> ids = trainees.stream().map(User::id).toList();
        // per trainee, in all and per day: one scan of the day roll-up
        Future<Map<KpiQuery.GroupBy, Map<String, Kpis>>> grouped = source.kpis(query(ids, period, null, KpiQuery.GroupBy.all, t),
                EnumSet.of(KpiQuery.GroupBy.trainee, KpiQuery.GroupBy.all, KpiQuery.GroupBy.day));
        Future<Map<String, Kpis>> perTrainee = grouped.map(g -> g.get(KpiQuery.GroupBy.trainee));
        Future<Map<String, Kpis>> windows = source.kpis(query(ids, Period.ALL, t.lastSessions(), KpiQuery.GroupBy.trainee, t));
        Future<Map<String, Kpis>> total = grouped.map(g -> g.get(KpiQuery.GroupBy.all));
        Future<Map<String, Kpis>> trend = grouped.map(g -> g.get(KpiQuery.GroupBy.day));
        Future<Map<Long, ExamFacts>> exams = history.examResults(ids, t.readinessExam());
        return Future.all(List.of(perTrainee, windows, total, trend, exams)).map(x -> {
            List<TraineeRow> rows = new ArrayList<>();
            for (User u : trainees) {
                String key = String.valueOf(u.id());
                ExamFacts facts = exams.result().get(u.id());
                Kpis window = withQuiz(windows.result().getOrDefault(key, Kpis.NONE), facts);
                rows.add(new TraineeRow(u, withQuiz(perTrainee.result().getOrDefault(key, Kpis.NONE), facts),
                        Readiness.judge(t, window, exam(t, facts))));
            }
            return new CohortReport(cohort, period, t, rows, total.result().getOrDefault("all", Kpis.NONE), trend.result());
        });
    }

    /** The KPIs of a whole cohort over the period (the cohort comparison of 团队看板). */
    public Future<Kpis> cohortTotal(List<User> trainees, Period period) {
        KpiTargets t = targets.get();
        List<Long> ids = trainees.stream().map(User::id).toList();
        return source.kpis(query(ids, period, null, KpiQuery.GroupBy.all, t)).map(m -> m.getOrDefault("all", Kpis.NONE));
    }

    public Future<TraineeReport> trainee(User trainee, Period period) {
        KpiTargets t = targets.get();
        List<Long> ids = List.of(trainee.id());
        Future<Map<KpiQuery.GroupBy, Map<String, Kpis>>> grouped = source.kpis(query(ids, period, null, KpiQuery.GroupBy.all, t),
                EnumSet.of(KpiQuery.GroupBy.all, KpiQuery.GroupBy.day));
        Future<Map<String, Kpis>> all = grouped.map(g -> g.get(KpiQuery.GroupBy.all));
        Future<Map<String, Kpis>> window = source.kpis(query(ids, Period.ALL, t.lastSessions(), KpiQuery.GroupBy.all, t));
        Future<Map<String, Kpis>> byCategory = source.kpis(query(ids, period, null, KpiQuery.GroupBy.category, t));
        Future<Map<String, Kpis>> trend = grouped.map(g -> g.get(KpiQuery.GroupBy.day));
        Future<List<SessionFacts>> recent = history.sessions(trainee.id(), period.start(), period.end(), RECENT_SESSIONS);
        Future<Map<Long, ExamFacts>> exams = history.examResults(ids, t.readinessExam());
        return Future.all(List.of(all, window, byCategory, trend, recent, exams)).map(x -> {
            ExamFacts facts = exams.result().get(trainee.id());
            return new TraineeReport(trainee, period, t,
                    withQuiz(all.result().getOrDefault("all", Kpis.NONE), facts),
                    Readiness.judge(t, withQuiz(window.result().getOrDefault("all", Kpis.NONE), facts), exam(t, facts)),
                    byCategory.result(), trend.result(), recent.result());
        });
    }

    private static Kpis withQuiz(Kpis kpis, ExamFacts facts) {
        return facts == null ? kpis : kpis.withQuizScore(facts.quizScore());
    }

    /** The 岗前考试 named in kpi.yaml (readiness_exam): passed in any submitted attempt, or not (yet). */
    private static Readiness.Exam exam(KpiTargets targets, ExamFacts facts) {
        if (targets.readinessExam() == null) {
            return Readiness.Exam.unavailable();
        }
        boolean passed = facts != null && facts.passed();
        return new Readiness.Exam(true, passed, passed ? "已通过岗前考试" : "尚未通过岗前考试");
    }

    private static KpiQuery query(List<Long> ids, Period period, Integer lastN, KpiQuery.GroupBy groupBy, KpiTargets t) {
        return new KpiQuery(ids, period.start(), period.end(), null, null, lastN, groupBy, t.preSales(), t.afterSales());
    }
}
