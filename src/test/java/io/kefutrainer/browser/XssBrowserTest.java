package io.kefutrainer.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.kefutrainer.support.Api;
import io.kefutrainer.support.BrowserTest;
import io.kefutrainer.support.Chromium;
import io.kefutrainer.support.PageOptions;
import io.kefutrainer.support.Pages;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonArray;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Script payloads in every user-supplied field, opened in Chromium on every page that shows them. The pages run
 * with the CSP bypassed, so escaping is checked on its own (the CSP is a second line, tested in SecurityTest): a
 * payload that reached the DOM as markup would set window.__xss or open a dialog. Each page must show the payload
 * as text, create no element from it, and run none of it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@BrowserTest
@PageOptions(timezone = "Asia/Shanghai", bypassCsp = true)
class XssBrowserTest {
    /** Short enough for a display name (60 characters). */
    static final String NAME = "甲<img src=x onerror=\"window.__xss=1\">";
    static final String COHORT = "班\"><script>window.__xss=2</script>";
    static final String ALL = "<img src=x onerror=\"window.__xss=1\">\"><script>window.__xss=2</script>"
            + "</textarea><svg onload=\"window.__xss=3\"> javascript:window.__xss=4";
    /** The reply the issue names. */
    static final String REPLY = "<img src=x onerror=alert(1)>";

    @AutoClose
    private static TestApp app;
    private static Path content;

    @BeforeAll
    static void start() throws IOException {
        content = Files.createTempDirectory("kt-xss");
        copy(Path.of("scenarios"), content);
        writeTrainerContent(content);
        app = TestApp.startWithContent(content);
        // user-supplied names: a trainee's display name, a cohort's name, a quick phrase
        app.sql("UPDATE users SET display_name = $1 WHERE username = 'trainee1'", NAME);
        app.sql("UPDATE cohorts SET name = $1 WHERE name = '演示班'", COHORT);
        Api api = new Api(app);
        String token = api.token("trainee1", "demo1234");
        assertEquals(200, api.call("PUT", "/api/me/phrases", token, new JsonArray().add("短语" + ALL).add("亲,您好").encode()).statusCode());
    }

