package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.content.LiveContent;
import io.kefutrainer.importing.ChatImporter;
import io.kefutrainer.importing.Cues;
import io.kefutrainer.importing.DraftReview;
import io.kefutrainer.importing.DraftSource;
import io.kefutrainer.importing.ImportException;
import io.kefutrainer.importing.ImportedProduct;
import io.kefutrainer.importing.PhraseCandidates;
import io.kefutrainer.importing.ProductFiles;
import io.kefutrainer.importing.ProductReader;
import io.kefutrainer.importing.Scrubber;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.load.ContentIds;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * 导入 for trainers: a shop's product export and chat logs uploaded, run through the same importer as
 * import-products / import-chats into the served content folder (products/ and drafts/), then each draft reviewed
 * beside its scrubbed source, edited, validated and published into its category folder ({@link DraftReviewRoutes}),
 * where the content watcher offers it to trainees. Candidate lexicon phrases from the shop's well-scored replies
 * are accepted one by one. Every file operation runs on a worker thread.
 */
final class ImportRoutes {
    static final Set<Role> TRAINERS = RouteTable.roles(Role.trainer, Role.admin);
    /** A shop's product export or a month of chats is well under this; larger is refused with 413. */
    static final long UPLOAD_LIMIT = 4 * 1024 * 1024;
    private static final String DRAFTS = DraftReview.DRAFTS;

    /** One draft in the list. */
    public record DraftRow(String id, String title, String category, String status, int steps) {
    }

    /** One imported product in the list (and the chat upload's product choice). */
    public record ProductRow(String id, String title, String price) {
    }

    private final Pages pages;
    private final LiveContent content;
    private final Vertx vertx;
    private final Cues cues = Cues.load();
    private final DraftReviewRoutes drafts;
    private static final com.fasterxml.jackson.databind.ObjectMapper YAML =
            new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    ImportRoutes(Pages pages, LiveContent content, Vertx vertx) {
        this.pages = pages;
        this.content = content;
        this.vertx = vertx;
        this.drafts = new DraftReviewRoutes(pages, content, vertx);
    }

    void register(RouteTable table) {
        table.page(HttpMethod.GET, "/trainer/import", TRAINERS, this::page);
        table.add(new RouteSpec(HttpMethod.POST, "/trainer/import/products", TRAINERS, false, true, UPLOAD_LIMIT, true, this::importProducts));
        table.add(new RouteSpec(HttpMethod.POST, "/trainer/import/chats", TRAINERS, false, true, UPLOAD_LIMIT, true, this::importChats));
        table.page(HttpMethod.GET, "/trainer/import/drafts/:id", TRAINERS, drafts::draft);
        table.add(new RouteSpec(HttpMethod.POST, "/trainer/import/drafts/:id/check", TRAINERS, false, true, DraftReviewRoutes.YAML_LIMIT + 4096, false, drafts::check));
        table.add(new RouteSpec(HttpMethod.POST, "/trainer/import/drafts/:id/save", TRAINERS, false, true, DraftReviewRoutes.YAML_LIMIT + 4096, false, drafts::save));
        table.add(new RouteSpec(HttpMethod.POST, "/trainer/import/drafts/:id/publish", TRAINERS, false, true, DraftReviewRoutes.YAML_LIMIT + 4096, false, drafts::publish));
        table.page(HttpMethod.POST, "/trainer/import/phrases", TRAINERS, this::acceptPhrase);
    }

    private Path root() {
        return content.dir();
    }

    // ---- the list page

    private void page(RoutingContext ctx) {
        render(ctx, 200, Map.of());
    }

    private void render(RoutingContext ctx, int status, Map<String, Object> extra) {
        String flash = Flash.take(ctx);
        vertx.executeBlocking(() -> listModel(), false).onSuccess(model -> {
            model.putAll(extra);
            model.put("flash", flash);
            model.putIfAbsent("problems", List.of());
            model.putIfAbsent("problemsFor", "");
            pages.render(ctx, status, "trainer-import", model);
        }).onFailure(ctx::fail);
    }

