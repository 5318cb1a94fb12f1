package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.problem.Problem;
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
    private final Pages pages;
    private final LiveContent content;

    private final io.vertx.core.Vertx vertx;

    AppealRoutes(io.vertx.core.Vertx vertx, AppealService appeals, Pages pages, LiveContent content) {
        this.vertx = vertx;
        this.appeals = appeals;
        this.pages = pages;
        this.content = content;
    }

    void register(RouteTable table) {
        table.api(HttpMethod.POST, "/api/appeals", FILERS, this::file);
        table.api(HttpMethod.GET, "/api/appeals", READERS, this::list);
        table.api(HttpMethod.POST, "/api/appeals/:id/decision", DECIDERS, this::decide);
        table.page(HttpMethod.GET, "/trainer/appeals", DECIDERS, this::reviewPage);
        table.page(HttpMethod.POST, "/trainer/appeals/:id/decision", DECIDERS, this::decideForm);
        table.page(HttpMethod.GET, "/trainer/calibration", DECIDERS, this::calibrationPage);
        table.page(HttpMethod.POST, "/trainer/calibration/labels", DECIDERS, this::labelForm);
        table.api(HttpMethod.GET, "/api/calibration.jsonl", DECIDERS, this::calibrationExport);
    }

    // ---- pages: 复核 and 评分校准

    /** One appeal on the 复核 page: the reply cut around the disputed span, the item's words and source. */
    public record Review(AppealRow row, String before, String span, String after, String label, String source, String advice) {
    }

    /** Appeals per rule or lexicon entry (the bulk view): how many, how many open, how many accepted. */
    public record Group(String key, int total, int open, int accepted) {
    }

    private void reviewPage(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        String status = blankToNull(ctx.request().getParam("status"));
        String entry = blankToNull(ctx.request().getParam("entry"));
        appeals.list(user, null, null).onSuccess(all -> {
            java.util.Map<String, int[]> groups = new java.util.TreeMap<>();
            for (AppealRow r : all) {
                int[] g = groups.computeIfAbsent(source(new JsonObject(r.findingJson())), k -> new int[3]);
                g[0]++;
                if (r.open()) g[1]++;
                if (AppealRow.ACCEPTED.equals(r.status())) g[2]++;
            }
            List<Review> reviews = all.stream()
                    .filter(r -> status == null || r.status().equals(status))
                    .filter(r -> entry == null || entry.equals(source(new JsonObject(r.findingJson()))))
                    .map(r -> review(r, content.vocabulary())).toList();
            java.util.Map<String, Object> model = new java.util.HashMap<>();
            model.put("title", "申诉复核");
            model.put("reviews", reviews);
            model.put("groups", groups.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList());
            model.put("status", status == null ? "" : status);
            model.put("entry", entry == null ? "" : entry);
            model.put("openCount", all.stream().filter(AppealRow::open).count());
            model.put("flash", Flash.take(ctx));
            pages.render(ctx, "trainer-appeals", model);
        }).onFailure(ctx::fail);
    }

    private static Review review(AppealRow r, io.kefutrainer.scenario.Vocabulary words) {
        JsonObject f = new JsonObject(r.findingJson());
        String text = r.replyText();
        String label;
        switch (f.getString("kind", "")) {
            case "verdict" -> label = "礼貌判定:" + words.verdict(f.getString("verdict"))
                    + "(" + f.getValue("score") + " 分)";
            case "violation" -> label = words.label("note", "violation") + " · " + words.violation(f.getString("category"));
            default -> label = words.finding(f.getString("type")) + " " + f.getValue("points");
        }
        int start = Math.max(0, Math.min(text.length(), f.getInteger("start", 0)));
        int end = Math.max(start, Math.min(text.length(), f.getInteger("end", 0)));
        return new Review(r, text.substring(0, start), text.substring(start, end), text.substring(end), label,
                source(f), f.getString("advice"));
    }

    /** The rule (violations) or lexicon entry (findings) behind a disputed item; the verdict is its own source. */
    private static String source(JsonObject finding) {
        String rule = finding.getString("rule");
        if (rule != null) return rule;
        String entry = finding.getString("entry");
        if (entry != null) return entry;
        return "verdict".equals(finding.getString("kind")) ? "礼貌判定" : finding.getString("type", "?");
    }

    private void decideForm(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new HttpError(404, "没有这条申诉");
        }
        String decision = ctx.request().getFormAttribute("decision");
        if (!"accept".equals(decision) && !"reject".equals(decision)) {
            throw new HttpError(400, "请选择采纳或不采纳");
        }
        String comment = ctx.request().getFormAttribute("comment");
        String backQuery = ctx.request().getFormAttribute("back");
        // only our own query string goes back into the redirect (never another site)
        String back = "/trainer/appeals" + (backQuery != null && backQuery.matches("\\?status=(open|accepted|rejected)") ? backQuery : "");
        appeals.decide(user, id, "accept".equals(decision), comment).onSuccess(row -> {
            Flash.set(ctx, row.traineeName() + " 的申诉:" + row.statusLabel() + ("accepted".equals(row.status())
                    ? ",该次练习已重新评分" : ""));
            pages.redirect(ctx, back);
        }).onFailure(e -> {
            if (e instanceof Problem c && c.is(Problem.Kind.conflict)) {
                Flash.set(ctx, "未能处理:" + (c.getMessage().contains("still running") ? "练习还在进行,结束后才能采纳" : "这条申诉已经处理过了"));
                pages.redirect(ctx, back);
            } else {
                ctx.fail(e);
            }
        });
    }

    private void calibrationPage(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        io.kefutrainer.scoring.Scorer scorer = content.scorer();
        // the whole set is scored per request (so a content edit shows at once): on a worker, not the event loop
        appeals.calibrationSet(user).compose(items -> vertx.executeBlocking(
                () -> io.kefutrainer.appeals.CalibrationSet.score(scorer, items), false)).onSuccess(report -> {
            java.util.Map<String, Object> model = new java.util.HashMap<>();
            model.put("title", "评分校准");
            model.put("report", report);
            model.put("figures", figuresModel(report.figures()));
            model.put("perCategory", perCategoryModel(report.figures(), content.vocabulary()));
            model.put("wrong", report.wrong().stream().map(o -> wrongModel(o, content.vocabulary())).toList());
            model.put("contentVersion", content.catalog().version());
            model.put("scoringError", content.scoringError() == null ? "" : content.scoringError());
            // 复核 links a reply here to label it directly (the form comes filled in)
            String session = ctx.request().getParam("sessionId");
            String reply = ctx.request().getParam("replyId");
            model.put("prefillSession", session != null && session.matches("[0-9a-f-]{36}") ? session : "");
            model.put("prefillReply", reply != null && reply.matches("[0-9]{1,9}") ? reply : "");
            model.put("flash", Flash.take(ctx));
            pages.render(ctx, "trainer-calibration", model);
        }).onFailure(ctx::fail);
    }

    /** A figure shown as a percentage, or — when there was nothing to count. */
    public record Figure(String label, String value) {
    }

    private static List<Figure> figuresModel(io.kefutrainer.scoring.Calibration.Figures f) {
        return List.of(new Figure("校准回复", String.valueOf(f.n())), new Figure("礼貌判定一致率", pct(f.accuracy())),
                new Figure("Cohen's κ", f.kappa() == null ? "—" : String.format("%.2f", f.kappa())),
                new Figure("不礼貌 精确率", pct(f.impolitePrecision())), new Figure("不礼貌 召回率", pct(f.impoliteRecall())),
                new Figure("违规 精确率", pct(f.violationPrecision())), new Figure("违规 召回率", pct(f.violationRecall())),
                new Figure("误报陷阱", f.trapsFlagged() + " / " + f.traps()));
    }

    public record CategoryRow(String label, String precision, String recall) {
    }

    private static List<CategoryRow> perCategoryModel(io.kefutrainer.scoring.Calibration.Figures f, io.kefutrainer.scenario.Vocabulary words) {
        List<CategoryRow> rows = new java.util.ArrayList<>();
        f.perCategory().forEach((c, pr) -> rows.add(new CategoryRow(words.violation(c),
                pct(pr[0]), pct(pr[1]))));
        return rows;
    }

    /** A reply the current content still scores against the label. */
    public record Wrong(String id, String text, String buyer, String expected, String got, String why) {
    }

    private static Wrong wrongModel(io.kefutrainer.scoring.Calibration.Outcome o, io.kefutrainer.scenario.Vocabulary words) {
        String[] parts = io.kefutrainer.scoring.Calibration.disagreement(o).split("\t", 4);
        return new Wrong(o.expected().id(), o.expected().text(), String.join(" / ", o.expected().buyer()),
                labels(o.expected().verdict().name(), o.expected().violations(), words) + (o.expected().trap() ? " · 易误判" : ""),
                labels(o.verdict().name(), o.violations(), words), parts.length > 3 ? parts[3] : "");
    }

    private static String labels(String verdict, java.util.Collection<String> violations, io.kefutrainer.scenario.Vocabulary words) {
        return words.verdict(verdict) + (violations.isEmpty() ? " · 无违规"
                : " · " + violations.stream().map(words::violation)
                .collect(java.util.stream.Collectors.joining("、")));
    }

    private static String pct(Double v) {
        return v == null ? "—" : String.format("%.1f%%", v * 100);
    }

    private void labelForm(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        UUID sessionId;
        int replyId;
        try {
            sessionId = UUID.fromString(String.valueOf(ctx.request().getFormAttribute("sessionId")));
            replyId = Integer.parseInt(String.valueOf(ctx.request().getFormAttribute("replyId")));
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "请选择要标注的回复");
        }
        List<String> violations = ctx.request().formAttributes().getAll("violations");
        appeals.label(user, sessionId, replyId, ctx.request().getFormAttribute("verdict"), violations).onSuccess(x -> {
            Flash.set(ctx, "已加入校准集");
            pages.redirect(ctx, "/trainer/calibration");
        }).onFailure(ctx::fail);
    }

    private void calibrationExport(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        appeals.calibrationSet(user).onSuccess(items -> ctx.response()
                        .putHeader("Content-Type", "application/x-ndjson; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"calibration.jsonl\"")
                        .end(io.kefutrainer.appeals.CalibrationSet.jsonl(items)))
                .onFailure(ctx::fail);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
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
                .put("createdAt", PracticeJson.time(r.createdAt()));
        if (!r.open()) {
            json.put("decision", new JsonObject().put("accept", AppealRow.ACCEPTED.equals(r.status())).put("comment", r.comment())
                    .put("by", r.decidedByName()).put("at", PracticeJson.time(r.decidedAt())));
        }
        return json;
    }
}
