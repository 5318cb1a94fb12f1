package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.quiz.BankWriter;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.quiz.exam.AttemptViews;
import io.kefutrainer.quiz.transfer.Ids;
import io.kefutrainer.quiz.transfer.Imported;
import io.kefutrainer.quiz.transfer.Importer;
import io.kefutrainer.scenario.load.ContentIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * GIFT/Aiken import on the 题库 page: the upload is read and previewed (with its answers) before anything is
 * written; saving writes a YAML bank into scenarios/quizzes, which goes live like a hand-written one. The route is
 * declared in {@link QuizBankRoutes#register}; the preview is shown on that page.
 */
final class QuizImportRoutes {
    private static final Pattern BANK_NAME = Pattern.compile("[\\p{L}\\p{N}_-]{1,60}");

    /** One imported question as previewed. */
    public record Preview(String id, String type, String category, String text, String answer) {
    }

    private final Pages pages;
    private final LiveContent content;
    private final Vertx vertx;
    private final QuizBankRoutes page;

    QuizImportRoutes(Pages pages, LiveContent content, Vertx vertx, QuizBankRoutes page) {
        this.pages = pages;
        this.content = content;
        this.vertx = vertx;
        this.page = page;
    }

    void importBank(RoutingContext ctx) {
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
                    Path target = page.quizDir().resolve(bankName + ".yaml");
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
                page.render(ctx, problems.isEmpty() ? 200 : 400, Map.of("importErrors", problems, "preview", problems.isEmpty() ? preview : List.of(),
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
        return imported.questions().size() + " 题:" + QuizBankRoutes.summary(types);
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