    private Map<String, Object> listModel() throws IOException {
        CatalogSnapshot catalog = content.catalog();
        Map<Path, CatalogSnapshot.FileStatus> byFile = new HashMap<>();
        catalog.files().values().forEach(f -> byFile.put(f.file().toAbsolutePath().normalize(), f));
        List<DraftRow> drafts = new ArrayList<>();
        List<DraftSource> sources = new ArrayList<>();
        for (Path file : files(root().resolve(DRAFTS), ".yaml")) {
            String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (!DraftReview.DRAFT_ID.matcher(id).matches()) {
                continue;
            }
            // read from the file itself: a draft just imported is listed before the content watcher loads it
            com.fasterxml.jackson.databind.JsonNode tree;
            try {
                tree = YAML.readTree(file.toFile());
            } catch (IOException | RuntimeException e) {
                tree = null;
            }
            CatalogSnapshot.FileStatus status = byFile.get(file.toAbsolutePath().normalize());
            String state = status == null ? "loading" : status.valid() ? (status.diagnostics().isEmpty() ? "valid" : "warnings") : "invalid";
            if (tree == null || !tree.isObject()) {
                drafts.add(new DraftRow(id, id, "", "invalid", 0));
                continue;
            }
            drafts.add(new DraftRow(id, tree.path("title").asText(id), content.vocabulary().category(tree.path("category").asText("")),
                    state, tree.path("steps").size()));
        }
        for (Path file : files(root().resolve(DRAFTS), ChatImporter.SOURCE_SUFFIX)) {
            DraftSource source = DraftSource.besides(file.resolveSibling(file.getFileName().toString()
                    .replace(ChatImporter.SOURCE_SUFFIX, ".yaml")));
            if (source != null) {
                sources.add(source);
            }
        }
        Map<String, Object> model = new HashMap<>();
        model.put("drafts", drafts);
        model.put("products", products(root()));
        model.put("candidates", PhraseCandidates.of(sources, PhraseCandidates.lexicon(root())));
        model.put("kinds", PhraseCandidates.KINDS);
        model.put("dir", root().toString());
        return model;
    }

    /** The products imported into the content folder, for the list and the chat upload's product choice. */
    static List<ProductRow> products(Path root) {
        List<ProductRow> out = new ArrayList<>();
        for (Path file : files(root.resolve(ContentIds.PRODUCTS_DIR), ".yaml")) {
            String id = file.getFileName().toString().replaceFirst("\\.yaml$", "");
            try {
                Map<String, Object> card = ProductFiles.card(root, id);
                if (card != null) {
                    out.add(new ProductRow(id, String.valueOf(card.get("title")), String.valueOf(card.get("price"))));
                }
            } catch (IOException | RuntimeException e) {
                out.add(new ProductRow(id, "(文件有错误)", ""));
            }
        }
        return out;
    }

    private static List<Path> files(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    // ---- uploads

    private record Upload(String name, Path file, Path tempDir) {
        void delete() {
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(tempDir);
            } catch (IOException e) {
                // a temp file left behind is removed with the OS temp directory
            }
        }
    }

    /**
     * The uploaded file copied under its own name into a fresh temp directory: the readers choose the format by
     * the extension and name the file in their messages; the browser's path and odd names are cut off first.
     */
    private static Upload upload(RoutingContext ctx, Set<String> extensions, String what) throws IOException {
        FileUpload upload = ctx.fileUploads().stream().filter(u -> "file".equals(u.name()) && u.size() > 0).findFirst()
                .orElseThrow(() -> HttpError.badRequest("请选择要上传的" + what + "文件", "file"));
        String name = QuizImportRoutes.uploadName(upload.fileName());
        String lower = name.toLowerCase(Locale.ROOT);
        if (extensions.stream().noneMatch(lower::endsWith)) {
            throw HttpError.badRequest(what + "文件只能是 " + String.join("、", extensions) + ",不能是 " + name, "file");
        }
        Path dir = Files.createTempDirectory("kt-import-");
        Path file = dir.resolve(name);
        Files.copy(Path.of(upload.uploadedFileName()), file, StandardCopyOption.REPLACE_EXISTING);
        return new Upload(name, file, dir);
    }