    /** A trainer's scenario file, quiz bank and exam with payloads in every text a trainee or staff member sees. */
    private static void writeTrainerContent(Path root) throws IOException {
        String q = ALL.replace("'", "''");
        Files.writeString(root.resolve("size/xss-probe.yaml"), String.join("\n",
                "id: xss-probe",
                "title: 'XSS探针" + q + "'",
                "category: size",
                "difficulty: 1",
                "persona: {name: '买家" + NAME.replace("'", "''") + "', mood: calm, patience_s: 600, max_nudges: 0}",
                "product:",
                "  title: '商品" + q + "'",
                "  price: 59",
                "  floor_price: 49",
                "  size_chart: {'M" + NAME + "': '160-170cm" + q + "'}",
                "  facts: {'面料" + NAME + "': '纯棉" + q + "'}",
                "start: ask",
                "steps:",
                "  ask:",
                "    buyer: 'XSS买家问" + q + "'",
                "    expect:",
                "      - {fact: size_m, any: [\"M码\"]}",
                "    branches:",
                "      - else: bought",
                "endings:",
                "  bought: {outcome: converted, buyer: 'XSS结束" + q + "'}",
                ""));
        Files.writeString(root.resolve("quizzes/xss.yaml"), String.join("\n",
                "category: XSS探针",
                "questions:",
                "  - id: xss-single",
                "    type: single",
                "    text: '单选题" + q + "'",
                "    choices:",
                "      - text: '选项" + q + "'",
                "        correct: true",
                "      - text: 另一个",
                "    explanation: '解析" + q + "'",
                "  - id: xss-essay",
                "    type: essay",
                "    text: '问答题" + q + "'",
                ""));
        Files.writeString(root.resolve("quizzes/exams/xss.yaml"), String.join("\n",
                "id: xss-exam",
                "title: 'XSS考试" + q + "'",
                "description: '说明" + q + "'",
                "time_limit_minutes: 10",
                "pass_mark: 60",
                "attempts: 3",
                "cohorts: []",
                "draw:",
                "  - category: XSS探针",
                "    count: 2",
                "    types: [single, essay]",
                ""));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private final List<String> dialogs = Collections.synchronizedList(new ArrayList<>());

    private Page signedIn(Page page, String user, String landing) {
        page.onDialog(d -> {
            // the app's own confirmations (start an exam, hand it in) are accepted; anything else is a payload running
            if (!"confirm".equals(d.type()) || !d.message().matches("(?s).*(确定开始|确定交卷).*")) {
                dialogs.add(d.type() + ": " + d.message());
            }
            d.accept();
        });
        Chromium.signIn(page, app, user, landing);
        return page;
    }

    /** No payload ran or became an element, and each expected text is on the page as text. */
    private void assertEscaped(Page page, String where, String... visible) {
        page.waitForTimeout(300); // let late scripts (fetches, SSE) render
        assertEquals(true, page.evaluate("() => window.__xss === undefined"), where + ": a payload ran (window.__xss set)");
        assertEquals(0, page.locator("img[src='x'], svg[onload], [onerror], script:not([src])").count(),
                where + ": a payload became an element");
        String text = page.locator("body").innerText();
        for (String v : visible) {
            assertTrue(text.contains(v), where + ": the payload is not shown as text: " + v + "\n" + text.substring(0, Math.min(800, text.length())));
        }
        assertEquals(List.of(), dialogs, where + ": a dialog opened");
    }

    // ------------------------------------------------------------------ the pages

    @Test
    @Order(1)
    @DisplayName("workbench: scenario texts, quick phrases and a reply <img src=x onerror=alert(1)> show as text in the picker, chat, coach panel and scorecard")
    void workbench(Page page) {
        signedIn(page, "trainee1", "/train");
        page.locator("[data-scenario='xss-probe']").waitFor();
        assertEscaped(page, "picker", "XSS探针" + ALL, NAME);
        page.click("[data-scenario='xss-probe']");
        page.locator(".msg-buyer .bubble", new Page.LocatorOptions().setHasText("XSS买家问")).first()
                .waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        assertEscaped(page, "chat", "XSS买家问" + ALL, "商品" + ALL.substring(0, 20), "短语" + ALL.substring(0, 20));

        page.fill("#wb-input", REPLY);
        page.press("#wb-input", "Enter");
        page.locator(".msg-mine .msg-state.sent").first().waitFor();
        Locator mine = page.locator(".msg-mine .bubble").first();
        assertTrue(mine.innerText().contains(REPLY), mine.innerText());
        page.locator(".msg-mine .coach").first().waitFor();
        assertEscaped(page, "coach panel", REPLY);
        // the buyer's last line, then the closing turn: the closing reply ends the session
        page.locator("#wb-closing").waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        page.fill("#wb-input", "感谢亲的支持,祝您购物愉快~");
        page.press("#wb-input", "Enter");
        page.locator(".result-card").waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        // the scorecard's transcript replaces the live chat log: the reply is rendered again from the server's copy
        assertTrue(page.locator(".result-card").innerText().contains("总分"), page.locator(".result-card").innerText());
        assertTrue(page.locator(".msg-mine .bubble").first().innerText().contains(REPLY), "the scorecard transcript shows the reply as text");
        assertEscaped(page, "scorecard", REPLY, "XSS结束" + ALL.substring(0, 20));
    }

    @Test
    @Order(2)
    @DisplayName("trainee pages: progress, transcript drill-down and an exam with payload questions and an essay answer")
    void traineePages(Page page) {
        String session = app.sql("SELECT s.id::text FROM practice_sessions s JOIN users u ON u.id = s.user_id"
                + " WHERE u.username = 'trainee1' AND s.scenario_id = 'xss-probe' ORDER BY s.started_at DESC LIMIT 1").iterator().next().getString(0);
        signedIn(page, "trainee1", "/train");
        page.navigate(app.url("/progress"));
        assertEscaped(page, "/progress", NAME);
        page.navigate(app.url("/progress/sessions/" + session));
        assertEscaped(page, "transcript drill-down", REPLY, "XSS买家问" + ALL);

        page.navigate(app.url("/exams"));
        Locator row = page.locator(".exam-row", new Page.LocatorOptions().setHasText("XSS考试"));
        row.waitFor();
        assertEscaped(page, "exam list", "XSS考试" + ALL, "说明" + ALL);
        row.locator("button").click();
        page.locator(".question-text", new Page.LocatorOptions().setHasText("问答题")).waitFor();
        assertEscaped(page, "exam paper", "单选题" + ALL, "选项" + ALL, "问答题" + ALL);
        page.locator("label.choice", new Page.LocatorOptions().setHasText("选项")).locator("input").check();
        Locator essay = page.locator("#questions textarea");
        essay.fill("我的回答" + ALL);
        essay.blur();
        page.locator("#save-state").filter(new Locator.FilterOptions().setHasText("已保存")).waitFor();
        page.click("#submit");
        page.locator("#exam-result").waitFor();
        page.locator("#result-questions li").first().waitFor();
        assertEscaped(page, "exam result", "单选题" + ALL, "解析" + ALL);
    }

    @Test
    @Order(3)
    @DisplayName("staff pages: dashboard, trainee page, manager transcript, admin users and cohorts, trainer scenario and quiz pages")
    void staffPages(Pages pages) {
        String session = app.sql("SELECT s.id::text FROM practice_sessions s WHERE s.scenario_id = 'xss-probe' LIMIT 1").iterator().next().getString(0);
        long trainee = app.sql("SELECT id FROM users WHERE username = 'trainee1'").iterator().next().getLong(0);
        long cohort = app.sql("SELECT id FROM cohorts WHERE name = $1", COHORT).iterator().next().getLong(0);
        { // one person after another, each in a browser of their own
            Page page = signedIn(pages.open(), "manager1", "/dashboard");
            assertEscaped(page, "/dashboard", COHORT, NAME);
            page.navigate(app.url("/dashboard/trainees/" + trainee));
            assertEscaped(page, "/dashboard/trainees", NAME);
            page.navigate(app.url("/dashboard/sessions/" + session));
            assertEscaped(page, "manager transcript", REPLY, NAME, "XSS买家问" + ALL);
        }
        {
            Page page = signedIn(pages.open(), "admin1", "/admin/users");
            assertEscaped(page, "/admin/users", NAME);
            page.navigate(app.url("/admin/cohorts"));
            assertEscaped(page, "/admin/cohorts", COHORT);
            page.navigate(app.url("/admin/cohorts/" + cohort));
            assertEscaped(page, "/admin/cohorts/:id", COHORT, NAME);
        }
        {
            Page page = signedIn(pages.open(), "trainer1", "/trainer/scenarios");
            assertEscaped(page, "/trainer/scenarios", "XSS探针" + ALL);
            page.navigate(app.url("/trainer/scenarios/xss-probe"));
            assertEscaped(page, "/trainer/scenarios/xss-probe", "XSS探针" + ALL, "XSS买家问" + ALL);
            page.navigate(app.url("/trainer/scenarios/xss-probe/preview"));
            assertEscaped(page, "scenario preview", "XSS买家问" + ALL);
            page.navigate(app.url("/trainer/quizzes"));
            assertEscaped(page, "/trainer/quizzes", "问答题" + ALL, "我的回答" + ALL);
        }
    }
}
