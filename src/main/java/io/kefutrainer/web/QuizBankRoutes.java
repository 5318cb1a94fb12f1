package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.problem.Problem;
import io.kefutrainer.account.Role;
import io.kefutrainer.quiz.BankWriter;
import io.kefutrainer.quiz.Exam;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.quiz.exam.AttemptViews;
import io.kefutrainer.quiz.practice.Publication;
import io.kefutrainer.quiz.practice.Publishing;
import io.kefutrainer.quiz.transfer.GiftWriter;
import io.kefutrainer.quiz.transfer.Ids;
import io.kefutrainer.quiz.transfer.Imported;
import io.kefutrainer.quiz.transfer.Importer;
import io.kefutrainer.scenario.load.ContentIds;
import io.kefutrainer.content.yaml.Diagnostic;
import io.kefutrainer.store.CohortStore;
import io.kefutrainer.store.QuizStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * 题库 for trainers: the banks and exams with their validation status, GIFT export of a bank, and GIFT/Aiken
 * import with a preview before anything is written. A saved import becomes a YAML bank in scenarios/quizzes,
 * which the content watcher puts live like a hand-written one.
 */
final class QuizBankRoutes {
    static final Set<Role> TRAINERS = RouteTable.roles(Role.trainer, Role.admin);
    static final long UPLOAD_LIMIT = 2 * 1024 * 1024;
    private static final Pattern BANK_NAME = Pattern.compile("[\\p{L}\\p{N}_-]{1,60}");

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

    /** One imported question as previewed. */
    public record Preview(String id, String type, String category, String text, String answer) {
    }

    private final Pages pages;
    private final LiveContent content;
    private final QuizStore store;
    private final Vertx vertx;
    private final Publishing publishing;
    private final CohortStore cohorts;

    QuizBankRoutes(Pages pages, LiveContent content, QuizStore store, Vertx vertx, Publishing publishing, CohortStore cohorts) {
        this.pages = pages;
        this.content = content;
        this.store = store;
        this.vertx = vertx;
        this.publishing = publishing;
        this.cohorts = cohorts;
    }

    /** Managers may see what is published where; only trainers and admins change it. */
    static final Set<Role> VIEWERS = RouteTable.roles(Role.trainer, Role.admin, Role.manager);

