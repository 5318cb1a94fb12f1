package io.kefutrainer.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.kefutrainer.support.Api;
import io.kefutrainer.support.BrowserTest;
import io.kefutrainer.support.Chromium;
import io.kefutrainer.support.PageOptions;
import io.kefutrainer.support.Pages;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 申诉 in Chromium, trainee → trainer → trainee: the trainee appeals a violation on the transcript, the trainer
 * accepts it on 复核 with a comment, the trainee is told in 我的进步 and sees the violation overruled; the session
 * is re-graded. No console error under the CSP. Screenshots go to -Dkt.appeal.shots (default target/screenshots).
 */
@BrowserTest
@PageOptions(width = 1200, height = 800)
class AppealsBrowserTest {
    static final Path SHOTS = Path.of(System.getProperty("kt.appeal.shots", System.getProperty("kt.screenshots", "target/screenshots")));
    @AutoClose
    private static final TestApp app = TestApp.startWithContent(Path.of("src/test/resources/practice"));

    private static void shot(Page page, String name) {
        try {
            Files.createDirectories(SHOTS);
            page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name)).setFullPage(true));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("trainee appeals a violation, the trainer accepts it with a comment, the trainee sees 已采纳 and the session re-graded")
    void traineeTrainerTrainee(Pages pages) {
        // the conversation itself is played over the API (the buyer of this fixture has five seconds of patience)
        Api api = new Api(app);
        String token = api.token("trainee1", Chromium.PASSWORD);
        String id = new JsonObject(api.call("POST", "/api/sessions", token,
                new JsonObject().put("scenario", "appeal-size").put("seed", 7).encode()).body()).getString("id");
        for (String[] r : new String[][]{{"亲 您好,建议M码哦,加我微信 kefu123 详聊", "b-1"}, {"是纯棉的呢 亲", "b-2"},
                {"感谢亲的支持,祝您购物愉快~", "b-3"}}) { // the last one is the closing reply that ends the session
            assertEquals(200, api.call("POST", "/api/sessions/" + id + "/replies", token,
                    new JsonObject().put("text", r[0]).put("clientId", r[1]).encode()).statusCode());
        }
        JsonObject before = new JsonObject(api.call("GET", "/api/sessions/" + id + "/scorecard", token, null).body());
        assertEquals(1, before.getJsonArray("mustPassFailures").size());

        // trainee: 申诉 on the violation
        Page t = pages.signedIn(app, "trainee1", "/train");
        t.navigate(app.url("/progress/sessions/" + id));
        Locator violation = t.locator(".appeal-target[data-target=v1]");
        assertThat(violation).containsText("违规 · 站外交易");
        violation.locator(".appeal-open").click();
        violation.locator("textarea[name=reason]").fill("“kefu123”是店铺的官方客服号,我没有让买家去站外交易");
        shot(t, "appeal-1-trainee-form.png");
        violation.locator("button[type=submit]").click();
        t.waitForLoadState();
        assertThat(t.locator(".appeal-target[data-target=v1] .appeal-status")).hasText("申诉待复核");
        shot(t, "appeal-2-trainee-open.png");

        // trainer: 复核, accept with a comment
        Page r = pages.signedIn(app, "trainer1", "/trainer/scenarios");
        r.click("nav a[href='/trainer/appeals']");
        Locator review = r.locator("article.review").first();
        assertThat(review).containsText("店铺的官方客服号");
        assertThat(review).containsText("违规 · 站外交易");
        assertThat(review.locator("mark")).hasText("加我微信");
        assertThat(review).containsText("买家:我168穿什么码");
        review.locator("input[name=comment]").fill("核实为店铺官方客服号,误判,已采纳");
        shot(r, "appeal-3-trainer-review.png");
        review.locator("button[value=accept]").click();
        assertThat(r.locator(".notice")).containsText("已采纳");
        r.navigate(app.url("/trainer/appeals?status=accepted"));
        shot(r, "appeal-4-trainer-decided.png");
        // label the same reply directly from 复核: the calibration form comes filled in
        r.click("text=标注这条回复");
        assertThat(r.locator("input[name=sessionId]")).hasValue(id);
        r.selectOption("select[name=verdict]", "polite");
        r.click("#label button[type=submit]");
        assertThat(r.locator(".notice")).hasText("已加入校准集");
        assertThat(r.locator("h1")).hasText("评分校准");
        shot(r, "appeal-5-calibration.png");

        // manager: 团队看板 counts appeals per trainee and per rule
        Page m = pages.signedIn(app, "manager1", "/dashboard");
        Locator section = m.locator("#appeals");
        assertThat(section).containsText("禁止引导站外交易和联系"); // the rule by its title, not its id
        assertThat(section).containsText("王小美");
        section.screenshot(new Locator.ScreenshotOptions().setPath(SHOTS.resolve("appeal-8-dashboard.png")));
        m.context().close();

        // trainee: told in 我的进步, the violation overruled on the transcript
        t.navigate(app.url("/progress"));
        assertThat(t.locator(".appeal-news")).containsText("已采纳");
        assertThat(t.locator(".appeal-news")).containsText("误判,已采纳");
        shot(t, "appeal-6-trainee-progress.png");
        t.locator(".appeal-news a").first().click();
        Locator overruled = t.locator(".appeal-target[data-target=v1]");
        assertThat(overruled).hasClass(java.util.regex.Pattern.compile(".*overruled.*"));
        assertThat(overruled.locator(".appeal-status")).hasText("申诉已采纳");
        assertThat(overruled.locator(".appeal-comment")).containsText("误判");
        shot(t, "appeal-7-trainee-overruled.png");

        JsonObject after = new JsonObject(api.call("GET", "/api/sessions/" + id + "/scorecard", token, null).body());
        assertTrue(after.getJsonArray("mustPassFailures").isEmpty(), after.encode());
        assertTrue(after.getDouble("total") >= before.getDouble("total"));
    }
}
