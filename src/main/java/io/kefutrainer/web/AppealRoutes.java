package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.kefutrainer.appeals.AppealRow;
import io.kefutrainer.appeals.AppealService;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Appeals (申诉) over the API: trainees file them, trainers of their cohorts (and admins) decide. */
final class AppealRoutes {
    static final Set<Role> FILERS = RouteTable.roles(Role.trainee);
    static final Set<Role> READERS = RouteTable.roles(Role.trainee, Role.trainer, Role.manager, Role.admin);
    static final Set<Role> DECIDERS = RouteTable.roles(Role.trainer, Role.admin);

    private final AppealService appeals;

    AppealRoutes(AppealService appeals) {
        this.appeals = appeals;
    }

    void register(RouteTable table) {
        table.api(HttpMethod.POST, "/api/appeals", FILERS, this::file);
        table.api(HttpMethod.GET, "/api/appeals", READERS, this::list);
        table.api(HttpMethod.POST, "/api/appeals/:id/decision", DECIDERS, this::decide);
    }

    private void file(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        JsonObject body = JsonBodies.object(ctx);
        UUID sessionId;
        try {
            sessionId = UUID.fromString(JsonBodies.string(body, "sessionId", 100));
        } catch (IllegalArgumentException e) {
            throw new HttpError(404, "no such session");
        }
        int replyId = replyId(body.getValue("replyId"));
        Object target = body.getValue("target");
        if (!(target instanceof String t) || t.isBlank()) {
            throw HttpError.badRequest("target is required: \"verdict\" or the id of a finding or violation", "target");
        }
        Object reason = body.getValue("reason");
        if (reason != null && !(reason instanceof String)) {
            throw HttpError.badRequest("reason must be a string", "reason");
        }
        appeals.file(user, sessionId, replyId, t, (String) reason).onSuccess(id -> ctx.response().setStatusCode(201)
                        .putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(new JsonObject().put("id", id).put("status", AppealRow.OPEN).encode()))
                .onFailure(ctx::fail);
    }

    private static int replyId(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.doubleValue() >= 1 && n.doubleValue() < Integer.MAX_VALUE) {
            return n.intValue();
        }
        if (value instanceof String s && s.matches("[1-9][0-9]{0,8}")) {
            return Integer.parseInt(s);
        }
        throw HttpError.badRequest("replyId must be the id of a reply (a positive integer)", "replyId");
    }

    private void list(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        String status = ctx.request().getParam("status");
        String entry = ctx.request().getParam("entry");
        appeals.list(user, status == null || status.isBlank() ? null : status, entry == null || entry.isBlank() ? null : entry)
                .onSuccess(rows -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(json(rows).encode()))
                .onFailure(ctx::fail);
    }

    private void decide(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new HttpError(404, "no such appeal");
        }
        JsonObject body = JsonBodies.object(ctx);
        if (!(body.getValue("accept") instanceof Boolean accept)) {
            throw HttpError.badRequest("accept must be true or false", "accept");
        }
        Object comment = body.getValue("comment");
        if (comment != null && !(comment instanceof String)) {
            throw HttpError.badRequest("comment must be a string", "comment");
        }
        appeals.decide(user, id, accept, (String) comment)
                .onSuccess(row -> ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(json(row).encode()))
                .onFailure(ctx::fail);
    }

    static JsonArray json(List<AppealRow> rows) {
        JsonArray array = new JsonArray();
        rows.forEach(r -> array.add(json(r)));
        return array;
    }

    static JsonObject json(AppealRow r) {
        JsonObject json = new JsonObject().put("id", r.id()).put("status", r.status()).put("sessionId", r.sessionId().toString())
                .put("replyId", r.replySeq()).put("target", r.target()).put("reason", r.reason())
                .put("reply", new JsonObject().put("text", r.replyText()).put("buyer", new JsonArray(r.buyer())))
                .put("finding", new JsonObject(r.findingJson()))
                .put("trainee", new JsonObject().put("id", r.userId()).put("name", r.traineeName()))
                .put("scenarioTitle", r.scenarioTitle()).put("contentVersion", r.contentVersion())
                .put("createdAt", PracticeRoutes.time(r.createdAt()));
        if (!r.open()) {
            json.put("decision", new JsonObject().put("accept", AppealRow.ACCEPTED.equals(r.status())).put("comment", r.comment())
                    .put("by", r.decidedByName()).put("at", PracticeRoutes.time(r.decidedAt())));
        }
        return json;
    }
}
