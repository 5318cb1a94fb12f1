package io.kefutrainer.progress;

import io.kefutrainer.account.Cohort;
import io.kefutrainer.account.User;
import io.kefutrainer.scoring.KpiTargets;
import io.kefutrainer.store.ProgressStore;
import io.vertx.core.Future;

import java.util.ArrayList;
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

    private final ProgressStore store;
    private final Supplier<KpiTargets> targets;

    public Progress(ProgressStore store, Supplier<KpiTargets> targets) {
        this.store = store;
        this.targets = targets;
    }

    public KpiTargets targets() {
        return targets.get();
    }

    public Future<CohortReport> cohort(Cohort cohort, List<User> trainees, Period period) {
        KpiTargets t = targets.get();
        List<Long> ids = trainees.stream().map(User::id).toList();
        Future<Map<String, Kpis>> perTrainee = store.kpis(query(ids, period, null, KpiQuery.GroupBy.trainee, t));
        Future<Map<String, Kpis>> windows = store.kpis(query(ids, Period.ALL, t.lastSessions(), KpiQuery.GroupBy.trainee, t));
        Future<Map<String, Kpis>> total = store.kpis(query(ids, period, null, KpiQuery.GroupBy.all, t));
        Future<Map<String, Kpis>> trend = store.kpis(query(ids, period, null, KpiQuery.GroupBy.day, t));
        return Future.all(perTrainee, windows, total, trend).map(x -> {
            List<TraineeRow> rows = new ArrayList<>();
            for (User u : trainees) {
                String key = String.valueOf(u.id());
                Kpis window = windows.result().getOrDefault(key, Kpis.NONE);
                rows.add(new TraineeRow(u, perTrainee.result().getOrDefault(key, Kpis.NONE),
                        Readiness.judge(t, window, exam(u))));
            }
            return new CohortReport(cohort, period, t, rows, total.result().getOrDefault("all", Kpis.NONE), trend.result());
        });
    }

    public Future<TraineeReport> trainee(User trainee, Period period) {
        KpiTargets t = targets.get();
        List<Long> ids = List.of(trainee.id());
        Future<Map<String, Kpis>> all = store.kpis(query(ids, period, null, KpiQuery.GroupBy.all, t));
        Future<Map<String, Kpis>> window = store.kpis(query(ids, Period.ALL, t.lastSessions(), KpiQuery.GroupBy.all, t));
        Future<Map<String, Kpis>> byCategory = store.kpis(query(ids, period, null, KpiQuery.GroupBy.category, t));
        Future<Map<String, Kpis>> trend = store.kpis(query(ids, period, null, KpiQuery.GroupBy.day, t));
        Future<List<SessionFacts>> recent = store.sessions(trainee.id(), period.start(), period.end(), RECENT_SESSIONS);
        return Future.all(List.of(all, window, byCategory, trend, recent)).map(x -> new TraineeReport(trainee, period, t,
                all.result().getOrDefault("all", Kpis.NONE),
                Readiness.judge(t, window.result().getOrDefault("all", Kpis.NONE), exam(trainee)),
                byCategory.result(), trend.result(), recent.result()));
    }

    /** Quiz and exam results are not stored yet (issue [D]); readiness says so instead of guessing. */
    private static Readiness.Exam exam(User trainee) {
        return Readiness.Exam.unavailable();
    }

    private static KpiQuery query(List<Long> ids, Period period, Integer lastN, KpiQuery.GroupBy groupBy, KpiTargets t) {
        return new KpiQuery(ids, period.start(), period.end(), null, null, lastN, groupBy, t.preSales(), t.afterSales());
    }
}
