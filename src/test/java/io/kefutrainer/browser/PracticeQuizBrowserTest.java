package io.kefutrainer.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.kefutrainer.quiz.Choice;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.support.BrowserTest;
import io.kefutrainer.support.Chromium;
import io.kefutrainer.support.Pages;
import io.kefutrainer.support.TestApp;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 练习 in Chromium: 推荐测验 on 我的进步 opens a practice run of that bank; one answer right, one wrong, each with its
 * feedback at once and the wrong one in 错题本. A trainer publishes a bank as 考试 to a cohort and its trainees get
 * the exam. Screenshots go to -Dkt.screenshots (default target/screenshots).
 */
@BrowserTest
class PracticeQuizBrowserTest {
    private static final Path SHOTS = Path.of(System.getProperty("kt.screenshots", "target/screenshots"));
    private static final QuizContent CONTENT = QuizContent.load(Path.of("scenarios"));
    /** The demo history gives trainee3 broken rules, hence 推荐测验. */
    @AutoClose
    private static final TestApp app = TestApp.startWithDemoHistory();

    @BeforeAll
    static void shots() throws Exception {
        Files.createDirectories(SHOTS);
    }

    /** The option label showing exactly this text (one option's text may be part of another's). */
    private static Locator option(Locator question, String text) {
        Locator labels = question.locator("label.choice");
        for (int i = 0; i < labels.count(); i++) {
            if (labels.nth(i).textContent().strip().equals(text)) {
                return labels.nth(i);
            }
        }
        throw new AssertionError("no option '" + text + "' in " + question.textContent());
    }

    private static String rightText(Question q) {
        return q.type() == QuestionType.true_false ? (q.truth() ? "正确" : "错误")
                : q.choices().stream().filter(c -> c.weight() >= 100).findFirst().orElseThrow().text();
    }

    private static String wrongText(Question q) {
        return q.type() == QuestionType.true_false ? (q.truth() ? "错误" : "正确")
                : q.choices().stream().filter(c -> c.weight() <= 0).map(Choice::text).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("推荐测验 → practice run: one right, one wrong, feedback with the right answer and 解析 at once, the wrong one in 错题本")
    void recommendedQuizToPractice(Page page) {
        Chromium.signIn(page, app, "trainee3", "/train");
        page.navigate(app.url("/progress"));
        Locator link = page.locator("#recommended-quizzes a[href^='/exams#bank=']").first();
        assertThat(link).hasText("去练习");
        page.locator("#weak-areas").scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("progress-recommended-trainee3.png")));
        link.click();
        page.locator("#practice-paper").waitFor();
        assertTrue(page.url().contains("#practice="), "the run's own address, for a refresh: " + page.url());
        assertThat(page.locator("#practice-title")).containsText("练习");
        assertThat(page.locator("#practice-list")).isHidden();

        // two questions answered by choosing an option: single choice or true/false
        List<Locator> choosable = new ArrayList<>();
        List<Question> asked = new ArrayList<>();
        Locator items = page.locator("#practice-questions > li");
        for (int i = 0; i < items.count() && choosable.size() < 2; i++) {
            Question q = CONTENT.question(items.nth(i).getAttribute("data-question")).orElseThrow();
            if (q.type() == QuestionType.single || q.type() == QuestionType.true_false) {
                choosable.add(items.nth(i));
                asked.add(q);
            }
        }
        assertEquals(2, choosable.size(), "the recommended bank has choice questions");

        Locator right = choosable.get(0);
        option(right, rightText(asked.get(0))).click();
        right.locator("button.practice-check").click();
        assertThat(right.locator(".practice-feedback.is-correct")).containsText("答对了");
        assertThat(page.locator("#practice-progress")).containsText("已答 1 /");

        Locator wrong = choosable.get(1);
        option(wrong, wrongText(asked.get(1))).click();
        wrong.locator("button.practice-check").click();
        Locator feedback = wrong.locator(".practice-feedback.is-wrong");
        assertThat(feedback).containsText("答错了,已加入错题本");
        assertThat(feedback).containsText("正确答案:" + rightText(asked.get(1)));
        if (!asked.get(1).explanation().isEmpty()) {
            assertThat(feedback).containsText("解析:" + asked.get(1).explanation());
        }
        // the answered options are locked, the right one marked
        assertTrue(wrong.locator("input").first().isDisabled());
        assertThat(page.locator("#mistake-list")).containsText(asked.get(1).text());
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("practice-feedback-trainee3.png")));

        // a refresh keeps the run and its feedback
        page.reload();
        assertThat(page.locator("#pq-" + asked.get(1).id() + " .practice-feedback.is-wrong")).isVisible();

        // the list shows the run as unfinished, with a way back into it
        page.navigate(app.url("/exams"));
        Locator row = page.locator(".practice-row", new Page.LocatorOptions().setHasText("上次未做完"));
        assertThat(row.first()).containsText("继续练习");
        row.first().scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("practice-list-trainee3.png")).setFullPage(false));
    }

    @Test
    @DisplayName("a trainer publishes a bank as 考试 to 演示班; the page lists it and the cohort's trainee gets the exam instead of the practice")
    void trainerPublishesBank(Page page, Pages pages) {
        Chromium.signIn(page, app, "trainer1", "/trainer/scenarios");
        page.navigate(app.url("/trainer/quizzes#publish"));
        Locator form = page.locator("#publish-form");
        form.locator("select[name=bank]").selectOption("kpi");
        form.locator("select[name=audience]").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("批次:演示班"));
        form.locator("select[name=mode]").selectOption("exam");
        form.locator("input[name=timeLimitMinutes]").fill("12");
        form.locator("button[type=submit]").click();
        page.waitForURL("**/trainer/quizzes#publish");
        assertThat(page.locator("p.notice")).containsText("已发布:题库 kpi");
        Locator row = page.locator("#publications tr[data-bank='kpi']");
        assertThat(row).containsText("考试 演示班");
        assertThat(row).containsText("12 分钟");
        assertThat(row).containsText("练习 全部学员");
        row.scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("publish-trainer1.png")));

        Page trainee = pages.signedIn(app, "trainee1", "/train");
        trainee.navigate(app.url("/exams"));
        assertThat(trainee.locator("#exams")).containsText("KPI指标 · 题库考试");
        assertThat(trainee.locator("#practice-banks")).not().containsText("KPI指标");
        assertThat(trainee.locator("#practice-banks")).containsText("七天无理由");
    }
}
