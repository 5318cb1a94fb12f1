package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.problem.Problem;
import io.kefutrainer.quiz.exam.ExamService;
import io.kefutrainer.quiz.exam.MistakeBook;
import io.kefutrainer.quiz.practice.PracticeQuizzes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Taking exams: the 考试 page, and the API behind it — list, start or resume, autosave each answer, submit —
 * and the 错题本. Trainees only, their own attempts only.
 */
final class QuizRoutes {
    static final Set<Role> TRAINEE = RouteTable.roles(Role.trainee);

    private final Pages pages;
    private final ExamService exams;
    private final MistakeBook mistakes;
    private final PracticeQuizzes practice;

    QuizRoutes(Pages pages, ExamService exams, MistakeBook mistakes, PracticeQuizzes practice) {
        this.pages = pages;
        this.exams = exams;
        this.mistakes = mistakes;
        this.practice = practice;
    }

    void register(RouteTable table) {
        table.page(HttpMethod.GET, "/exams", TRAINEE, ctx -> pages.render(ctx, "exams", Map.of()));
        table.api(HttpMethod.GET, "/api/exams", TRAINEE, this::list);
        table.api(HttpMethod.POST, "/api/exams/:id/attempts", TRAINEE, this::start);
        table.api(HttpMethod.GET, "/api/attempts/:id", TRAINEE, this::view);
        table.api(HttpMethod.PUT, "/api/attempts/:id/answers/:questionId", TRAINEE, this::save);
        table.api(HttpMethod.POST, "/api/attempts/:id/submit", TRAINEE, this::submit);
        table.api(HttpMethod.GET, "/api/mistakes", TRAINEE, this::mistakes);
        table.api(HttpMethod.POST, "/api/mistakes/:questionId/answer", TRAINEE, this::practise);
        table.api(HttpMethod.GET, "/api/practice", TRAINEE, this::practiceBanks);
        table.api(HttpMethod.POST, "/api/practice/attempts", TRAINEE, this::startPractice);
        table.api(HttpMethod.GET, "/api/practice/attempts/:id", TRAINEE, this::viewPractice);
        table.api(HttpMethod.POST, "/api/practice/attempts/:id/answers/:questionId", TRAINEE, this::answerPractice);
    }

    private void practiceBanks(RoutingContext ctx) {
        practice.list(CurrentUser.require(ctx).id())
                .onSuccess(list -> json(ctx, 200, list.encode()))
                .onFailure(e -> fail(ctx, e));
    }

    private void startPractice(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        if (!(body.getValue("bank") instanceof String bank) || bank.isBlank() || bank.length() > 200) {
            throw HttpError.badRequest("请指定要练习的题库(bank)", "bank");
        }
        Object category = body.getValue("category");
        if (category != null && (!(category instanceof String c) || c.length() > 200)) {
            throw HttpError.badRequest("分类(category)应是不超过 200 字的文字", "category");
        }
        practice.start(CurrentUser.require(ctx).id(), bank, (String) category)
                .onSuccess(view -> json(ctx, 201, view.encode()))
                .onFailure(e -> fail(ctx, e));
    }

    private void viewPractice(RoutingContext ctx) {
        practice.view(CurrentUser.require(ctx).id(), practiceId(ctx))
                .onSuccess(view -> json(ctx, 200, view.encode()))
                .onFailure(e -> fail(ctx, e));
    }

    private void answerPractice(RoutingContext ctx) {
        UUID attempt = practiceId(ctx);
        JsonObject body = JsonBodies.object(ctx);
        if (!body.containsKey("value")) {
            throw HttpError.badRequest("请提交答案(value)", "value");
        }
        practice.answer(CurrentUser.require(ctx).id(), attempt, ctx.pathParam("questionId"), body.getValue("value"))
                .onSuccess(result -> json(ctx, 200, result.encode()))
                .onFailure(e -> fail(ctx, e));
    }

    private static UUID practiceId(RoutingContext ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new HttpError(404, "没有这次练习");
        }
    }

    private void mistakes(RoutingContext ctx) {
        mistakes.view(CurrentUser.require(ctx).id())
                .onSuccess(book -> json(ctx, 200, book.encode()))
                .onFailure(e -> fail(ctx, e));
    }

    private void practise(RoutingContext ctx) {
        long user = CurrentUser.require(ctx).id();
        JsonObject body = JsonBodies.object(ctx);
        mistakes.answer(user, ctx.pathParam("questionId"), body.getValue("value"))
                .onSuccess(result -> json(ctx, 200, result.encode()))
                .onFailure(e -> fail(ctx, e));
    }

    private void list(RoutingContext ctx) {
        exams.available(CurrentUser.require(ctx).id())
                .onSuccess(list -> json(ctx, 200, ExamJson.available(list).encode()))
                .onFailure(e -> fail(ctx, e));
    }

    private void start(RoutingContext ctx) {
        exams.start(CurrentUser.require(ctx).id(), ctx.pathParam("id"))
                .onSuccess(opened -> json(ctx, opened.created() ? 201 : 200, opened.view().encode()))
                .onFailure(e -> fail(ctx, e));
    }

    private void view(RoutingContext ctx) {
        exams.view(CurrentUser.require(ctx).id(), attemptId(ctx))
                .onSuccess(view -> json(ctx, 200, view.encode()))
                .onFailure(e -> fail(ctx, e));
    }

    private void save(RoutingContext ctx) {
        long user = CurrentUser.require(ctx).id();
        UUID attempt = attemptId(ctx);
        JsonObject body = JsonBodies.object(ctx);
        if (!body.containsKey("value")) {
            throw HttpError.badRequest("value is required (null clears the answer)", "value");
        }
        String question = ctx.pathParam("questionId");
        // acknowledged only after the row is stored: a refresh or a lost connection cannot lose an acknowledged answer
        exams.save(user, attempt, question, body.getValue("value"))
                .onSuccess(at -> json(ctx, 200, new JsonObject().put("questionId", question)
                        .put("savedAt", at.toInstant().toString()).encode()))
                .onFailure(e -> fail(ctx, e));
    }

    private void submit(RoutingContext ctx) {
        exams.submit(CurrentUser.require(ctx).id(), attemptId(ctx))
                .onSuccess(result -> json(ctx, 200, result.encode()))
                .onFailure(e -> fail(ctx, e));
    }

    private static UUID attemptId(RoutingContext ctx) {
        try {
            return UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new HttpError(404, "no such attempt");
        }
    }

    static void json(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    static void fail(RoutingContext ctx, Throwable e) {
        ctx.fail(e); // a Problem is mapped to its status by ErrorHandler
    }
}
