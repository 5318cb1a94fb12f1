package io.kefutrainer.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.kefutrainer.support.Composer;
import io.kefutrainer.support.BrowserTest;
import io.kefutrainer.support.Chromium;
import io.kefutrainer.support.PageOptions;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench in a real browser: Debian's Chromium driven by Playwright (no browser download). Plays the size
 * scenario to its scorecard through the UI, and checks the IME guard, resume after reload, and that the page runs
 * under the Content-Security-Policy without a single console error.
 */
@BrowserTest
@PageOptions(timezone = "Asia/Shanghai")
class WorkbenchBrowserTest {
    static final Path SHOTS = Paths.get(System.getProperty("kt.screenshots", "target/screenshots"));

    @AutoClose
    private static final TestApp app = TestApp.start();

    @Test
    @PageOptions(width = 1200, height = 900)
    @DisplayName("打字练习: phrases from the content file, typed to the end, give 字/分钟, accuracy and a saved result")
    void typingDrill(Page page) {
        signedIn(page);
        page.navigate(app.url("/train/typing"));
        page.selectOption("#drill-count", "3");
        page.click("#drill-start");
        for (int i = 0; i < 3; i++) {
            assertThat(page.locator("#drill-progress")).hasText("第 " + (i + 1) + " / 3 句");
            String target = page.textContent("#drill-target");
            page.fill("#drill-input", target);
        }
        assertThat(page.locator("#drill-target")).containsText("完成");
        assertThat(page.locator("#drill-accuracy")).hasText("100%");
        assertEquals(1, page.locator("#drill-history tr").count());
        shot(page, "typing-drill.png");
    }

    /** A signed-in trainee's page that records every console error and uncaught exception (CSP violations included). */
    @Test
    @DisplayName("a scenario's system: notice shows as a grey centred notice, never as a buyer bubble")
    void systemNoticeIsNotABuyerBubble(Page page) {
        try {
            signedIn(page);
            page.locator("[data-scenario='difficult-off-platform']").waitFor();
            page.click("[data-scenario='difficult-off-platform']");
            page.locator(".msg-buyer").first().waitFor(new Locator.WaitForOptions().setTimeout(15_000));
            Composer.reply(page, "亲 加我vx转账吧,便宜点");
            Locator notice = page.locator(".msg-system .notice-text", new Page.LocatorOptions().setHasText("客服引导站外交易"));
            notice.waitFor(new Locator.WaitForOptions().setTimeout(15_000));
            assertEquals("center", page.locator(".msg-system").first().evaluate("e => window.getComputedStyle(e).textAlign"),
                "centred: " + page.locator(".msg-system").first().evaluate("e => e.outerHTML + ' ' + window.getComputedStyle(e).display"));
            assertEquals("rgb(107, 114, 128)", notice.first().evaluate("e => window.getComputedStyle(e).color"), "grey");
            assertEquals(0, page.locator(".msg-buyer", new Page.LocatorOptions().setHasText("客服引导站外交易")).count(),
                    "the notice is not the buyer speaking");
            shot(page, "system-notice.png");
        } finally {
            page.context().close(); // before the delete: an open workbench would ask for its session
            // playToScorecard counts every stored reply's metrics: leave none behind
            app.sql("DELETE FROM practice_sessions WHERE scenario_id = 'difficult-off-platform'");
        }
    }

