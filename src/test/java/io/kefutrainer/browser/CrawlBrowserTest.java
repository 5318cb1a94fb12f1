package io.kefutrainer.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.LoadState;
import io.kefutrainer.scoring.Outcome;
import io.kefutrainer.support.Composer;
import io.kefutrainer.support.BrowserTest;
import io.kefutrainer.support.Chromium;
import io.kefutrainer.support.ExpectBrowserErrors;
import io.kefutrainer.support.TestApp;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A first user's walk, as issue 16 asks: each demo role signs in, opens every page its navigation reaches and every
 * same-site link on them (bounded: at most two pages per path shape, 60 pages per role), and the walk fails on an
 * HTTP error (the page or anything it fetches), a console error, or visible text that is a raw id of the content
 * vocabulary (a category, outcome, violation category, finding type, rule, lexicon entry or scenario step id) where a
 * Chinese label belongs. Text in code/pre (a trainer's YAML and file names) is an author's view and not checked.
 */
@BrowserTest
class CrawlBrowserTest {
    private static final int MAX_PAGES = 60;
    private static final int PER_SHAPE = 2;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[._:-][A-Za-z0-9]+)*(?::)?");
    private static final Pattern ID_SEGMENT = Pattern.compile("[0-9_-]");
    private static final Path SHOTS = Path.of("/tmp/shots-m");

    @AutoClose
    private static final TestApp app = TestApp.startWithDemoHistory();
    private static final Set<String> rawIds = rawIds(Path.of("scenarios"));

    @ParameterizedTest(name = "{0}")
    @CsvSource({"trainee1,/train", "trainer1,/trainer/scenarios", "manager1,/dashboard", "admin1,/admin/users"})
    @ExpectBrowserErrors(value = {"HTTP 404 GET .*/no-such-page", "console: Failed to load resource: .* 404 .*"},
            because = "the walk records every page's errors itself, under the page's path, and expects the 404 of /no-such-page")
    @DisplayName("every page a role can reach loads without an HTTP or console error and shows no raw content id")
    void crawl(String username, String landing, Page page) throws IOException {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Files.createDirectories(SHOTS);
        // trainers and admins write the content: ids set as code (file names, goto targets, rule ids) are theirs to see
        boolean author = username.startsWith("trainer") || username.startsWith("admin");
        String[] current = {""};
        Chromium.recordErrors(page, new java.util.AbstractList<>() {
            @Override
            public boolean add(String e) {
                problems.add(current[0] + ": " + e);
                return true;
            }

            @Override
            public String get(int index) {
                throw new UnsupportedOperationException();
            }

            @Override
            public int size() {
                return 0;
            }
        });
        Chromium.signIn(page, app, username, landing);

        Deque<String> queue = new ArrayDeque<>();
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Integer> shapes = new HashMap<>();
        queue.add(landing);
        @SuppressWarnings("unchecked")
        List<String> nav = (List<String>) page.evaluate("() => [...document.querySelectorAll('nav.nav a')].map(a => a.getAttribute('href'))");
        queue.addAll(nav);
        queue.add("/account/password");
        queue.add("/no-such-page");
        int visited = 0;
        while (!queue.isEmpty() && visited < MAX_PAGES) {
            String path = queue.poll();
            if (!seen.add(path) || shapes.merge(shape(path), 1, Integer::sum) > PER_SHAPE) {
                continue;
            }
            visited++;
            current[0] = username + " " + path;
            Response response = page.navigate(app.url(path));
            settle(page);
            int status = response == null ? 0 : response.status();
            if (path.equals("/no-such-page")) {
                boolean kept = status == 404 && page.locator("nav.nav a").count() > 0;
                String expected = current[0] + ": a 404";
                problems.removeIf(p -> p.startsWith(current[0] + ": "));
                if (!kept) {
                    problems.add(expected + " while signed in keeps the navigation (got " + status + ")");
                }
                continue;
            }
            for (String id : visibleRawIds(page, author)) {
                problems.add(current[0] + ": raw id shown: " + id);
            }
            // at 1440 px a table fits its card (团队看板's KPI table used to run past it)
            Object overflow = page.evaluate("() => [...document.querySelectorAll('.table-wrap')]"
                    + ".filter(w => w.scrollWidth > w.clientWidth + 2).map(w => w.scrollWidth + '>' + w.clientWidth).join(',')");
            if (!"".equals(overflow)) {
                problems.add(current[0] + ": table wider than its card: " + overflow);
            }
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SHOTS.resolve("crawl-" + username + path.replaceAll("[^A-Za-z0-9]+", "_") + ".png")));
            @SuppressWarnings("unchecked")
            List<String> links = (List<String>) page.evaluate("() => [...document.querySelectorAll('a[href]')]"
                    + ".filter(a => !a.hasAttribute('download')).map(a => a.href)");
            for (String link : links) {
                String next = sameSite(link);
                if (next != null && !seen.contains(next)) {
                    queue.add(next);
                }
            }
        }
        assertTrue(visited >= nav.size(), "visited " + seen);
        assertEquals(List.of(), problems, "problems on the pages " + username + " can reach");
    }

    @org.junit.jupiter.api.Test
    @DisplayName("the workbench names the order state, findings and violations of a chat in Chinese, never by id")
    void workbenchInChinese(Page page) throws IOException {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Files.createDirectories(SHOTS);
        Chromium.signIn(page, app, "trainee3", "/train");
        page.locator("[data-scenario='bargaining-coupon-stacking']").waitFor();
        page.click("[data-scenario='bargaining-coupon-stacking']");
        page.locator(".msg-buyer").first().waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(15_000));
        page.locator(".order").waitFor();
        for (String text : List.of("自己看详情页", "加我微信聊吧,私下给你便宜")) {
            int acknowledged = page.locator(".msg-mine .msg-state.sent").count();
            Composer.reply(page, text);
            page.locator(".msg-mine .coach").nth(acknowledged).waitFor();
        }
        for (String id : visibleRawIds(page, false)) {
            problems.add("workbench: raw id shown: " + id);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("workbench-trainee3.png")));
        assertEquals(List.of(), problems);
    }

    /** Lets scripts fetch and draw; pages with a live channel (SSE) never go network-idle, so the wait is bounded. */
    private static void settle(Page page) {
        try {
            page.waitForLoadState(LoadState.NETWORKIDLE, new Page.WaitForLoadStateOptions().setTimeout(2500));
        } catch (com.microsoft.playwright.TimeoutError e) {
            page.waitForTimeout(300);
        }
    }

    /** A same-site page path (query kept, fragment dropped), or null for other sites, downloads, the API and sign-out. */
    private static String sameSite(String href) {
        URI uri = URI.create(href);
        if (!app.url("/").startsWith(uri.getScheme() + "://" + uri.getRawAuthority() + "/")) {
            return null;
        }
        String path = uri.getRawPath();
        if (path == null || path.startsWith("/api/") || path.startsWith("/static/") || path.equals("/logout")
                || path.endsWith(".csv") || path.endsWith(".jsonl") || path.equals("/trainer/quizzes/gift")) {
            return null;
        }
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** The path with ids replaced, so a list of a hundred sessions costs two visits. */
    private static String shape(String path) {
        int q = path.indexOf('?');
        StringBuilder b = new StringBuilder();
        for (String seg : (q < 0 ? path : path.substring(0, q)).split("/")) {
            b.append(ID_SEGMENT.matcher(seg).find() ? "*" : seg).append('/');
        }
        if (q >= 0) {
            b.append('?').append(path.substring(q + 1).replaceAll("=[^&]*", "="));
        }
        return b.toString();
    }

    /** Raw ids in the page's visible text, titles and placeholders; an author's view skips code, pre and textarea. */
    private static Set<String> visibleRawIds(Page page, boolean author) {
        String text = (String) page.evaluate("skip => { const keep = [];"
                + " const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let n;"
                + " while ((n = walk.nextNode())) { const el = n.parentElement;"
                + "   if (!el || el.closest(skip) || !el.checkVisibility()) continue;"
                + "   keep.push(n.textContent); }"
                + " for (const el of document.querySelectorAll('[title], [placeholder]')) {"
                + "   keep.push(el.getAttribute('title') || '', el.getAttribute('placeholder') || ''); }"
                + " return keep.join(' '); }", author ? "code, pre, textarea, script, style" : "textarea, script, style");
        Set<String> found = new TreeSet<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String token = m.group();
            if (token.startsWith("forbidden:") || rawIds.contains(token) || rawIds.contains(token.replaceAll(":$", ""))) {
                found.add(token);
            }
        }
        return found;
    }

    /** The ids of the content vocabulary, read from the shipped content as a trainer writes it. */
    static Set<String> rawIds(Path dir) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Set<String> ids = new TreeSet<>();
        for (Outcome o : Outcome.values()) {
            ids.add(o.name());
        }
        ids.addAll(List.of("unpaid", "paid", "shipped", "delivered", "closed", "refunding", "unfinished",
                "practice", "exam", "polite", "neutral", "impolite", "politeness", "rules", "speed", "outcome",
                "greeting", "polite_marker", "apology", "empathy", "closing", "forbidden", "curt", "blame", "cold",
                "softener", "abuse", "missing_greeting", "missing_apology", "missing_closing", "tone",
                "calm", "anxious", "angry", "impatient", "happy"));
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                JsonNode root = yaml.readTree(f.toFile());
                if (root == null) {
                    continue;
                }
                if (root.has("steps") && root.has("category")) {
                    ids.add(root.get("category").asText());
                    root.get("steps").fieldNames().forEachRemaining(ids::add);
                }
                for (JsonNode list : List.of(root.path("entries"), root.path("rules"))) {
                    for (JsonNode e : list) {
                        if (e.hasNonNull("id")) {
                            ids.add(e.get("id").asText());
                        }
                        if (e.hasNonNull("category")) {
                            ids.add(e.get("category").asText());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // category ids are also written with a hyphen (off-platform for off_platform)
        Set<String> hyphenated = new TreeSet<>();
        for (String id : ids) {
            hyphenated.add(id.replace('_', '-'));
        }
        ids.addAll(hyphenated);
        return ids;
    }
}