    private void importProducts(RoutingContext ctx) {
        vertx.executeBlocking(() -> {
            Upload up = upload(ctx, Set.of(".csv", ".xlsx", ".xls"), "商品表");
            try {
                List<ImportedProduct> products = ProductReader.read(up.file());
                ProductFiles.write(root(), products);
                return "已导入 " + products.size() + " 个商品到 " + ContentIds.PRODUCTS_DIR + "/:"
                        + String.join("、", products.stream().map(p -> p.title() + "(" + p.id() + ")").toList());
            } finally {
                up.delete();
            }
        }, false).onSuccess(message -> {
            Flash.set(ctx, message);
            pages.redirect(ctx, "/trainer/import");
        }).onFailure(e -> refused(ctx, e, "products"));
    }

    private void importChats(RoutingContext ctx) {
        String product = field(ctx, "product");
        vertx.executeBlocking(() -> {
            Map<String, Object> card = null;
            if (!product.isEmpty()) {
                card = ProductFiles.card(root(), product);
                if (card == null) {
                    throw HttpError.badRequest("没有这个商品:" + product + "(先导入商品表)", "product");
                }
            }
            Upload up = upload(ctx, Set.of(".csv", ".txt"), "聊天记录");
            try {
                ChatImporter.Result result = new ChatImporter(cues, content.scorer()).run(up.file(), root(), card);
                return summary(result);
            } finally {
                up.delete();
            }
        }, false).onSuccess(message -> {
            Flash.set(ctx, message);
            pages.redirect(ctx, "/trainer/import");
        }).onFailure(e -> refused(ctx, e, "chats"));
    }

    /** What an import did, with the scrub report as kinds and counts (never the values). */
    static String summary(ChatImporter.Result result) {
        StringBuilder sb = new StringBuilder("已导入 " + result.conversations() + " 段对话,生成 " + result.drafts().size() + " 个草稿。");
        sb.append(scrubWords(result.scrubbed()).isEmpty() ? "没有发现需要替换的个人信息。"
                : "已替换的个人信息:" + scrubWords(result.scrubbed()) + "。");
        result.notes().forEach(n -> sb.append(n).append("。"));
        return sb.toString();
    }

    /** {phone: 2, address: 1} → 手机号 2 处、地址 1 处. */
    static String scrubWords(Map<String, Integer> scrubbed) {
        List<String> parts = new ArrayList<>();
        scrubbed.forEach((kind, n) -> parts.add(placeholderWord(kind) + " " + n + " 处"));
        return String.join("、", parts);
    }

    private static String placeholderWord(String kind) {
        for (Scrubber.Kind k : Scrubber.Kind.values()) {
            if (k.name().equals(kind)) {
                return k.placeholder.replaceAll("[{}]", "");
            }
        }
        return kind;
    }

    /** A bad file: 400 on the page with every problem as FILE:LINE: message, under the form that sent it. */
    private void refused(RoutingContext ctx, Throwable e, String form) {
        if (e instanceof ImportException ie) {
            List<String> problems = ie.problems().stream()
                    .map(p -> p.file().getFileName() + ":" + p.line() + ": " + p.message()).toList();
            render(ctx, 400, Map.of("problems", problems, "problemsFor", form));
        } else if (e instanceof HttpError he && he.status() == 400) {
            render(ctx, 400, Map.of("problems", List.of(he.getMessage()), "problemsFor", form));
        } else if (e instanceof IOException) {
            render(ctx, 400, Map.of("problems", List.of("读不了上传的文件:" + e.getMessage()), "problemsFor", form));
        } else {
            ctx.fail(e);
        }
    }

    // ---- candidate phrases

    private void acceptPhrase(RoutingContext ctx) {
        String phrase = field(ctx, "phrase");
        String kind = field(ctx, "kind");
        vertx.executeBlocking(() -> {
            try {
                return PhraseCandidates.accept(root(), kind, phrase);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest(e.getMessage(), "phrase");
            }
        }, false).onSuccess(id -> {
            Flash.set(ctx, "已把「" + phrase + "」加入 lexicon/" + kind + ".yaml(" + id + "),几秒后评分生效");
            pages.redirect(ctx, "/trainer/import#phrases");
        }).onFailure(e -> {
            if (e instanceof HttpError he && he.status() == 400) {
                render(ctx, 400, Map.of("problems", List.of(he.getMessage()), "problemsFor", "phrases"));
            } else {
                ctx.fail(e);
            }
        });
    }

    private static String field(RoutingContext ctx, String name) {
        String v = ctx.request().getFormAttribute(name);
        return v == null ? "" : v.strip();
    }
}
