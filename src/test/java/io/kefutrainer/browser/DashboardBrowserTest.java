package io.kefutrainer.browser;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.kefutrainer.support.BrowserTest;
import io.kefutrainer.support.Chromium;
import io.kefutrainer.support.PageOptions;
import io.kefutrainer.support.TestApp;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 团队看板 and 我的进步 in Chromium on the demo history (`serve --demo`): the manager sees the charts drawn, sorts
 * the cohort table, drills down trainee → session → transcript and downloads the CSV; the trainee sees their
 * trend chart. No console error under the CSP.
 */
@BrowserTest
class DashboardBrowserTest {
    @AutoClose
    private static final TestApp app = TestApp.startWithDemoHistory();

    @BeforeAll
    static void secondCohort() {
        // a second cohort run by manager1, for the cohort comparison
        app.sql("INSERT INTO cohorts (name, description) VALUES ('对比班', '')");
        app.sql("INSERT INTO cohort_members (cohort_id, user_id) SELECT c.id, u.id FROM cohorts c, users u"
                + " WHERE c.name = '对比班' AND u.username IN ('manager1', 'trainee2')");
    }

    @Test
    @PageOptions(width = 1400, height = 1000)
    @DisplayName("manager: charts drawn, table sorted, drill-down to a transcript, CSV with BOM and Chinese headers")
    void managerDashboard(Page page) throws Exception {
        Chromium.signIn(page, app, "manager1", "/dashboard");
        assertThat(page.locator("h1")).hasText("团队看板");
        assertThat(page.locator("#trend-chart")).hasAttribute("data-rendered", "true");
        assertThat(page.locator("#distribution-chart")).hasAttribute("data-rendered", "true");
        assertDrawn(page, "#trend-chart");
        assertDrawn(page, "#distribution-chart");

        // three demo trainees, each row with KPI cells coloured against the targets
        Locator rows = page.locator("#cohort-table tbody tr");
        assertEquals(3, rows.count());
        assertTrue(page.locator("#cohort-table tbody td.cell-ok, #cohort-table tbody td.cell-warn, #cohort-table tbody td.cell-bad").count() > 0);

        // sort by 练习 (sessions): ascending, then descending
        Locator sessionsHead = page.locator("#cohort-table thead th").nth(1);
        sessionsHead.click();
        assertThat(sessionsHead).hasAttribute("data-dir", "asc");
        List<Double> up = column(page, 1);
        List<Double> sorted = new ArrayList<>(up);
        Collections.sort(sorted);
        assertEquals(sorted, up);
        sessionsHead.click();
        assertThat(sessionsHead).hasAttribute("data-dir", "desc");
        List<Double> down = column(page, 1);
        Collections.reverse(sorted);
        assertEquals(sorted, down);
        WorkbenchShots.save(page, "dashboard.png");

        // 批次对比: both of manager1's cohorts, each with its KPIs over the same period
        Locator compared = page.locator("#cohort-comparison tbody tr");
        assertEquals(2, compared.count());
        assertThat(page.locator("#cohort-comparison")).containsText("对比班");

        // CSV: UTF-8 with BOM so Excel shows Chinese, Chinese headers, one line per trainee
        Download download = page.waitForDownload(() -> page.click("#csv-export"));
        byte[] bytes = Files.readAllBytes(download.path());
        assertArrayEquals(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, java.util.Arrays.copyOf(bytes, 3), "BOM");
        String csv = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        String[] lines = csv.split("\r?\n");
        assertTrue(lines[0].startsWith("学员,用户名,练习次数,首次响应时间(秒)"), lines[0]);
        assertEquals(4, lines.length, csv);
        assertTrue(download.suggestedFilename().endsWith(".csv"), download.suggestedFilename());

        // drill down: the first trainee's scorecard, one of their sessions, its transcript with findings
        String name = rows.first().locator("td a").first().textContent().trim();
        rows.first().locator("td a").first().click();
        page.waitForURL("**/dashboard/trainees/*");
        assertThat(page.locator("h1")).containsText(name);
        assertDrawn(page, "#trend-chart");
        Locator session = page.locator("#recent-sessions tbody tr td a").first();
        String title = session.textContent().trim();
        session.click();
        page.waitForURL("**/dashboard/sessions/*");
        assertThat(page.locator("h1")).hasText(title);
        assertTrue(page.locator(".transcript .line-trainee").count() > 0, "the trainee's replies");
        assertTrue(page.locator(".transcript .line-buyer").count() > 0, "the buyer's lines");
        assertThat(page.locator(".transcript .response").first()).containsText("响应");
    }

    @Test
    @PageOptions(width = 1200, height = 1000)
    @DisplayName("trainee: 我的进步 draws the KPI trend against its targets and lists recent sessions")
    void traineeProgress(Page page) {
        Chromium.signIn(page, app, "trainee1", "/train");
        page.navigate(app.url("/progress"));
        assertThat(page.locator("h1")).hasText("我的进步");
        assertThat(page.locator("#trend-chart")).hasAttribute("data-rendered", "true");
        assertDrawn(page, "#trend-chart");
        assertTrue(page.locator(".kpi").count() >= 13, "one tile per KPI");
        assertTrue(page.locator("#recent-sessions tbody tr").count() > 0);
        WorkbenchShots.save(page, "progress.png");
    }

    /** The ECharts canvas inside the element has a size and pixels that are not blank. */
    private static void assertDrawn(Page page, String selector) {
        page.locator(selector + " canvas").first().waitFor();
        Object painted = page.evaluate("sel => { const c = document.querySelector(sel + ' canvas');"
                + " if (!c || c.width === 0 || c.height === 0) return 0;"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
                + " for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) n++; } return n; }", selector);
        assertTrue(((Number) painted).intValue() > 1000, selector + " painted pixels: " + painted);
    }

    private static List<Double> column(Page page, int index) {
        List<Double> values = new ArrayList<>();
        for (Object v : (List<?>) page.evaluate("i => Array.from(document.querySelectorAll('#cohort-table tbody tr'))"
                + ".map(r => r.cells[i].getAttribute('data-value'))", index)) {
            values.add(Double.parseDouble(String.valueOf(v)));
        }
        return values;
    }

    /** Screenshots go to target/screenshots (or -Dkt.screenshots=DIR); README's come from there. */
    static final class WorkbenchShots {
        static void save(Page page, String name) {
            try {
                Path dir = WorkbenchBrowserTest.SHOTS;
                Files.createDirectories(dir);
                page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name)).setFullPage(true));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
