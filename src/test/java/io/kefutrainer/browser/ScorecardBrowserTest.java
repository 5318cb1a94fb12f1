package io.kefutrainer.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.kefutrainer.support.Composer;
import io.kefutrainer.support.BrowserTest;
import io.kefutrainer.support.Chromium;
import io.kefutrainer.support.SessionFixtures;
import io.kefutrainer.support.TestApp;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a scorecard says, in Chromium: a must-pass failure in words (from data), and 评分等级 beside 买家评价. */
@BrowserTest
class ScorecardBrowserTest {
    @AutoClose
    private static final TestApp app = TestApp.start();

    @Test
    @DisplayName("a chat failed by a move to WeChat names the reply, the violation and the rule in Chinese, without English")
    void mustPassInWords(Page page) {
        Chromium.signIn(page, app, "trainee2", "/train");
        page.locator("[data-scenario='size-dress-between-sizes']").waitFor();
        page.click("[data-scenario='size-dress-between-sizes']");
        page.locator(".msg-buyer").first().waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        Locator result = Composer.replyUntilResult(page, "亲~加我微信kefu8899私聊吧,给您算便宜点哦", 6,
                new Locator.WaitForOptions().setTimeout(15_000));
        result.waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        Locator items = page.locator(".scorecard .must-pass li");
        items.first().waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        String first = items.first().textContent();
        assertTrue(first.startsWith("必须项未通过:第 1 条回复:站外交易(违反「"), first);
        List<String> lines = items.allTextContents();
        assertEquals(lines.stream().distinct().toList(), lines, "one line per reply and rule broken");
        String card = page.locator(".scorecard").textContent();
        assertFalse(card.matches("(?s).*\\b(violation|rule|reply|off_platform)\\b.*"), card);
        assertTrue(page.locator(".score-verdict").textContent().contains("未通过"));
        page.screenshot(new Page.ScreenshotOptions().setPath(WorkbenchBrowserTest.SHOTS.resolve("scorecard-must-pass.png")));
    }

    @Test
    @DisplayName("a 金牌 chat the buyer rated ★★★: the transcript names both figures and says why they differ")
    void medalAndStarsExplained(Page page) {
        SessionFixtures f = new SessionFixtures(app);
        long owner = f.userId("trainee2");
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        var s = f.session(owner, "size", t0, t0.plusSeconds(60), "converted", 3, 95.0, 100.0)
                .buyer("line", 0, "在吗").reply(8, "亲您好,在的~", null, SessionFixtures.annotated(0, 0, 0, 2));
        app.sql("UPDATE practice_sessions SET scorecard = jsonb_set(jsonb_set(scorecard, '{tier}', '\"金牌\"'), '{total}', '93')"
                + " WHERE id = $1", s.id);
        Chromium.signIn(page, app, "trainee2", "/train");
        page.navigate(app.url("/progress/sessions/" + s.id));
        String text = page.locator("main").textContent();
        assertTrue(text.contains("买家评价 ★★★☆☆(3/5)"), text);
        assertTrue(text.contains("评分等级 金牌"), text);
        assertTrue(text.contains("所以两者可以不同"), text);
        page.screenshot(new Page.ScreenshotOptions().setPath(WorkbenchBrowserTest.SHOTS.resolve("transcript-medal-stars.png")));
    }
}
