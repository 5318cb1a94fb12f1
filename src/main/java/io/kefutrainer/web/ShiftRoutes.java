package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.kefutrainer.content.LiveContent;
import io.kefutrainer.practice.SessionRow;
import io.kefutrainer.practice.ShiftPlan;
import io.kefutrainer.practice.ShiftRow;
import io.kefutrainer.practice.ShiftService;
import io.kefutrainer.practice.ShiftSession;
import io.kefutrainer.progress.ShiftGrade;
import io.kefutrainer.scoring.KpiTargets;
import io.kefutrainer.store.CohortStore;
import io.kefutrainer.store.ShiftStore;
import io.kefutrainer.typing.TypingContent;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Shift mode (班次模拟): start a timed shift, follow its buyers, hand it over, read its report; and the /train/shift
 * page. Each buyer is an ordinary session, played through the session API. Who sees a shift: its trainee,
 * trainers and managers of the trainee's cohorts, admins; anyone else gets 404.
 */
final class ShiftRoutes {
    private final Pages pages;
    private final ShiftService service;
    private final ShiftStore store;
    private final CohortStore cohorts;
    private final LiveContent content;

    ShiftRoutes(Pages pages, ShiftService service, ShiftStore store, CohortStore cohorts, LiveContent content) {
        this.pages = pages;
        this.service = service;
        this.store = store;
        this.cohorts = cohorts;
        this.content = content;
    }

    void register(RouteTable table) {
        table.page(HttpMethod.GET, "/train/shift", WorkbenchRoutes.TRAINEES, this::page);
        table.api(HttpMethod.POST, "/api/shifts", PracticeRoutes.PLAYERS, this::start);
        table.api(HttpMethod.GET, "/api/shifts", PracticeRoutes.PLAYERS, this::mine);
        table.api(HttpMethod.GET, "/api/shifts/:id", RouteTable.SIGNED_IN, this::view);
        table.api(HttpMethod.POST, "/api/shifts/:id/end", PracticeRoutes.PLAYERS, this::handOver);
        table.api(HttpMethod.GET, "/api/shifts/:id/report", RouteTable.SIGNED_IN, this::report);
    }

    private void page(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        Map<String, Object> model = new HashMap<>();
        model.put("title", "班次模拟");
        model.put("userKey", user.username());
        model.put("maxPhrases", TypingContent.MAX_PHRASES);
        model.put("maxPhraseChars", TypingContent.MAX_PHRASE_CHARS);
        model.put("defaultMinutes", ShiftPlan.DEFAULT_MINUTES);
        model.put("minMinutes", ShiftPlan.MIN_MINUTES);
        model.put("maxMinutes", ShiftPlan.MAX_MINUTES);
        pages.render(ctx, "shift", model);
    }

