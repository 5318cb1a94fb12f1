package io.kefutrainer.web;

import io.kefutrainer.content.ScoringFiles;
import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.scoring.ScoringContent;
import io.kefutrainer.support.Api;
import io.kefutrainer.support.Browser;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("导入 page: upload products and chats, review a draft beside its source, validate, publish, accept phrases")
@DbTest
class ImportPageTest {
    static final Path SAMPLES = Path.of("src/test/resources/importing");
    private static TestApp app;
    /** The server's own copy of the content, where imports land. */
    private static Path live;
    private static Browser trainer;
    private static Api api;
    private static String trainee;

    @BeforeAll
    static void start() {
        app = TestApp.startWithContent(Path.of("src/test/resources/practice"));
        live = app.app().content().dir();
        trainer = new Browser(app);
        assertEquals(303, trainer.login("trainer1", "demo1234").statusCode());
        api = new Api(app);
        trainee = api.token("trainee1", "demo1234");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> upload(String path, String fileName, byte[] content) {
        return trainer.upload("/trainer/import", path, Map.of(), fileName, "application/octet-stream", content);
    }

    /** Imports the sample chats and returns the ids of the drafts listed on the page afterwards. */
    private static List<String> importSample() throws IOException {
        HttpResponse<String> r = upload("/trainer/import/chats", "chats-sample.csv", Files.readAllBytes(SAMPLES.resolve("chats-sample.csv")));
        assertEquals(303, r.statusCode(), r.body());
        return draftIds(trainer.get("/trainer/import").body());
    }

    private static List<String> draftIds(String page) {
        Matcher m = Pattern.compile("href=\"/trainer/import/drafts/(draft-[0-9a-f]{10})\"").matcher(page);
        List<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String unescape(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    private static String textarea(String html) {
        Matcher m = Pattern.compile("<textarea name=\"yaml\"[^>]*>(.*?)</textarea>", Pattern.DOTALL).matcher(html);
        assertTrue(m.find(), html);
        return unescape(m.group(1));
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    @DisplayName("a bad file is refused with 400 and the reason (file:line, wrong type, no file); nothing is written")
    void badFiles() throws IOException {
        HttpResponse<String> qianniu = upload("/trainer/import/chats", "记录.txt", "\n在吗\ntb_x 2024-05-01 10:00:00\n你好\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, qianniu.statusCode());
        assertTrue(qianniu.body().contains("记录.txt:2: 消息前没有「昵称 2024-05-01 10:00:00」标题行"), qianniu.body());

        long productsBefore = count(live.resolve("products"));
        HttpResponse<String> products = upload("/trainer/import/products", "products-bad-row.csv", Files.readAllBytes(SAMPLES.resolve("products-bad-row.csv")));
        assertEquals(400, products.statusCode());
        assertTrue(products.body().contains("products-bad-row.csv:"), products.body());
        assertTrue(products.body().contains("没有导入"), products.body());
        assertEquals(productsBefore, count(live.resolve("products")), "a bad product file writes nothing");

        HttpResponse<String> pdf = upload("/trainer/import/chats", "chats.pdf", "%PDF-1.4".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, pdf.statusCode());
        assertTrue(pdf.body().contains("聊天记录文件只能是"), pdf.body());

        HttpResponse<String> gbk = upload("/trainer/import/chats", "gbk.csv", "conversation,time,from,text\nc1,1,buyer,在吗\n".getBytes("GBK"));
        assertEquals(400, gbk.statusCode());
        assertTrue(gbk.body().contains("不是 UTF-8 编码"), gbk.body());

        HttpResponse<String> none = upload("/trainer/import/chats", "", new byte[0]);
        assertEquals(400, none.statusCode());
        assertTrue(none.body().contains("请选择要上传的聊天记录文件"), none.body());

        HttpResponse<String> huge = upload("/trainer/import/chats", "big.csv", new byte[(int) ImportRoutes.UPLOAD_LIMIT + 1024]);
        assertEquals(413, huge.statusCode(), "larger than the upload limit");
        try (Stream<Path> drafts = Files.exists(live.resolve("drafts")) ? Files.list(live.resolve("drafts")) : Stream.empty()) {
            assertTrue(drafts.noneMatch(p -> p.toString().contains("gbk") || p.toString().contains("big")));
        }
    }

    @Test
    @DisplayName("products upload: one file per product under products/, listed with the id a scenario can reference")
    void productsUpload() throws IOException {
        HttpResponse<String> r = upload("/trainer/import/products", "products-minimal.csv", Files.readAllBytes(SAMPLES.resolve("products-minimal.csv")));
        assertEquals(303, r.statusCode(), r.body());
        String page = trainer.get("/trainer/import").body();
        assertTrue(page.contains("已导入 2 个商品"), page);
        try (Stream<Path> files = Files.list(live.resolve("products"))) {
            List<String> ids = files.map(p -> p.getFileName().toString().replace(".yaml", "")).toList();
            assertEquals(2, ids.size());
            ids.forEach(id -> assertTrue(page.contains("product: " + id), page));
        }
    }

    @Test
    @DisplayName("chats upload: scrub report as kinds and counts, drafts listed, each beside its scrubbed source; no personal data anywhere")
    void chatsUploadAndReview() throws IOException {
        HttpResponse<String> r = upload("/trainer/import/chats", "chats-sample.csv", Files.readAllBytes(SAMPLES.resolve("chats-sample.csv")));
        assertEquals(303, r.statusCode(), r.body());
        String page = trainer.get("/trainer/import").body();
        assertTrue(page.contains("已导入 3 段对话,生成 3 个草稿"), page);
        assertTrue(page.contains("手机号 1 处") && page.contains("地址 1 处") && page.contains("订单号 1 处"), page);
        List<String> ids = draftIds(page);
        assertTrue(ids.size() >= 3, page);

        String review = trainer.get("/trainer/import/drafts/" + ids.get(0)).body();
        assertTrue(review.contains("原对话(已去除个人信息)") && review.contains("class=\"text\""), review);
        assertTrue(textarea(review).contains("draft: true"), review);
        assertTrue(review.contains("场景草稿 <code>drafts/" + ids.get(0) + ".yaml</code>"), "the file being edited is named");
        StringBuilder all = new StringBuilder(page);
        for (String id : ids) {
            all.append(trainer.get("/trainer/import/drafts/" + id).body());
        }
        try (Stream<Path> files = Files.list(live.resolve("drafts"))) {
            for (Path f : files.toList()) {
                all.append(Files.readString(f));
            }
        }
        for (String secret : List.of("13912345678", "张江路88弄", "陈静", "小鹿乱撞0823", "tb_8812345", "2024050412345678901", "小雨")) {
            assertFalse(all.toString().contains(secret), "shown or stored: " + secret);
        }
        assertTrue(all.toString().contains("{手机号}") && all.toString().contains("{地址}"), "placeholders shown in the source");
        assertEquals(404, trainer.get("/trainer/import/drafts/..%2Frules").statusCode());
        assertEquals(404, trainer.get("/trainer/import/drafts/draft-0000000000").statusCode());
    }

    @Test
    @DisplayName("edit + check: errors come back with line and column in Chinese, as validate gives them; save keeps a valid draft only")
    void editAndValidate() throws IOException {
        String id = importSample().get(0);
        String yaml = textarea(trainer.get("/trainer/import/drafts/" + id).body());
        Path file = live.resolve("drafts").resolve(id + ".yaml");
        String before = Files.readString(file);

        // a goto to a step that does not exist, on a line we know
        String broken = yaml.replaceFirst("start: s1", "start: s9");
        int line = List.of(broken.split("\n", -1)).indexOf("start: s9") + 1;
        String page = "/trainer/import/drafts/" + id;
        HttpResponse<String> checked = trainer.submit(page, page + "/check", Map.of("yaml", broken));
        assertEquals(400, checked.statusCode());
        String body = unescape(checked.body());
        assertTrue(body.contains("drafts/" + id + ".yaml:" + line + ":8: 错误:"), body);
        assertTrue(body.contains("s9"), body);
        assertTrue(textarea(checked.body()).contains("start: s9"), "the trainer's text stays in the editor");

        HttpResponse<String> yamlError = trainer.submit(page, page + "/check", Map.of("yaml", yaml + "steps: [\n"));
        assertEquals(400, yamlError.statusCode());
        assertTrue(unescape(yamlError.body()).contains("drafts/" + id + ".yaml:"), yamlError.body());

        assertEquals(400, trainer.submit(page, page + "/save", Map.of("yaml", broken)).statusCode());
        assertEquals(before, Files.readString(file), "a draft with errors is not saved");

        HttpResponse<String> ok = trainer.submit(page, page + "/check", Map.of("yaml", yaml));
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("检查通过"), ok.body());

        String edited = yaml.replaceFirst("difficulty: 2", "difficulty: 3");
        assertEquals(303, trainer.submit(page, page + "/save", Map.of("yaml", edited)).statusCode());
        assertTrue(Files.readString(file).contains("difficulty: 3"));
        HttpResponse<String> undrafted = trainer.submit(page, page + "/save", Map.of("yaml", edited.replace("draft: true\n", "")));
        assertEquals(400, undrafted.statusCode(), "saving never publishes");
        assertTrue(undrafted.body().contains("草稿要保留 draft: true"), undrafted.body());
    }

    private static boolean offered(String id) {
        JsonArray list = new JsonArray(api.call("GET", "/api/scenarios", trainee, null).body());
        return list.stream().map(JsonObject.class::cast).anyMatch(s -> s.getString("id").equals(id));
    }

    private static HttpResponse<String> startAsTrainee(String id) {
        return api.call("POST", "/api/sessions", trainee, new JsonObject().put("scenario", id).encode());
    }

    @Test
    @DisplayName("a draft is not offered to trainees (list and start refuse it) until published; then it is, within seconds")
    void publish() throws Exception {
        String id = importSample().get(1);
        // the content watcher has loaded the draft: the trainer list shows it, the trainee list does not
        boolean loaded = false;
        for (int i = 0; i < 50 && !loaded; i++) {
            loaded = app.app().content().catalog().scenario(id).isPresent();
            if (!loaded) {
                Thread.sleep(100);
            }
        }
        assertTrue(loaded, "the draft is loaded as a draft");
        assertFalse(offered(id), "a draft is not in the trainee's list");
        HttpResponse<String> refused = startAsTrainee(id);
        assertTrue(refused.statusCode() >= 400 && refused.statusCode() < 500, refused.statusCode() + " " + refused.body());

        String page = "/trainer/import/drafts/" + id;
        String yaml = textarea(trainer.get(page).body());
        HttpResponse<String> published = trainer.submit(page, page + "/publish", Map.of("yaml", yaml));
        assertEquals(303, published.statusCode(), published.body());
        assertFalse(Files.exists(live.resolve("drafts").resolve(id + ".yaml")), "the draft is moved, not copied");
        Path target;
        try (Stream<Path> walk = Files.walk(live)) {
            target = walk.filter(p -> p.getFileName().toString().equals(id + ".yaml")).findFirst().orElseThrow();
        }
        String text = Files.readString(target);
        assertFalse(Pattern.compile("(?m)^draft:").matcher(text).find(), text);
        assertFalse(text.contains("导入草稿"), "trainees see the title and tags without the draft marks: " + text);
        assertTrue(text.contains("- " + io.kefutrainer.importing.DraftReview.PUBLISHED_TAG), text);
        assertTrue(trainer.get("/trainer/import").body().contains("已发布"), "the trainer is told");

        boolean live = false;
        for (int i = 0; i < 60 && !live; i++) {
            live = offered(id);
            if (!live) {
                Thread.sleep(100);
            }
        }
        assertTrue(live, "the published scenario reaches the trainee's list after the content reload");
        assertEquals(201, startAsTrainee(id).statusCode());
        assertEquals(404, trainer.get(page).statusCode(), "the draft page is gone after publishing");
    }

    @Test
    @DisplayName("candidate phrases from well-scored replies: listed, accepted one by one into the right lexicon file, which still loads")
    void candidatePhrases() throws Exception {
        importSample();
        String page = trainer.get("/trainer/import").body();
        assertTrue(page.contains("<td>感谢您的耐心等待</td>"), page);
        assertTrue(page.contains("<td>2 条好回复</td>"), page);
        assertFalse(Files.readString(live.resolve("lexicon/closing.yaml")).contains("感谢您的耐心等待"), "nothing is added on its own");

        assertEquals(400, trainer.submit("/trainer/import", "/trainer/import/phrases",
                Map.of("phrase", "感谢您的耐心等待", "kind", "forbidden")).statusCode(), "only the lexicon kinds that credit a reply");
        HttpResponse<String> accepted = trainer.submit("/trainer/import", "/trainer/import/phrases",
                Map.of("phrase", "感谢您的耐心等待", "kind", "closing"));
        assertEquals(303, accepted.statusCode(), accepted.body());
        String closing = Files.readString(live.resolve("lexicon/closing.yaml"));
        assertTrue(closing.contains("phrases: [\"感谢您的耐心等待\"]"), closing);
        assertTrue(closing.startsWith("# Closings"), "the file's own text and comments are kept");
        ScoringContent content = ScoringFiles.load(live);
        assertTrue(content.lexicon().stream().anyMatch(e -> e.phrases().contains("感谢您的耐心等待") && e.kind().equals("closing")));
        assertEquals(0, ScenarioCatalog.validate(List.of(live)).errors(), "validate accepts the content after the addition");

        String after = trainer.get("/trainer/import").body();
        assertTrue(after.contains("已把「感谢您的耐心等待」加入 lexicon/closing.yaml"), after);
        assertFalse(after.contains("<td>感谢您的耐心等待</td>"), "an accepted phrase is no longer a candidate");
        HttpResponse<String> again = trainer.submit("/trainer/import", "/trainer/import/phrases",
                Map.of("phrase", "感谢您的耐心等待", "kind", "closing"));
        assertEquals(400, again.statusCode());
        assertTrue(again.body().contains("词库里已经有"), again.body());
    }

    @Test
    @DisplayName("markup in an uploaded chat shows as text on the review page")
    void markupEscaped() {
        String csv = "conversation,time,from,text\nx1,1,buyer,<img src=x onerror=alert(1)> 在吗 有货吗\n"
                + "x1,2,agent,\"亲,您好~有货的哦,今天下单今天发货,感谢您的耐心等待\"\n";
        assertEquals(303, upload("/trainer/import/chats", "xss.csv", csv.getBytes(StandardCharsets.UTF_8)).statusCode());
        String list = trainer.get("/trainer/import").body();
        String id = draftIds(list).stream().filter(d -> trainer.get("/trainer/import/drafts/" + d).body().contains("onerror"))
                .findFirst().orElseThrow();
        String review = trainer.get("/trainer/import/drafts/" + id).body();
        assertFalse(review.contains("<img src=x"), review);
        assertTrue(review.contains("&lt;img src=x onerror=alert(1)&gt;"), review);
        assertFalse(list.contains("<img src=x"), list);
    }

    @Test
    @DisplayName("a trainee cannot open the import page or upload")
    void traineeRefused() {
        Browser t = new Browser(app);
        assertEquals(303, t.login("trainee1", "demo1234").statusCode());
        assertEquals(403, t.get("/trainer/import").statusCode());
    }
}
