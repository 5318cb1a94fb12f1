package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.account.Role;
import io.kefutrainer.quiz.BankWriter;
import io.kefutrainer.quiz.Exam;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.quiz.exam.AttemptViews;
import io.kefutrainer.quiz.practice.Publication;
import io.kefutrainer.quiz.practice.Publishing;
import io.kefutrainer.quiz.transfer.GiftWriter;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.store.CohortStore;
import io.kefutrainer.store.QuizStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * 题库 for trainers: the banks and exams with their validation status, GIFT export of a bank and 问答题批改. The
 * page's other jobs have their own classes, their routes declared here with the page's: publishing
 * ({@link QuizPublishRoutes}) and GIFT/Aiken import with a preview ({@link QuizImportRoutes}).
 */
final class QuizBankRoutes {
    static final Set<Role> TRAINERS = RouteTable.roles(Role.trainer, Role.admin);
    static final long UPLOAD_LIMIT = 2 * 1024 * 1024;

    /** One bank as listed on the page. */
    public record BankInfo(String name, int questions, String types, String categories, boolean valid) {
    }

    /** One essay waiting for a grade, as listed. */
    public record EssayView(String attemptId, String questionId, String trainee, String exam, String submitted,
                            String question, String answer, String points) {
        static EssayView of(QuizStore.PendingEssay e) {
            String at = e.submittedAt().atZoneSameInstant(java.time.ZoneId.systemDefault()).toLocalDateTime()
                    .truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().replace('T', ' ');
            return new EssayView(e.attemptId().toString(), e.questionId(), e.trainee(), e.examTitle(), at, e.question(),
                    e.answer(), BankWriter.number(e.points()));
        }
    }

    private final Pages pages;
    private final LiveContent content;
    private final QuizStore store;
    private final Publishing publishing;
    private final CohortStore cohorts;
    private final QuizPublishRoutes publish;
    private final QuizImportRoutes imports;

    QuizBankRoutes(Pages pages, LiveContent content, QuizStore store, Vertx vertx, Publishing publishing, CohortStore cohorts) {
        this.pages = pages;
        this.content = content;
        this.store = store;
        this.publishing = publishing;
        this.cohorts = cohorts;
        this.publish = new QuizPublishRoutes(pages, publishing);
        this.imports = new QuizImportRoutes(pages, content, vertx, this);
    }

    /** Managers may see what is published where; only trainers and admins change it. */
    static final Set<Role> VIEWERS = RouteTable.roles(Role.trainer, Role.admin, Role.manager);

    void register(RouteTable table) {
        table.page(HttpMethod.GET, "/trainer/quizzes", TRAINERS, this::page);
        table.page(HttpMethod.POST, "/trainer/quizzes/publish", TRAINERS, publish::publishForm);
        table.page(HttpMethod.POST, "/trainer/quizzes/unpublish", TRAINERS, publish::unpublishForm);
        table.api(HttpMethod.GET, "/api/quiz-banks", VIEWERS, publish::listBanks);
        table.api(HttpMethod.PUT, "/api/quiz-banks/:bank/publications/:audience", TRAINERS, publish::publishApi);
        table.api(HttpMethod.DELETE, "/api/quiz-banks/:bank/publications/:audience", TRAINERS, publish::unpublishApi);
        table.page(HttpMethod.GET, "/trainer/quizzes/gift", TRAINERS, this::exportGift);
        table.add(new RouteSpec(HttpMethod.POST, "/trainer/quizzes/import", TRAINERS, false, true, UPLOAD_LIMIT, true, imports::importBank));
        table.page(HttpMethod.POST, "/trainer/quizzes/essays/:attemptId/:questionId", TRAINERS, this::gradeEssay);
    }

    /** 问答题批改: the trainer's points replace the pending score and the attempt's result is recomputed. */
    private void gradeEssay(RoutingContext ctx) {
        UUID attemptId;
        try {
            attemptId = UUID.fromString(ctx.pathParam("attemptId"));
        } catch (IllegalArgumentException e) {
            ctx.fail(new HttpError(404, "没有这份答卷"));
            return;
        }
        String questionId = ctx.pathParam("questionId");
        String comment = field(ctx, "comment");
        double points;
        try {
            points = Double.parseDouble(field(ctx, "points"));
        } catch (NumberFormatException e) {
            ctx.fail(HttpError.badRequest("请填写得分", "points"));
            return;
        }
        if (comment.length() > 500) {
            ctx.fail(HttpError.badRequest("评语最多 500 个字", "comment"));
            return;
        }
        long grader = CurrentUser.require(ctx).id();
        store.pendingEssays().compose(pending -> {
            Optional<QuizStore.PendingEssay> essay = pending.stream()
                    .filter(p -> p.attemptId().equals(attemptId) && p.questionId().equals(questionId)).findFirst();
            if (essay.isEmpty()) {
                return Future.failedFuture(new HttpError(404, "这道题不在待批改列表中(可能已经批改过)"));
            }
            double max = essay.get().points();
            if (points < 0 || points > max) {
                return Future.failedFuture(HttpError.badRequest("得分应在 0 到 " + BankWriter.number(max) + " 之间", "points"));
            }
            return store.gradeEssay(attemptId, questionId, points / max, grader,
                    result -> AttemptViews.gradeEssay(result, questionId, points / max, comment));
        }).onSuccess(row -> {
            Flash.set(ctx, "已批改:" + row.examTitle() + ",该答卷现在得分 " + BankWriter.number(row.percent())
                    + (row.pending() > 0 ? "(还有 " + row.pending() + " 道待批改)" : Boolean.TRUE.equals(row.passed()) ? ",通过" : ",未通过"));
            pages.redirect(ctx, "/trainer/quizzes#essays");
        }).onFailure(ctx::fail);
    }

