package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.kefutrainer.appeals.AppealRow;
import io.kefutrainer.appeals.AppealService;
import io.kefutrainer.practice.AnnotationsJson;
import io.kefutrainer.practice.PracticeService;
import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.practice.SessionRow;
import io.kefutrainer.practice.PracticeSessions;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.SessionResult;
import io.kefutrainer.scoring.TypingMetrics;
import io.kefutrainer.store.DatabaseFailure;
import io.kefutrainer.store.PracticeStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The session API (scripts, load tests, the workbench): start a conversation, send replies, read it back,
 * and follow it live over Server-Sent Events ({@link SessionStream}). The server is the clock: buyer messages
 * carry the time they are shown, after the buyer's typing delay.
 */
final class PracticeRoutes {
    static final Set<Role> PLAYERS = RouteTable.roles(Role.trainee, Role.trainer, Role.admin);

    private final PracticeService service;
    private final SessionStream stream;
    private final PracticeStore store;
    private final AppealService appeals;
    private final java.util.function.Supplier<io.kefutrainer.scoring.SessionRubric> rubric;

    PracticeRoutes(Vertx vertx, PracticeService service, PracticeStore store, AppealService appeals,
                   java.util.function.Supplier<io.kefutrainer.scoring.SessionRubric> rubric) {
        this.rubric = rubric;
        this.service = service;
        this.stream = new SessionStream(vertx, service);
        this.store = store;
        this.appeals = appeals;
    }

    void register(RouteTable table) {
        table.api(HttpMethod.POST, "/api/sessions", PLAYERS, this::start);
        table.api(HttpMethod.GET, "/api/sessions", PLAYERS, this::mine);
        table.api(HttpMethod.GET, "/api/sessions/:id", PLAYERS, this::view);
        table.api(HttpMethod.POST, "/api/sessions/:id/replies", PLAYERS, this::reply);
        table.api(HttpMethod.GET, "/api/sessions/:id/events", PLAYERS, this::events);
        table.api(HttpMethod.GET, "/api/sessions/:id/scorecard", PLAYERS, this::scorecard);
    }

    private void start(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        JsonObject body = JsonBodies.object(ctx);
        String scenario = JsonBodies.string(body, "scenario", 200);
        SessionRow.Mode mode = SessionRow.Mode.practice;
        Object modeValue = body.getValue("mode");
        if (modeValue != null) {
            if (!(modeValue instanceof String m) || !(m.equals("practice") || m.equals("exam"))) {
                throw HttpError.badRequest("mode must be \"practice\" or \"exam\"", "mode");
            }
            mode = SessionRow.Mode.valueOf((String) modeValue);
        }
        Long seed = null;
        Object seedValue = body.getValue("seed");
        if (seedValue != null) {
            if (!(seedValue instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw HttpError.badRequest("seed must be an integer", "seed");
            }
            seed = ((Number) seedValue).longValue();
        }
        service.start(user.id(), scenario, mode, seed).onSuccess(started -> {
            ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(new JsonObject()
                            .put("id", started.session().id().toString())
                            .put("messages", PracticeJson.messages(started.messages(), false))
                            .put("state", PracticeJson.state(started.session(), started.state().step(), started.state().mood().name()))
                            .encode());
        }).onFailure(ctx::fail);
    }

    private void mine(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        store.forUser(user.id(), 200).onSuccess(rows -> {
            JsonArray array = new JsonArray();
            for (SessionRow r : rows) {
                array.add(PracticeJson.summary(r));
            }
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(array.encode());
        }).onFailure(ctx::fail);
    }

    private void view(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        UUID id = sessionId(ctx);
        service.view(user.id(), id, false).compose(view -> appeals.forSession(id).map(list -> {
            boolean showFindings = view.session().mode() == SessionRow.Mode.practice || view.session().ended();
            JsonObject json = PracticeJson.summary(view.session())
                    .put("state", PracticeJson.state(view.session(), view.state().step(), view.state().mood().name(), view.closingUntil()))
                    .put("messages", PracticeJson.messages(view.events(), showFindings, PracticeJson.overruled(list)))
                    .put("appeals", PracticeJson.appealsJson(list));
            view.scenario().ifPresent(s -> json.put("scenario", PracticeJson.scenarioCard(s)));
            if (view.closingUntil() != null && !view.session().ended()) {
                PracticeJson.closing(json, view.closingUntil());
            }
            return json;
        })).onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(json.encode()))
                .onFailure(ctx::fail);
    }