    @Test
    @DisplayName("a picture the buyer sends shows as a picture with its caption, never as the raw [图片:…] marker")
    void buyerPictureIsShownAsAPicture(Page page) {
        try {
            signedIn(page);
            page.locator("[data-scenario='escalation-supervisor-handoff']").waitFor();
            page.click("[data-scenario='escalation-supervisor-handoff']");
            Locator picture = page.locator(".msg-buyer .bubble-image");
            picture.waitFor(new Locator.WaitForOptions().setTimeout(15_000));
            assertThat(picture.locator(".image-caption")).hasText("快递箱里碎成两半的杯子");
            assertEquals(0, page.locator(".msg-buyer .bubble", new Page.LocatorOptions().setHasText("[图片")).count(),
                    "the marker is not shown as text");
            page.locator(".msg-buyer", new Page.LocatorOptions().setHasText("你做不了主")).waitFor(
                    new Locator.WaitForOptions().setTimeout(15_000));
            shot(page, "buyer-picture.png");
        } finally {
            page.context().close();
            app.sql("DELETE FROM practice_sessions WHERE scenario_id = 'escalation-supervisor-handoff'");
        }
    }

    @Test
    @DisplayName("sarcasm the lexicon lacks is coached as 整体语气 on the words that made it impolite, in Chinese")
    void learnedToneIsCoachedOnItsSpan(Page page) {
        try {
            signedIn(page);
            page.locator("[data-scenario='difficult-abusive-buyer']").waitFor();
            page.click("[data-scenario='difficult-abusive-buyer']");
            page.locator(".msg-buyer").first().waitFor(new Locator.WaitForOptions().setTimeout(15_000));
            Composer.reply(page, "亲,非常抱歉,我们帮您处理");
            buyerSays(page, "就是不亮");
            Composer.reply(page, "行行行,您说了算");
            Locator coach = page.locator(".msg-mine .coach").nth(1);
            coach.waitFor();
            String text = coach.textContent();
            assertTrue(text.contains("整体语气"), text);
            assertTrue(text.contains("先回应买家的问题和情绪"), "advice in Chinese: " + text);
            assertTrue(page.locator(".msg-mine .coach mark, .msg-mine .coach .span").count() > 0
                    || coach.innerHTML().contains("行行行"), "the span is marked: " + coach.innerHTML());
            shot(page, "tone-finding.png");
        } finally {
            page.context().close();
            app.sql("DELETE FROM practice_sessions WHERE scenario_id = 'difficult-abusive-buyer'");
        }
    }

    private static Page signedIn(Page page) {
        return Chromium.signIn(page, app, "trainee1", "/train");
    }

