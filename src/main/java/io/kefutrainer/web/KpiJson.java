package io.kefutrainer.web;

import io.kefutrainer.progress.Kpis;
import io.kefutrainer.progress.Period;
import io.kefutrainer.progress.Progress;
import io.kefutrainer.progress.Readiness;
import io.kefutrainer.progress.SessionFacts;
import io.kefutrainer.scoring.KpiTargets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Map;

/** The KPI API's JSON: cohort and trainee reports, one session's KPI facts, a set of KPIs with their counts. */
final class KpiJson {
    private KpiJson() {
    }

    static JsonObject cohortJson(Progress.CohortReport r) {
        JsonArray trainees = new JsonArray();
        for (Progress.TraineeRow row : r.trainees()) {
            trainees.add(kpisJson(row.kpis()).put("id", row.trainee().id()).put("name", row.trainee().displayName())
                    .put("username", row.trainee().username()).put("readiness", readinessJson(row.readiness())));
        }
        return new JsonObject()
                .put("cohort", new JsonObject().put("id", r.cohort().id()).put("name", r.cohort().name()))
                .put("period", periodJson(r.period()))
                .put("targets", targetsJson(r.targets()))
                .put("trainees", trainees)
                .put("total", kpisJson(r.total()))
                .put("trend", trendJson(r.trend()));
    }

    static JsonObject traineeJson(Progress.TraineeReport r) {
        JsonObject byCategory = new JsonObject();
        r.byCategory().forEach((k, v) -> byCategory.put(k, kpisJson(v)));
        JsonArray sessions = new JsonArray();
        r.recent().forEach(s -> sessions.add(sessionJson(s)));
        return kpisJson(r.kpis())
                .put("id", r.trainee().id()).put("name", r.trainee().displayName()).put("username", r.trainee().username())
                .put("period", periodJson(r.period()))
                .put("targets", targetsJson(r.targets()))
                .put("readiness", readinessJson(r.readiness()))
                .put("byCategory", byCategory)
                .put("trend", trendJson(r.trend()))
                .put("recentSessions", sessions);
    }

    /** One session's KPI facts: what the trainee's numbers add up, with the transcript to check them against. */
    static JsonObject sessionJson(SessionFacts s) {
        return new JsonObject().put("id", s.id().toString()).put("scenarioId", s.scenarioId()).put("title", s.title())
                .put("category", s.category()).put("mode", s.mode())
                .put("startedAt", PracticeJson.time(s.startedAt())).put("endedAt", PracticeJson.time(s.endedAt()))
                .put("outcome", s.outcome()).put("satisfaction", s.satisfaction()).put("politeness", s.politeness())
                .put("rules", s.rules()).put("total", s.total()).put("passed", s.passed()).put("tier", s.tier())
                .put("rounds", s.rounds()).put("answeredRounds", s.answered()).put("roundsIn3m", s.in3m())
                .put("responseSSum", s.responseSSum()).put("firstResponseS", s.firstResponseS())
                .put("buyerMessages", s.buyerMessages()).put("replies", s.replies()).put("violations", s.violations())
                .put("forbidden", s.forbidden()).put("typedCpm", new JsonArray(new ArrayList<>(s.typedCpm())));
    }

    static JsonObject kpisJson(Kpis k) {
        JsonObject json = new JsonObject().put("sessions", k.sessions());
        k.values().forEach(json::put);
        return json.put("counts", JsonObject.mapFrom(k.counts()));
    }

    private static JsonObject readinessJson(Readiness r) {
        return JsonObject.mapFrom(r);
    }

    private static JsonObject periodJson(Period p) {
        return new JsonObject().put("from", p.from() == null ? null : p.from().toString())
                .put("to", p.to() == null ? null : p.to().toString());
    }

    static JsonObject targetsJson(KpiTargets t) {
        JsonObject json = new JsonObject();
        t.targets().forEach((key, target) -> json.put(key, new JsonObject().put("kpi", Readiness.KPI_OF_KEY.get(key))
                .put("label", target.label()).put("unit", target.unit()).put("min", target.min()).put("max", target.max())));
        return json;
    }

    private static JsonArray trendJson(Map<String, Kpis> trend) {
        JsonArray array = new JsonArray();
        trend.forEach((day, k) -> array.add(kpisJson(k).put("day", day)));
        return array;
    }
}
