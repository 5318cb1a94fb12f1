package io.kefutrainer.web;

import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateExceptionHandler;
import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.freemarker.FreeMarkerTemplateEngine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Renders FreeMarker pages with what every page needs: the user, the navigation, the CSRF token, the demo banner. */
public final class Pages {

    public record NavItem(String href, String label) {
    }

    private static final Map<Role, List<NavItem>> NAV = Map.of(
            Role.trainee, List.of(new NavItem("/train", "练习"), new NavItem("/exams", "测验"), new NavItem("/progress", "我的进步")),
            Role.trainer, List.of(new NavItem("/trainer/scenarios", "场景"), new NavItem("/trainer/import", "导入"), new NavItem("/trainer/quizzes", "题库"),
                    new NavItem("/trainer/appeals", "复核"), new NavItem("/trainer/calibration", "评分校准")),
            Role.manager, List.of(new NavItem("/dashboard", "团队看板")),
            Role.admin, List.of(new NavItem("/admin/users", "用户"), new NavItem("/admin/cohorts", "批次"),
                    new NavItem("/trainer/scenarios", "场景"), new NavItem("/trainer/import", "导入"), new NavItem("/trainer/quizzes", "题库"),
                    new NavItem("/trainer/appeals", "复核"), new NavItem("/trainer/calibration", "评分校准"),
                    new NavItem("/dashboard", "团队看板")));

    private final FreeMarkerTemplateEngine engine;
    private final boolean demo;
    private final Sessions sessions;
    private final java.util.function.Supplier<io.kefutrainer.scenario.Vocabulary> vocabulary;

    public Pages(Vertx vertx, boolean demo, Sessions sessions, java.util.function.Supplier<io.kefutrainer.scenario.Vocabulary> vocabulary) {
        this.vocabulary = vocabulary;
        this.engine = FreeMarkerTemplateEngine.create(vertx, "ftlh");
        this.demo = demo;
        this.sessions = sessions;
        Configuration cfg = engine.unwrap();
        // Every ${...} is HTML-escaped: trainee names, replies and scenario text are user-supplied.
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setOutputEncoding("UTF-8");
        cfg.setURLEscapingCharset("UTF-8");
        cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        cfg.setLogTemplateExceptions(false);
        cfg.setWrapUncheckedExceptions(true);
    }

    public void render(RoutingContext ctx, String template, Map<String, Object> model) {
        render(ctx, 200, template, model);
    }

    public void render(RoutingContext ctx, int status, String template, Map<String, Object> model) {
        Map<String, Object> data = new HashMap<>(model);
        User user = CurrentUser.of(ctx);
        data.put("demo", demo);
        data.put("path", ctx.request().path());
        putLabels(data);
        if (user != null) {
            data.put("user", user);
            data.put("nav", NAV.get(user.role()));
            if (!CurrentUser.viaToken(ctx)) {
                data.put("csrf", Csrf.token(ctx));
            }
        }
        data.putIfAbsent("csrf", "");
        data.putIfAbsent("nav", List.of());
        sessions.save(ctx).compose(saved -> engine.render(data, "templates/" + template + ".ftlh"))
                .onSuccess(html -> ctx.response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", "text/html; charset=utf-8")
                        .putHeader("Cache-Control", "no-store")
                        .end(html))
                .onFailure(ctx::fail);
    }

    /** The vocabulary for templates (`labels.outcome(id)`) and, once per page, for the browser scripts (a meta tag). */
    private void putLabels(Map<String, Object> data) {
        io.kefutrainer.scenario.Vocabulary v = vocabulary.get();
        data.put("labels", v);
        data.put("labelsJson", new io.vertx.core.json.JsonObject(new HashMap<>(v.all())).encode());
    }

    /** 303 See Other after a form post, once the session is stored. */
    public void redirect(RoutingContext ctx, String location) {
        sessions.redirect(ctx, location);
    }

    void renderError(RoutingContext ctx, int status, String message) {
        Map<String, Object> data = new HashMap<>();
        data.put("status", status);
        data.put("message", message);
        data.put("demo", demo);
        putLabels(data);
        data.put("user", CurrentUser.of(ctx));
        data.put("nav", CurrentUser.of(ctx) == null ? List.of() : NAV.get(CurrentUser.of(ctx).role()));
        // Signed-in users keep a working sign-out button on error pages too.
        boolean sessionUser = CurrentUser.of(ctx) != null && !CurrentUser.viaToken(ctx) && ctx.session() != null;
        data.put("csrf", sessionUser ? Csrf.token(ctx) : "");
        data.put("path", ctx.request().path());
        sessions.save(ctx).compose(saved -> engine.render(data, "templates/error.ftlh"))
                .onComplete(ar -> {
                    if (ctx.response().ended()) {
                        return;
                    }
                    ctx.response().setStatusCode(status).putHeader("Cache-Control", "no-store");
                    if (ar.succeeded()) {
                        ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(ar.result());
                    } else {
                        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(status + " " + message);
                    }
                });
    }
}
