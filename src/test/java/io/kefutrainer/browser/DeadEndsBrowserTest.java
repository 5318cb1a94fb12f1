package io.kefutrainer.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.kefutrainer.support.Composer;
import io.kefutrainer.support.BrowserTest;
import io.kefutrainer.support.Chromium;
import io.kefutrainer.support.Pages;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's dead ends, in Chromium as a first user meets them: every place where the screen used to do nothing, cut
 * something silently or give the answer away now says what happened.
 */
@BrowserTest
class DeadEndsBrowserTest {
    private static final Path SHOTS = Path.of("/tmp/shots-m");
    @AutoClose
    private static final TestApp app = TestApp.startWithDemoHistory();

    @BeforeAll
    static void shots() throws Exception {
        Files.createDirectories(SHOTS);
    }

    @Test
    @DisplayName("exam: submitting with blank answers names how many; 错题本 shuffles the options and updates 连续答对 live")
    void examAndMistakes(Page page) {
        List<String> dialogs = Collections.synchronizedList(new ArrayList<>());
        Chromium.signIn(page, app, "trainee3", "/train");
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.accept();
        });
        page.navigate(app.url("/exams"));
        page.locator("#exams button.primary").first().click();
        page.locator("#questions li").first().waitFor();
        int questions = page.locator("#questions > li").count();
        page.click("#submit");
        page.locator("#exam-result").waitFor();
        assertTrue(dialogs.stream().anyMatch(m -> m.contains("还有 " + questions + " 题未作答")), dialogs.toString());
        assertThat(page.locator("#result-summary")).containsText("未通过(差 80 分及格)");

        // 错题本: every blank question is there; the options are not in the bank's order (the right one first)
        Locator items = page.locator("#mistake-list > li");
        items.first().locator("button").waitFor();
        JsonObject book = new JsonObject((String) page.evaluate("() => fetch('/api/mistakes').then(r => r.text())"));
        JsonArray all = book.getJsonArray("questions");
        int reordered = 0;
        int comparable = 0;
        int firstSingle = -1;
        for (int i = 0; i < all.size(); i++) {
            JsonObject q = all.getJsonObject(i);
            if (!List.of("single", "multiple").contains(q.getString("type")) || q.getJsonArray("options").size() < 3) {
                continue;
            }
            if (firstSingle < 0 && q.getString("type").equals("single")) {
                firstSingle = i;
            }
            List<String> shown = items.nth(i).locator("label.choice").allTextContents();
            comparable++;
            if (!shown.equals(q.getJsonArray("options").getList())) {
                reordered++;
            }
        }
        assertTrue(comparable >= 4, "enough choice questions to compare: " + comparable);
        assertTrue(reordered > 0, "the 错题本 shows options in the bank's order every time (" + comparable + " questions)");

        // answer wrong (or right) once, then pick the right answer by its text: 正确, and the streak moves at once
        Locator item = items.nth(firstSingle);
        item.locator("label.choice input").first().check();
        item.locator("button").click();
        Locator outcome = item.locator("p", new Locator.LocatorOptions().setHasText("正确答案:"));
        outcome.waitFor();
        // the options are shuffled, so the first one is sometimes the right one: then the streak starts at 1
        boolean firstRight = item.locator("p.passed").count() > 0;
        String right = outcome.textContent().replace("正确答案:", "").trim();
        item.locator("label.choice", new Locator.LocatorOptions().setHasText(right)).first().locator("input").check();
        item.locator("button").click();
        assertThat(item.locator("p.passed")).containsText("正确");
        assertThat(item.locator(".question-type")).containsText(firstRight ? "连续答对 2/2" : "连续答对 1/2");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(false).setPath(SHOTS.resolve("mistakes-trainee3.png")));
    }

    @Test
    @DisplayName("workbench: a reply over the limit is kept whole and the box says by how much; an empty reply says why")
    void replyBox(Page page) {
        Chromium.signIn(page, app, "trainee2", "/train");
        page.locator("[data-scenario='size-dress-between-sizes']").waitFor();
        page.click("[data-scenario='size-dress-between-sizes']");
        page.locator(".msg-buyer").first().waitFor(new Locator.WaitForOptions().setTimeout(15_000));

        page.press("#wb-input", "Enter");
        assertThat(page.locator("#wb-hint")).containsText("回复是空的");
        assertEquals(0, page.locator(".msg-mine").count());

        String long3000 = "亲".repeat(3000);
        page.fill("#wb-input", long3000);
        assertEquals(3000, ((String) page.inputValue("#wb-input")).length(), "the paste is not cut");
        assertThat(page.locator("#wb-hint")).containsText("回复最多 2000 字,现在 3000 字,多了 1000 字");
        page.press("#wb-input", "Enter");
        assertEquals(0, page.locator(".msg-mine").count(), "nothing sent");
        assertThat(page.locator("#wb-hint")).containsText("多了 1000 字");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("reply-too-long-trainee2.png")));
        page.fill("#wb-input", "亲,您好");
        assertThat(page.locator("#wb-hint")).hasText("");
    }

    @Test
    @DisplayName("a reply typed through a pinyin IME gets its typing speed, not the pasted/implausible notice")
    void typedReplyIsNotPasted(Page page) {
        Chromium.signIn(page, app, "trainee1", "/train");
        page.locator("[data-scenario='size-kids-tshirt']").waitFor();
        page.click("[data-scenario='size-kids-tshirt']");
        page.locator(".msg-buyer").first().waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        page.click("#wb-input");
        // as a pinyin IME types: each word composed letter by letter, then committed (Chromium's own IME events)
        com.microsoft.playwright.CDPSession cdp = page.context().newCDPSession(page);
        // an answer to the buyer, who has already given the child's height and weight in every opening (asking
        // "请问宝宝多高多重呢?" again reads as not listening, and the scorer may rightly mark it down)
        String[][] words = {{"qin", "亲"}, {",", ","}, {"ninhao", "您好"}, {",", ","}, {"jianyi", "建议"},
                {"xuan", "选"}, {"da", "大"}, {"yi", "一"}, {"ma", "码"}, {"o", "哦"}};
        for (String[] w : words) {
            if (w[0].length() > 1) {
                for (int i = 1; i <= w[0].length(); i++) {
                    com.google.gson.JsonObject c = new com.google.gson.JsonObject();
                    c.addProperty("text", w[0].substring(0, i));
                    c.addProperty("selectionStart", i);
                    c.addProperty("selectionEnd", i);
                    cdp.send("Input.imeSetComposition", c);
                    page.waitForTimeout(120);
                }
            }
            com.google.gson.JsonObject commit = new com.google.gson.JsonObject();
            commit.addProperty("text", w[1]);
            cdp.send("Input.insertText", commit);
            page.waitForTimeout(150);
        }
        assertEquals("亲,您好,建议选大一码哦", page.inputValue("#wb-input"));
        page.press("#wb-input", "Enter");
        Locator meta = page.locator(".msg-mine .coach .coach-meta").first();
        meta.waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        assertTrue(meta.textContent().contains("字/分") && !meta.textContent().contains("打字速度不计"), meta.textContent());
        assertEquals(0, page.locator(".msg-mine .msg-pasted").count(), "no 粘贴 tag");
        // polite words are never marked as a fault, and every mark says why (its title), as on the transcript
        @SuppressWarnings("unchecked")
        List<List<String>> marks = (List<List<String>>) page.evaluate("() => [...document.querySelectorAll('.msg-mine .coach-text mark')]"
                + ".map(m => [m.textContent, m.className, m.title || ''])");
        assertFalse(marks.isEmpty(), "the polite words are marked");
        for (List<String> m : marks) {
            assertFalse(m.get(2).isBlank(), "a mark without a reason: " + m);
            if (m.get(0).matches(".*(您好|建议).*")) {
                assertFalse(m.get(1).contains("span-bad") || m.get(1).contains("span-violation"), "a polite word marked as a fault: " + m);
            }
        }
    }

    @Test
    @DisplayName("推荐练习 on 我的进步 leads straight to its scenario on the workbench, marked and ready to start")
    void recommendedScenarioLink(Page page) {
        Chromium.signIn(page, app, "trainee3", "/train");
        page.navigate(app.url("/progress"));
        Locator link = page.locator("#weak-areas a[href^='/train#scenario=']").first();
        String id = link.getAttribute("href").replace("/train#scenario=", "");
        link.click();
        Locator card = page.locator(".scenario-card.suggested");
        card.waitFor();
        assertEquals(1, card.locator("button[data-scenario='" + id + "']").count());
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("suggested-scenario-trainee3.png")));
    }

    @Test
    @DisplayName("a failed practice chat says why it failed: a must-pass item, or the total under the pass mark")
    void failedChatSaysWhy(Page page) {
        Chromium.signIn(page, app, "trainee1", "/train");
        page.locator("[data-scenario='size-dress-between-sizes']").waitFor();
        page.click("[data-scenario='size-dress-between-sizes']");
        page.locator(".msg-buyer").first().waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        Locator result = Composer.replyUntilResult(page, "嗯嗯", 8, new Locator.WaitForOptions());
        result.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        Locator verdict = page.locator(".score-verdict");
        verdict.waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        assertTrue(verdict.textContent().contains("未通过"), verdict.textContent());
        assertTrue(page.locator(".scorecard .must-pass li, .scorecard .fail-reason").count() > 0, "a 未通过 says why");
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("failed-chat-trainee1.png")));
    }

    @Test
    @DisplayName("admin: the username pattern is valid in Chromium, 批次 survives a refused form, 移出 asks first")
    void adminForms(Page page, Pages pages) {
        List<String> warnings = Collections.synchronizedList(new ArrayList<>());
        List<String> dialogs = Collections.synchronizedList(new ArrayList<>());
        Chromium.signIn(page, app, "admin1", "/admin/users");
        page.onConsoleMessage(m -> warnings.add(m.type() + ": " + m.text()));
        page.reload();
        Locator username = page.locator("input[name=username]");
        username.fill("has space");
        assertEquals(Boolean.TRUE, username.evaluate("e => e.validity.patternMismatch"), "the pattern is compiled and applied");
        username.fill("trainee1");
        assertEquals(Boolean.FALSE, username.evaluate("e => e.validity.patternMismatch"));
        assertTrue(warnings.stream().noneMatch(w -> w.contains("pattern")), warnings.toString());

        // a taken username is refused by the server: the form comes back with the cohort still chosen
        page.fill("input[name=displayName]", "重复的人");
        page.selectOption("select[name=role]", "trainee");
        String cohort = page.locator("select[name=cohortId] option").nth(1).getAttribute("value");
        page.selectOption("select[name=cohortId]", cohort);
        page.click("form[action='/admin/users'] button[type=submit]");
        assertThat(page.locator("p.error")).isVisible();
        assertThat(page.locator("select[name=cohortId]")).hasValue(cohort);
        assertThat(page.locator("input[name=username]")).hasValue("trainee1");
        pages.errors().removeIf(e -> e.contains("409"));
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("admin-users-refused.png")));

        page.navigate(app.url("/admin/cohorts/" + cohort));
        int members = page.locator("form[action$='/remove']").count();
        page.onDialog(d -> {
            dialogs.add(d.message());
            d.dismiss();
        });
        page.locator("form[action$='/remove'] button").first().click();
        page.waitForTimeout(300);
        assertEquals(1, dialogs.size(), "移出 asks first");
        assertTrue(dialogs.get(0).contains("移出"), dialogs.toString());
        assertEquals(members, page.locator("form[action$='/remove']").count(), "dismissed: nobody removed");
    }
}