    private void reply(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        UUID id = sessionId(ctx);
        JsonObject body = JsonBodies.object(ctx);
        Object text = body.getValue("text");
        if (!(text instanceof String)) {
            throw HttpError.badRequest("text is required and must be a string", "text");
        }
        Object clientId = body.getValue("clientId");
        if (!(clientId instanceof String)) {
            throw HttpError.badRequest("clientId is required and must be a string", "clientId");
        }
        TypingMetrics metrics = metrics(body.getValue("metrics"));
        service.reply(user.id(), id, (String) text, (String) clientId, metrics)
                // the connection died under the reply (a restarted or cut database): the reply is idempotent by its
                // clientId, so one retry on a fresh connection spares the trainee an error and a resend
                .recover(e -> DatabaseFailure.connectionLost(e)
                        ? service.reply(user.id(), id, (String) text, (String) clientId, metrics)
                        : Future.failedFuture(e))
                .onSuccess(result -> {
            boolean showFindings = result.session().mode() == SessionRow.Mode.practice;
            JsonObject json = new JsonObject()
                    .put("reply", new JsonObject().put("id", result.reply().seq()).put("storedAt", PracticeJson.time(result.reply().at())))
                    .put("messages", PracticeJson.messages(result.messages(), false))
                    .put("ended", result.session().ended());
            if (result.closing()) {
                // the buyer's part is over: one closing reply (结束语) ends the session, or the wait runs out
                PracticeJson.closing(json, result.closingUntil());
            }
            if (result.session().ended()) {
                json.put("outcome", result.session().outcome());
                json.put("satisfaction", result.session().satisfaction());
            }
            String encoded;
            String stored = result.reply().annotationsJson();
            if (result.replayed() && stored != null) {
                stored = AnnotationsJson.presented(stored, Set.of()); // stored before replies carried ids
            }
            if (showFindings && result.annotations() != null && stored != null) {
                // the annotations as stored (the same mapper wrote them): spliced in, not converted and encoded again
                String rest = json.encode();
                encoded = rest.substring(0, rest.length() - 1) + ",\"annotations\":" + stored + "}";
            } else {
                if (showFindings && result.annotations() != null) {
                    json.put("annotations", PracticeJson.annotations(result.annotations()));
                }
                encoded = json.encode();
            }
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(encoded);
        }).onFailure(ctx::fail);
    }

    /** The end-of-session grade: total, pass/fail, tier, per-dimension scores, must-pass failures first, transcript. */
    private void scorecard(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        UUID id = sessionId(ctx);
        service.scorecard(user.id(), id, false)
                .compose(result -> service.view(user.id(), id, false).compose(view -> appeals.forSession(id)
                        .map(list -> PracticeJson.scorecardJson(result, view, PracticeJson.overruled(list)).put("appeals", PracticeJson.appealsJson(list))
                                // so a 未通过 can say why when no must-pass item failed: the total is under this
                                .put("passMark", rubric.get().passMark()))))
                .onSuccess(json -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(json.encode()))
                .onFailure(ctx::fail);
    }

    /** The live channel: see {@link SessionStream}. */
    private void events(RoutingContext ctx) {
        stream.open(ctx, CurrentUser.require(ctx), sessionId(ctx));
    }

    private static TypingMetrics metrics(Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof JsonObject json)) {
            throw HttpError.badRequest("metrics must be an object", "metrics");
        }
        int[] counts = new int[5];
        String[] names = {"committed", "committedHan", "pasted", "quickPhrase", "deleted"};
        for (int i = 0; i < names.length; i++) {
            counts[i] = nonNegativeInt(json, names[i]);
        }
        long active = nonNegativeInt(json, "activeMs");
        Object firstKey = json.getValue("firstKeyMs");
        Long first = null;
        if (firstKey != null) {
            if (!(firstKey instanceof Number n) || n.longValue() < 0) {
                throw HttpError.badRequest("metrics.firstKeyMs must be a non-negative number", "metrics.firstKeyMs");
            }
            first = ((Number) firstKey).longValue();
        }
        return new TypingMetrics(counts[0], counts[1], counts[2], counts[3], counts[4], active, first);
    }

    private static int nonNegativeInt(JsonObject json, String name) {
        Object v = json.getValue(name);
        if (v == null) {
            return 0;
        }
        if (!(v instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 10_000_000) {
            throw HttpError.badRequest("metrics." + name + " must be a non-negative number", "metrics." + name);
        }
        return ((Number) v).intValue();
    }

    private static UUID sessionId(RoutingContext ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new HttpError(404, "no such session");
        }
    }

}
