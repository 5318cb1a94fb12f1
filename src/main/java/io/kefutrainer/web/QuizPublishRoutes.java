package io.kefutrainer.web;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.quiz.practice.Publication;
import io.kefutrainer.quiz.practice.Publishing;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Publishing banks (练习 / 考试 per cohort), as JSON under /api/quiz-banks and as the forms of the 题库 page, which
 * come back to the page with what happened. The routes are declared in {@link QuizBankRoutes#register}.
 */
final class QuizPublishRoutes {

    private final Pages pages;
    private final Publishing publishing;

    QuizPublishRoutes(Pages pages, Publishing publishing) {
        this.pages = pages;
        this.publishing = publishing;
    }

    void listBanks(RoutingContext ctx) {
        publishing.banks().onSuccess(list -> QuizRoutes.json(ctx, 200, PublicationJson.banks(list).encode())).onFailure(e -> QuizRoutes.fail(ctx, e));
    }

    /** "all" = every trainee, else a cohort id; anything else names no audience. */
    private static Long audience(String value) {
        if ("all".equals(value)) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new HttpError(404, "没有这个批次(用批次编号,或 all 表示全部学员)", "audience");
        }
    }

    private static Publication.Mode mode(String value) {
        if ("practice".equals(value) || "练习".equals(value)) {
            return Publication.Mode.practice;
        }
        if ("exam".equals(value) || "考试".equals(value)) {
            return Publication.Mode.exam;
        }
        throw HttpError.badRequest("发布方式(mode)应为 practice(练习)或 exam(考试)", "mode");
    }

    void publishApi(RoutingContext ctx) {
        Long cohort = audience(ctx.pathParam("audience"));
        io.vertx.core.json.JsonObject body = JsonBodies.object(ctx);
        Publication.Mode mode = mode(body.getValue("mode") instanceof String m ? m : "");
        Publishing.Request request = new Publishing.Request(ctx.pathParam("bank"), cohort, mode,
                integer(body.getValue("timeLimitMinutes"), "timeLimitMinutes"),
                body.getValue("passMark") == null ? null : number(body.getValue("passMark"), "passMark"),
                integer(body.getValue("attempts"), "attempts"));
        publishing.publish(CurrentUser.require(ctx), request).compose(x -> publishing.banks())
                .onSuccess(banks -> QuizRoutes.json(ctx, 200, bankOf(banks, request.bank()).encode()))
                .onFailure(e -> QuizRoutes.fail(ctx, e));
    }

    void unpublishApi(RoutingContext ctx) {
        Long cohort = audience(ctx.pathParam("audience"));
        String bank = ctx.pathParam("bank");
        publishing.unpublish(CurrentUser.require(ctx), bank, cohort).compose(x -> publishing.banks())
                .onSuccess(banks -> QuizRoutes.json(ctx, 200, bankOf(banks, bank).encode()))
                .onFailure(e -> QuizRoutes.fail(ctx, e));
    }

    private static io.vertx.core.json.JsonObject bankOf(java.util.List<Publishing.Bank> banks, String bank) {
        return banks.stream().filter(b -> b.bank().equals(bank)).findFirst().map(PublicationJson::bank)
                .orElseGet(() -> new io.vertx.core.json.JsonObject().put("bank", bank));
    }

    private static Integer integer(Object value, String field) {
        if (value == null || value instanceof String s && s.isBlank()) {
            return null;
        }
        double d = number(value, field);
        if (d != Math.rint(d)) {
            throw HttpError.badRequest(field + " 应是整数", field);
        }
        return (int) d;
    }

    private static double number(Object value, String field) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                // falls through to the 400 below
            }
        }
        throw HttpError.badRequest(field + " 应是数字", field);
    }

    void publishForm(RoutingContext ctx) {
        String bank = field(ctx, "bank");
        Publishing.Request request;
        try {
            Publication.Mode mode = mode(field(ctx, "mode"));
            boolean exam = mode == Publication.Mode.exam;
            request = new Publishing.Request(bank, audience(field(ctx, "audience")), mode,
                    exam ? integer(field(ctx, "timeLimitMinutes"), "timeLimitMinutes") : null,
                    exam && !field(ctx, "passMark").isEmpty() ? number(field(ctx, "passMark"), "passMark") : null,
                    exam ? integer(field(ctx, "attempts"), "attempts") : null);
        } catch (HttpError e) {
            formDone(ctx, Future.failedFuture(e), "");
            return;
        }
        formDone(ctx, publishing.publish(CurrentUser.require(ctx), request), "已发布");
    }

    void unpublishForm(RoutingContext ctx) {
        Long cohort;
        try {
            cohort = audience(field(ctx, "audience"));
        } catch (HttpError e) {
            formDone(ctx, Future.failedFuture(e), "");
            return;
        }
        formDone(ctx, publishing.unpublish(CurrentUser.require(ctx), field(ctx, "bank"), cohort), "已取消发布");
    }

    /** Back to the page with what happened; a refused request shows its reason there instead of an error page. */
    private void formDone(RoutingContext ctx, Future<Void> done, String success) {
        String bank = field(ctx, "bank");
        done.onComplete(r -> {
            if (r.succeeded()) {
                Flash.set(ctx, success + ":题库 " + bank);
            } else if (r.cause() instanceof HttpError || r.cause() instanceof Problem) {
                Flash.set(ctx, "没有完成:" + r.cause().getMessage());
            } else {
                ctx.fail(r.cause());
                return;
            }
            pages.redirect(ctx, "/trainer/quizzes#publish");
        });
    }

    private static String field(RoutingContext ctx, String name) {
        String v = ctx.request().getFormAttribute(name);
        return v == null ? "" : v.strip();
    }
}