    Path quizDir() {
        return content.dir().resolve(QuizContent.QUIZ_DIR);
    }

    private void page(RoutingContext ctx) {
        store.pendingEssays().onSuccess(essays -> render(ctx, 200, Map.of("essays", essays.stream().map(EssayView::of).toList())))
                .onFailure(ctx::fail);
    }

    /** One bank's publications as the trainer page lists them. */
    public record PublishedBank(String bank, String title, int questions, List<Publication> publications) {
    }

    void render(RoutingContext ctx, int status, Map<String, Object> extra) {
        io.kefutrainer.account.User me = CurrentUser.require(ctx);
        Future<List<io.kefutrainer.account.Cohort>> audiences = me.role() == Role.admin ? cohorts.list() : cohorts.forMember(me.id());
        Future.all(publishing.publications(), audiences).onSuccess(all -> {
            List<Publication> pubs = all.resultAt(0);
            List<PublishedBank> published = new ArrayList<>();
            content.quiz().banksByKey().forEach((key, qs) -> published.add(new PublishedBank(key, QuizContent.bankTitle(key, qs),
                    (int) qs.stream().filter(q -> q.type().answerable()).count(),
                    pubs.stream().filter(p -> p.bank().equals(key)).toList())));
            Map<String, Object> model = new HashMap<>(extra);
            model.put("published", published);
            model.put("audiences", all.resultAt(1));
            renderPage(ctx, status, model);
        }).onFailure(ctx::fail);
    }

    private void renderPage(RoutingContext ctx, int status, Map<String, Object> extra) {
        // the files as last read, so a trainer sees the errors of an edit that is not live yet
        QuizContent quiz = content.quizChecked();
        List<BankInfo> banks = new ArrayList<>();
        for (Path f : quiz.files()) {
            Path rel = quizDir().relativize(f);
            if (rel.startsWith(QuizContent.EXAM_DIR)) {
                continue;
            }
            List<Question> qs = quiz.bank(f);
            Map<String, Integer> types = new TreeMap<>();
            Map<String, Integer> categories = new LinkedHashMap<>();
            qs.forEach(q -> {
                types.merge(q.type().label(), 1, Integer::sum);
                categories.merge(q.categoryPath(), 1, Integer::sum);
            });
            banks.add(new BankInfo(rel.toString(), qs.size(), summary(types), summary(categories),
                    quiz.diagnostics().stream().noneMatch(d -> d.file().equals(f) && d.isError())));
        }
        List<Exam> exams = quiz.exams();
        Map<String, Object> model = new HashMap<>(extra);
        model.put("banks", banks);
        model.put("exams", exams);
        model.put("diagnostics", quiz.diagnostics().stream().map(Diagnostic::format).toList());
        model.put("total", content.quiz().questions().size());
        model.put("stale", quiz.errors() > 0 && content.quiz() != quiz);
        model.put("flash", Flash.take(ctx));
        model.putIfAbsent("importErrors", List.of());
        model.putIfAbsent("essays", List.of());
        model.putIfAbsent("preview", List.of());
        model.putIfAbsent("form", Map.of("format", "auto", "category", "", "prefix", "", "typedPrefix", "", "name", "", "typedName", "", "text", ""));
        pages.render(ctx, status, "trainer-quizzes", model);
    }

    static String summary(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + " " + v));
        return String.join(" · ", parts);
    }

    private void exportGift(RoutingContext ctx) {
        String bank = ctx.request().getParam("bank", "");
        QuizContent quiz = content.quiz();
        Optional<Path> file = quiz.files().stream().filter(f -> quizDir().relativize(f).toString().equals(bank)).findFirst();
        if (file.isEmpty() || quiz.bank(file.get()).isEmpty()) {
            ctx.fail(new HttpError(404, "没有这个题库,或题库有错误(请先运行 validate)"));
            return;
        }
        String name = file.get().getFileName().toString().replaceFirst("\\.ya?ml$", "") + ".gift";
        ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .end(GiftWriter.write(quiz.bank(file.get())));
    }

    private static String field(RoutingContext ctx, String name) {
        String v = ctx.request().getFormAttribute(name);
        return v == null ? "" : v.strip();
    }
}