    static void shot(Page page, String name) {
        try {
            Files.createDirectories(SHOTS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name)));
    }

    private static Locator buyerSays(Page page, String text) {
        Locator line = page.locator(".msg-buyer .bubble", new Page.LocatorOptions().setHasText(text));
        line.first().waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        return line;
    }

    @Test
    @DisplayName("a trainee plays a practice chat to its scorecard: Enter sends (never while composing), findings, resume")
    void playToScorecard(Page page) {
        signedIn(page);
        page.locator("[data-scenario='size-dress-between-sizes']").waitFor();
        shot(page, "picker.png");
        page.click("[data-scenario='size-dress-between-sizes']");

        // the buyer's opening question arrives after the simulated typing
        page.locator(".msg-buyer").first().waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        page.locator(".product .price").waitFor();
        assertTrue(page.textContent(".product").contains("法式碎花雪纺连衣裙"));

        // Enter while an IME is composing picks a candidate: it must not send
        page.fill("#wb-input", "亲,您好");
        page.evaluate("() => { const el = document.getElementById('wb-input');"
                + " el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', isComposing: true, bubbles: true, cancelable: true}));"
                + " el.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', keyCode: 229, bubbles: true, cancelable: true})); }");
        page.waitForTimeout(300);
        assertEquals(0, page.locator(".msg-mine").count(), "nothing was sent while composing");
        assertEquals("亲,您好", page.inputValue("#wb-input"));

        // a typed Chinese reply is acknowledged, coached, and the buyer answers
        Composer.reply(page, "亲,您好~ 按您160cm 96斤,建议拍M码哦,穿着不会紧");
        page.locator(".msg-mine .coach").first().waitFor();
        buyerSays(page, "会不会勒啊");

        // a draft survives a reload, and the conversation resumes where it was
        page.fill("#wb-input", "草稿:腰部是松紧");
        page.reload();
        buyerSays(page, "会不会勒啊");
        assertThat(page.locator("#wb-input")).hasValue("草稿:腰部是松紧");
        assertEquals(1, page.locator(".msg-mine").count(), "the sent reply is shown once after the reload");

        Composer.reply(page, "亲放心,这款腰部是松紧设计,有弹性,不会勒的~");
        buyerSays(page, "面料透不透");
        shot(page, "workbench.png");
        // the last reply ends with a quick phrase inserted by its shortcut (Alt+7), measured apart from typing
        page.fill("#wb-input", "面料是雪纺,里面有棉内衬,不透的,支持七天无理由退换哦。");
        page.press("#wb-input", "Alt+7");
        assertTrue(page.inputValue("#wb-input").endsWith("亲,还有其他可以帮您的吗?"), page.inputValue("#wb-input"));
        int acknowledged = page.locator(".msg-mine .msg-state.sent").count();
        page.press("#wb-input", "Enter");
        page.locator(".msg-mine .msg-state.sent").nth(acknowledged).waitFor();

        // the buyer's last line, then the closing turn: a hint with the seconds left, the composer still open
        Locator closing = page.locator("#wb-closing");
        closing.waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        assertThat(closing).containsText("买家已结束咨询,请发送结束语");
        assertTrue(closing.textContent().matches(".*还剩 \\d+ 秒.*"), closing.textContent());
        assertThat(page.locator("#wb-status")).hasText("待发结束语");
        assertTrue(page.locator("#wb-composer").isVisible(), "the closing reply is typed in the usual box");
        assertEquals(0, page.locator(".result-card").count(), "no result before the closing reply");
        shot(page, "closing-turn.png");
        Composer.reply(page, "好的亲,感谢您的支持,祝您购物愉快~");
        assertTrue(closing.isHidden(), "the hint goes with the closing reply");

        // the ending: outcome, scorecard, transcript, 再练一次
        page.locator(".result-card").waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        String result = page.textContent(".result-card");
        assertTrue(result.contains("成交"), result);
        assertTrue(result.contains("总分"), "the server's scorecard is rendered: " + result);
        assertTrue(page.locator(".result-card button", new Page.LocatorOptions().setHasText("再练一次")).isVisible());
        assertTrue(page.locator("#wb-composer").isHidden(), "no composer once the session has ended");
        shot(page, "scorecard.png");

        // the metrics reached the server with the replies: typed characters, Han counted apart
        List<JsonObject> metrics = new ArrayList<>();
        for (Row r : app.sql("SELECT metrics::text FROM session_events WHERE sender = 'trainee' ORDER BY at")) {
            metrics.add(new JsonObject(r.getString(0)));
        }
        assertEquals(4, metrics.size(), "three answers and the closing reply");
        JsonObject first = metrics.get(0);
        assertEquals(16, first.getInteger("committedHan"), first.encode());
        assertEquals(30, first.getInteger("committed"), first.encode());
        assertEquals(0, first.getInteger("pasted"));
        assertEquals(13, metrics.get(2).getInteger("quickPhrase"), metrics.get(2).encode());
        assertEquals(0, metrics.get(2).getInteger("pasted"));

        // the transcript page marks the closing reply as the 结束语 (it has no response time)
        String session = app.sql("SELECT session_id::text FROM session_events WHERE kind = 'closing' ORDER BY at DESC LIMIT 1")
                .iterator().next().getString(0);
        page.navigate(app.url("/progress/sessions/" + session));
        Locator tag = page.locator(".line-trainee .closing-tag");
        assertThat(tag).hasCount(1);
        assertThat(tag).hasText("结束语");
        assertEquals(0, page.locator(".line-trainee", new Page.LocatorOptions().setHas(tag)).locator(".response").count());
        tag.scrollIntoViewIfNeeded();
        shot(page, "transcript-closing.png");
    }
}
