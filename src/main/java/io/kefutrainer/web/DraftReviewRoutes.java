package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.importing.DraftReview;
import io.kefutrainer.importing.DraftSource;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One imported draft on the 导入 page: its YAML in an editor beside the scrubbed source conversation, checked,
 * saved, or published into its category folder. Every file operation runs on a worker thread. The routes are
 * declared in {@link ImportRoutes#register}.
 */
final class DraftReviewRoutes {
    /** The YAML of one draft, posted back from the editor (the server's form attribute limit is 256 KiB). */
    static final int YAML_LIMIT = 200 * 1024;
    private static final String DRAFTS = DraftReview.DRAFTS;

    /** One line of a source conversation: who said it, what, and for the agent whether it scored well. */
    public record SourceLine(boolean buyer, String text, boolean good) {
    }

    private final Pages pages;
    private final LiveContent content;
    private final Vertx vertx;

    DraftReviewRoutes(Pages pages, LiveContent content, Vertx vertx) {
        this.pages = pages;
        this.content = content;
        this.vertx = vertx;
    }

    private Path root() {
        return content.dir();
    }

    private DraftReview review() {
        return new DraftReview(root());
    }

    private Path draftFile(RoutingContext ctx) {
        Path file = review().file(ctx.pathParam("id"));
        if (file == null) {
            throw new HttpError(404, "没有这个草稿");
        }
        return file;
    }

    void draft(RoutingContext ctx) {
        Path file = draftFile(ctx);
        vertx.executeBlocking(() -> {
            if (!Files.isRegularFile(file)) {
                throw new HttpError(404, "没有这个草稿(可能已经发布)");
            }
            String yaml = Files.readString(file, StandardCharsets.UTF_8);
            return Map.<String, Object>of("yaml", yaml, "problems", review().check(file, yaml, liveIds()).problems());
        }, false).onSuccess(m -> renderDraft(ctx, 200, file, (String) m.get("yaml"), castProblems(m.get("problems")), Flash.take(ctx)))
                .onFailure(ctx::fail);
    }

    @SuppressWarnings("unchecked")
    private static List<DraftReview.Problem> castProblems(Object o) {
        return (List<DraftReview.Problem>) o;
    }

    private void renderDraft(RoutingContext ctx, int status, Path file, String yaml, List<DraftReview.Problem> problems, String flash) {
        vertx.executeBlocking(() -> {
            DraftSource source = DraftSource.besides(file);
            Map<String, Object> model = new HashMap<>();
            String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            model.put("id", id);
            model.put("draftPath", DRAFTS + "/" + file.getFileName());
            model.put("yaml", yaml);
            model.put("problems", problems);
            model.put("errors", problems.stream().filter(DraftReview.Problem::error).count());
            model.put("flash", flash);
            model.put("hasSource", source != null);
            model.put("source", source == null ? List.of() : sourceLines(source));
            model.put("scrubbed", source == null ? "" : ImportRoutes.scrubWords(source.scrubbed()));
            model.put("category", source == null ? "" : content.vocabulary().category(source.category()));
            model.put("products", ImportRoutes.products(root()));
            return model;
        }, false).onSuccess(model -> pages.render(ctx, status, "trainer-import-draft", model)).onFailure(ctx::fail);
    }

    private static List<SourceLine> sourceLines(DraftSource source) {
        List<SourceLine> out = new ArrayList<>();
        for (var e : source.exchanges()) {
            e.buyer().forEach(b -> out.add(new SourceLine(true, b, false)));
            if (e.reply() != null) {
                out.add(new SourceLine(false, e.reply(), e.goodReply()));
            }
        }
        return out;
    }

    /** Scenario id → the file it is loaded from now: an edited draft may not take another file's id. */
    private Map<String, Path> liveIds() {
        Map<String, Path> ids = new HashMap<>();
        content.catalog().files().values().forEach(f -> {
            if (f.scenarioId() != null) {
                ids.put(f.scenarioId(), f.file());
            }
        });
        return ids;
    }

    private static String yamlField(RoutingContext ctx) {
        String yaml = ctx.request().getFormAttribute("yaml");
        if (yaml == null || yaml.isBlank()) {
            throw HttpError.badRequest("草稿内容是空的", "yaml");
        }
        if (yaml.length() > YAML_LIMIT) {
            throw HttpError.badRequest("草稿太长(最多 " + YAML_LIMIT / 1024 + " KB)", "yaml");
        }
        return yaml.replace("\r\n", "\n");
    }

    /** A draft that is gone (published or deleted meanwhile) is a 404; an existing target a 409. */
    private static Throwable mapped(Throwable e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return new HttpError(404, "没有这个草稿(可能已经发布)");
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException x) {
            return new HttpError(409, "已经有 " + x.getFile() + ",没有覆盖;请改一个场景 id 再发布");
        }
        return e;
    }

    /** 检查: the text as it stands in the editor, nothing written. 400 while it has errors. */
    void check(RoutingContext ctx) {
        Path file = draftFile(ctx);
        String yaml = yamlField(ctx);
        vertx.executeBlocking(() -> review().check(file, yaml, liveIds()), false).onSuccess(c -> renderDraft(ctx, c.ok() ? 200 : 400,
                file, yaml, c.problems(), c.ok() ? "检查通过,可以保存或发布" : "")).onFailure(ctx::fail);
    }

    /** 保存草稿: written only when it validates and is still a draft (publishing is its own button). */
    void save(RoutingContext ctx) {
        Path file = draftFile(ctx);
        String yaml = yamlField(ctx);
        vertx.executeBlocking(() -> review().save(file, yaml, liveIds()), false).onSuccess(c -> {
            if (c.ok()) {
                Flash.set(ctx, "已保存草稿");
                pages.redirect(ctx, "/trainer/import/drafts/" + ctx.pathParam("id"));
            } else {
                renderDraft(ctx, 400, file, yaml, c.problems(), "");
            }
        }).onFailure(e -> ctx.fail(mapped(e)));
    }

    /**
     * 发布: the editor's text without `draft: true`, validated, written to CATEGORY/ID.yaml beside the shipped
     * scenarios (never over an existing file) and the draft removed; the content watcher puts it live within 2 s.
     */
    void publish(RoutingContext ctx) {
        Path file = draftFile(ctx);
        String yaml = yamlField(ctx);
        vertx.executeBlocking(() -> review().publish(file, yaml, liveIds()), false).onSuccess(outcome -> {
            if (outcome.refused() != null) {
                renderDraft(ctx, 400, file, yaml, outcome.refused().problems(), "");
                return;
            }
            Flash.set(ctx, "已发布「" + outcome.published().title() + "」到 " + outcome.published().target() + ",几秒后学员就能练习");
            pages.redirect(ctx, "/trainer/import");
        }).onFailure(e -> ctx.fail(mapped(e)));
    }
}
