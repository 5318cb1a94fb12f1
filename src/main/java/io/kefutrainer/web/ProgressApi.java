package io.kefutrainer.web;

import io.kefutrainer.account.Cohort;
import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.kefutrainer.progress.KpiCsv;
import io.kefutrainer.progress.Period;
import io.kefutrainer.progress.Progress;
import io.kefutrainer.store.CohortStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** The KPI API: the caller's cohorts, a cohort's KPIs (JSON and CSV), a trainee's KPIs. */
final class ProgressApi {
    private final Progress progress;
    private final ProgressAccess access;
    private final CohortStore cohorts;

    ProgressApi(Progress progress, ProgressAccess access, CohortStore cohorts) {
        this.progress = progress;
        this.access = access;
        this.cohorts = cohorts;
    }

    void myCohorts(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        Future<List<Cohort>> list = user.role() == Role.admin ? cohorts.list() : cohorts.forMember(user.id());
        list.onSuccess(all -> {
            JsonArray array = new JsonArray();
            all.forEach(c -> array.add(new JsonObject().put("id", c.id()).put("name", c.name())
                    .put("description", c.description()).put("trainees", c.trainees())));
            json(ctx, array.encode());
        }).onFailure(ctx::fail);
    }

    void cohortKpis(RoutingContext ctx) {
        Period period = ProgressAccess.period(ctx);
        access.cohortReport(ctx, period).onSuccess(report -> json(ctx, KpiJson.cohortJson(report).encode())).onFailure(ctx::fail);
    }

    void cohortCsv(RoutingContext ctx) {
        Period period = ProgressAccess.period(ctx);
        access.cohortReport(ctx, period).onSuccess(report -> {
            String name = "kpi-cohort-" + report.cohort().id() + ".csv";
            ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                    .putHeader("Cache-Control", "no-store")
                    .end(KpiCsv.write(report));
        }).onFailure(ctx::fail);
    }

    void traineeKpis(RoutingContext ctx) {
        Period period = ProgressAccess.period(ctx);
        access.visibleTrainee(ctx).compose(trainee -> progress.trainee(trainee, period))
                .onSuccess(report -> json(ctx, KpiJson.traineeJson(report).encode()))
                .onFailure(ctx::fail);
    }

    private static void json(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }
}