    private void start(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        JsonObject body = ctx.body() == null || ctx.body().length() == 0 ? new JsonObject() : JsonBodies.object(ctx);
        Integer minutes = null;
        Object m = body.getValue("minutes");
        if (m != null) {
            if (!(m instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                    || n.doubleValue() < ShiftPlan.MIN_MINUTES || n.doubleValue() > ShiftPlan.MAX_MINUTES) {
                throw HttpError.badRequest("minutes must be a whole number from " + ShiftPlan.MIN_MINUTES + " to "
                        + ShiftPlan.MAX_MINUTES, "minutes");
            }
            minutes = ((Number) m).intValue();
        }
        Long seed = null;
        Object s = body.getValue("seed");
        if (s != null) {
            if (!(s instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw HttpError.badRequest("seed must be an integer", "seed");
            }
            seed = ((Number) s).longValue();
        }
        SessionRow.Mode mode = SessionRow.Mode.practice;
        Object modeValue = body.getValue("mode");
        if (modeValue != null) {
            if (!(modeValue instanceof String v) || !(v.equals("practice") || v.equals("exam"))) {
                throw HttpError.badRequest("mode must be \"practice\" or \"exam\"", "mode");
            }
            mode = SessionRow.Mode.valueOf((String) modeValue);
        }
        boolean surge = false;
        Object surgeValue = body.getValue("surge");
        if (surgeValue != null) {
            if (!(surgeValue instanceof Boolean b)) throw HttpError.badRequest("surge must be true or false", "surge");
            surge = b;
        }
        service.start(user.id(), minutes, seed, mode, surge)
                .onSuccess(state -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json; charset=utf-8")
                        .putHeader("Location", "/api/shifts/" + state.shift().id())
                        .end(stateJson(state).encode()))
                .onFailure(ctx::fail);
    }

    private void mine(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        service.mine(user.id()).onSuccess(list -> {
            JsonArray array = new JsonArray();
            list.forEach(s -> array.add(shiftJson(s)));
            json(ctx, array.encode());
        }).onFailure(ctx::fail);
    }

    private void view(RoutingContext ctx) {
        visible(ctx).compose(id -> service.state(id))
                .onSuccess(state -> json(ctx, stateJson(state).encode()))
                .onFailure(ctx::fail);
    }

    private void handOver(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        service.handOver(user.id(), shiftId(ctx))
                .onSuccess(state -> json(ctx, stateJson(state).encode()))
                .onFailure(ctx::fail);
    }

    /** The shift's KPIs, outcomes and per-buyer facts, graded against kpi.yaml; 409 until the shift has ended. */
    private void report(RoutingContext ctx) {
        KpiTargets targets = content.kpi();
        visible(ctx).compose(id -> store.shift(id)).compose(found -> {
            ShiftRow shift = found.orElseThrow(() -> new HttpError(404, "no such shift"));
            if (!shift.ended()) {
                return Future.failedFuture(new HttpError(409, "the shift has not ended yet: its report comes at the end"));
            }
            var figures = store.figures(shift.id(), targets.preSales(), targets.afterSales());
            var facts = store.facts(shift.id());
            return Future.all(figures, facts).map(x -> {
                ShiftStore.Figures f = figures.result();
                ShiftGrade grade = ShiftGrade.judge(targets, f.kpis());
                JsonArray checks = new JsonArray();
                grade.checks().forEach(c -> checks.add(JsonObject.mapFrom(c)));
                JsonArray conversations = new JsonArray();
                facts.result().forEach(s -> conversations.add(KpiJson.sessionJson(s)));
                var counts = f.kpis().counts();
                return shiftJson(shift)
                        .put("passed", grade.passed())
                        .put("sessions", f.kpis().sessions())
                        .put("kpis", KpiJson.kpisJson(f.kpis()))
                        .put("outcomes", new JsonObject().put("converted", counts.converted()).put("resolved", counts.resolved())
                                .put("escalated", f.escalated()).put("lost", f.lost()).put("unfinished", f.unfinished()))
                        .put("unanswered", f.unanswered())
                        .put("avgTotal", f.avgTotal())
                        .put("sessionsPassed", f.sessionsPassed())
                        .put("targets", checks)
                        .put("conversations", conversations);
            });
        }).onSuccess(json -> json(ctx, json.encode())).onFailure(ctx::fail);
    }

    // ---- access

    /** The shift id of the path, if the caller may see that shift (else 404, as for a shift that does not exist). */
    private Future<UUID> visible(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        UUID id = shiftId(ctx);
        return store.shift(id).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new HttpError(404, "no such shift"));
            }
            long owner = found.get().userId();
            Future<Boolean> ok;
            if (owner == user.id() || user.role() == Role.admin) {
                ok = Future.succeededFuture(true);
            } else if (user.role() == Role.trainer || user.role() == Role.manager) {
                ok = cohorts.sharesCohort(user.id(), owner);
            } else {
                ok = Future.succeededFuture(false);
            }
            return ok.compose(yes -> yes ? Future.succeededFuture(id) : Future.failedFuture(new HttpError(404, "no such shift")));
        });
    }

    // ---- JSON

    static JsonObject shiftJson(ShiftRow s) {
        JsonObject json = new JsonObject().put("id", s.id().toString()).put("minutes", s.minutes()).put("seed", s.seed())
                .put("mode", s.mode().name()).put("level", s.level()).put("surge", s.surge())
                .put("startedAt", PracticeJson.time(s.startedAt())).put("endsAt", PracticeJson.time(s.endsAt()))
                .put("ended", s.ended()).put("planned", s.plan().arrivals().size());
        if (s.ended()) {
            json.put("endedAt", PracticeJson.time(s.endedAt()));
        }
        return json;
    }

    static JsonObject stateJson(ShiftService.State state) {
        ShiftRow s = state.shift();
        Instant now = Instant.now();
        long elapsed = ChronoUnit.MILLIS.between(s.startedAt().toInstant(), now);
        long queued = s.ended() ? 0 : s.plan().arrivals().stream()
                .filter(a -> a.no() >= state.sessions().size() && a.atMs() <= elapsed).count();
        JsonArray sessions = new JsonArray();
        for (ShiftSession x : state.sessions()) {
            JsonObject j = new JsonObject().put("id", x.id().toString()).put("arrival", x.arrival())
                    .put("scenarioId", x.scenarioId()).put("title", x.title()).put("category", x.category())
                    .put("difficulty", x.difficulty()).put("state", x.ended() ? "ended" : "active")
                    .put("startedAt", PracticeJson.time(x.startedAt()));
            if (x.ended()) {
                j.put("endedAt", PracticeJson.time(x.endedAt())).put("outcome", x.outcome());
            }
            if (x.lastAt() != null) {
                j.put("lastMessage", new JsonObject().put("from", x.lastFrom()).put("text", x.lastText())
                        .put("at", PracticeJson.time(x.lastAt())));
            }
            if (x.waitingSince() != null && !x.ended()) {
                j.put("waitingSince", PracticeJson.time(x.waitingSince()))
                        .put("waitingS", Math.max(0, ChronoUnit.SECONDS.between(x.waitingSince().toInstant(), now)));
            }
            sessions.add(j);
        }
        return shiftJson(s)
                .put("now", now.toString())
                .put("remainingMs", s.ended() ? 0 : Math.max(0, ChronoUnit.MILLIS.between(now, s.endsAt().toInstant())))
                .put("open", state.open())
                .put("queued", queued)
                .put("sessions", sessions);
    }

    private static UUID shiftId(RoutingContext ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new HttpError(404, "no such shift");
        }
    }

    private static void json(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").putHeader("Cache-Control", "no-store").end(body);
    }

}