    void register(RouteTable table) {
        table.page(HttpMethod.GET, "/trainer/quizzes", TRAINERS, this::page);
        table.page(HttpMethod.POST, "/trainer/quizzes/publish", TRAINERS, this::publishForm);
        table.page(HttpMethod.POST, "/trainer/quizzes/unpublish", TRAINERS, this::unpublishForm);
        table.api(HttpMethod.GET, "/api/quiz-banks", VIEWERS, this::listBanks);
        table.api(HttpMethod.PUT, "/api/quiz-banks/:bank/publications/:audience", TRAINERS, this::publishApi);
        table.api(HttpMethod.DELETE, "/api/quiz-banks/:bank/publications/:audience", TRAINERS, this::unpublishApi);
        table.page(HttpMethod.GET, "/trainer/quizzes/gift", TRAINERS, this::exportGift);
        table.add(new RouteSpec(HttpMethod.POST, "/trainer/quizzes/import", TRAINERS, false, true, UPLOAD_LIMIT, true, this::importBank));
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

    // ---- publishing (练习 / 考试 per cohort)

    private void listBanks(RoutingContext ctx) {
        publishing.banks().onSuccess(list -> QuizRoutes.json(ctx, 200, list.encode())).onFailure(e -> QuizRoutes.fail(ctx, e));
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

    private void publishApi(RoutingContext ctx) {
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

    private void unpublishApi(RoutingContext ctx) {
        Long cohort = audience(ctx.pathParam("audience"));
        String bank = ctx.pathParam("bank");
        publishing.unpublish(CurrentUser.require(ctx), bank, cohort).compose(x -> publishing.banks())
                .onSuccess(banks -> QuizRoutes.json(ctx, 200, bankOf(banks, bank).encode()))
                .onFailure(e -> QuizRoutes.fail(ctx, e));
    }

    private static io.vertx.core.json.JsonObject bankOf(io.vertx.core.json.JsonArray banks, String bank) {
        return banks.stream().map(io.vertx.core.json.JsonObject.class::cast).filter(b -> b.getString("bank").equals(bank))
                .findFirst().orElseGet(() -> new io.vertx.core.json.JsonObject().put("bank", bank));
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

    private void publishForm(RoutingContext ctx) {
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

    private void unpublishForm(RoutingContext ctx) {
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

    private Path quizDir() {
        return content.dir().resolve(QuizContent.QUIZ_DIR);
    }

    private void page(RoutingContext ctx) {
        store.pendingEssays().onSuccess(essays -> render(ctx, 200, Map.of("essays", essays.stream().map(EssayView::of).toList())))
                .onFailure(ctx::fail);
    }

    /** One bank's publications as the trainer page lists them. */
    public record PublishedBank(String bank, String title, int questions, List<Publication> publications) {
    }

    private void render(RoutingContext ctx, int status, Map<String, Object> extra) {
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

    private static String summary(Map<String, Integer> counts) {
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

    private void importBank(RoutingContext ctx) {
        String formatField = field(ctx, "format");
        String category = field(ctx, "category");
        String prefix = field(ctx, "prefix");
        String name = field(ctx, "name");
        boolean save = "save".equals(field(ctx, "action"));
        readSource(ctx).compose(source -> {
            String fileName = source.fileName();
            String bankName = name.isEmpty() ? fileName.replaceFirst("\\.[^.]*$", "") : name;
            Importer.Format format = formatField.equals("gift") ? Importer.Format.gift
                    : formatField.equals("aiken") ? Importer.Format.aiken : Importer.guess(fileName);
            String derived = prefix.isEmpty() ? Ids.prefixOf(bankName) : prefix;
            List<String> problems = new ArrayList<>();
            if (!BANK_NAME.matcher(bankName).matches()) {
                problems.add("题库文件名只能用中文、字母、数字、_ 和 -(最多 60 个字):" + bankName);
            }
            if (!Ids.VALID.matcher(derived).matches()) {
                problems.add("题目编号前缀只能用字母、数字、. _ -:" + derived);
            }
            String defaultCategory = category.isEmpty() ? "导入/" + bankName : category;
            // the file name only labels the messages; a NUL in it would make Path.of throw
            Path label = Path.of(fileName.replace('\0', '_'));
            byte[] bytes = source.text().getBytes(StandardCharsets.UTF_8);
            return vertx.executeBlocking(() -> {
                java.util.Optional<java.util.Set<String>> rules = ContentIds.load(content.dir()).rules();
                Imported first = Importer.read(label, bytes, format, defaultCategory, derived, rules);
                if (!prefix.isEmpty()) {
                    return first; // the trainer chose the prefix: a clash is theirs to resolve, and is reported
                }
                // a prefix derived from the file name that clashes with a live bank gets -2, -3, …: a second file with
                // a similar (or Chinese) name is imported, not refused
                Imported candidate = first;
                for (int n = 2; n < 100 && clashes(candidate); n++) {
                    candidate = Importer.read(label, bytes, format, defaultCategory, derived + "-" + n, rules);
                }
                return clashes(candidate) ? first : candidate;
            }, false).compose(imported -> {
                String idPrefix = prefix.isEmpty() ? usedPrefix(imported, derived) : prefix;
                // the save form carries the name and prefix used; the upload form keeps only what the trainer typed, so the
                // next file chosen there is named after itself and derives its own prefix
                Map<String, String> form = Map.of("format", formatField.isEmpty() ? "auto" : formatField, "category", category,
                        "prefix", idPrefix, "typedPrefix", prefix, "name", bankName, "typedName", name, "text", source.text());
                imported.errors().forEach(d -> problems.add(d.file() + ":" + d.position().line() + ":" + d.position().column() + ": " + d.message()));
                if (imported.questions().isEmpty() && imported.errors().isEmpty()) {
                    problems.add("没有读到任何题目");
                }
                QuizContent live = content.quiz();
                imported.questions().stream().filter(q -> live.question(q.id()).isPresent())
                        .forEach(q -> problems.add("题目编号 " + q.id() + " 已在现有题库中使用,请换一个编号前缀"));
                if (save && problems.isEmpty()) { // the bank name matched BANK_NAME: a plain file name
                    Path target = quizDir().resolve(bankName + ".yaml");
                    // read the banks before redirecting: the list the trainer lands on shows the new bank
                    return write(target, imported).compose(written -> content.reloadQuizNow()).map(written -> {
                        boolean online = imported.questions().stream().allMatch(q -> content.quiz().question(q.id()).isPresent());
                        Flash.set(ctx, "已保存题库 " + target.getFileName() + ",共 " + imported.questions().size() + " 题,"
                                + (online ? "已上线" : "几秒后自动上线"));
                        pages.redirect(ctx, "/trainer/quizzes");
                        return null;
                    });
                }
                List<Preview> preview = imported.questions().stream().map(q -> new Preview(q.id(), q.type().label(),
                        q.categoryPath(), q.text().length() > 80 ? q.text().substring(0, 80) + "…" : q.text(),
                        // the trainer checks the answers before saving, not only the questions
                        AttemptViews.correctText(q))).toList();
                render(ctx, problems.isEmpty() ? 200 : 400, Map.of("importErrors", problems, "preview", problems.isEmpty() ? preview : List.of(),
                        "form", form, "summary", summary(imported)));
                return Future.succeededFuture();
            });
        }).onFailure(ctx::fail);
    }

    /** Whether an imported question's id is already used by a live bank. */
    private boolean clashes(Imported imported) {
        QuizContent live = content.quiz();
        return imported.questions().stream().anyMatch(q -> live.question(q.id()).isPresent());
    }

    /** The prefix the import's generated ids carry (derived, or derived-N after a clash), for the save form. */
    private static String usedPrefix(Imported imported, String derived) {
        for (Question q : imported.questions()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(" + java.util.regex.Pattern.quote(derived)
                    + "(?:-\\d+)?)-\\d{3}(?:-\\d+)?$").matcher(q.id());
            if (m.matches()) {
                return m.group(1);
            }
        }
        return derived;
    }

    /** The last part of an uploaded file's name as the browser sent it ("/", "..", NUL and blanks included). */
    static String uploadName(String sent) {
        if (sent == null || sent.isBlank()) {
            return "upload.gift";
        }
        String last = sent.replace('\0', '_').replaceAll(".*[/\\\\]", "");
        return last.isBlank() || last.equals("..") || last.equals(".") ? "upload.gift" : last;
    }

    private static String summary(Imported imported) {
        Map<String, Integer> types = new TreeMap<>();
        imported.questions().stream().filter(q -> q.type() != QuestionType.description)
                .forEach(q -> types.merge(q.type().label(), 1, Integer::sum));
        return imported.questions().size() + " 题:" + summary(types);
    }

    /** Written beside the target and moved into place, never over an existing bank. */
    private Future<Void> write(Path target, Imported imported) {
        return vertx.executeBlocking(() -> {
            if (Files.exists(target)) {
                throw new HttpError(409, "题库 " + target.getFileName() + " 已存在,请换一个文件名");
            }
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".import-", ".yaml.tmp");
            try {
                Files.writeString(temp, BankWriter.write(imported.questions(), "../schema/quiz.schema.json"), StandardCharsets.UTF_8);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return null;
        }, false);
    }

    private record Source(String fileName, String text) {
    }

    /** The uploaded file, or the text posted back from the preview. */
    private Future<Source> readSource(RoutingContext ctx) {
        for (FileUpload upload : ctx.fileUploads()) {
            if ("file".equals(upload.name()) && upload.size() > 0) {
                String fileName = uploadName(upload.fileName());
                return vertx.fileSystem().readFile(upload.uploadedFileName()).compose(buffer -> decode(buffer)
                        .map(text -> Future.succeededFuture(new Source(fileName, text)))
                        .orElseGet(() -> Future.failedFuture(new HttpError(400, "文件不是 UTF-8 文本,请另存为 UTF-8 后再上传", "file"))));
            }
        }
        String text = field(ctx, "text");
        if (text.isBlank()) {
            return Future.failedFuture(new HttpError(400, "请选择 GIFT 或 Aiken 文件", "file"));
        }
        String name = field(ctx, "name");
        return Future.succeededFuture(new Source((name.isEmpty() ? "upload" : name) + ("aiken".equals(field(ctx, "format")) ? ".aiken" : ".gift"), text));
    }

    private static Optional<String> decode(Buffer buffer) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(buffer.getBytes())).toString();
            return Optional.of(s.startsWith("\uFEFF") ? s.substring(1) : s);
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static String field(RoutingContext ctx, String name) {
        String v = ctx.request().getFormAttribute(name);
        return v == null ? "" : v.strip();
    }
}
