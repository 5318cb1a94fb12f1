package io.kefutrainer.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Debian's Chromium driven by Playwright, launched the one way this machine allows: no browser download
 * (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD), no network, so background networking and updates are switched off.
 */
public final class Chromium implements AutoCloseable {
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    public static final String PASSWORD = "demo1234";

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Chromium launch() {
        assertTrue(Files.isExecutable(EXECUTABLE), "browser tests need Chromium: apt-get install -y chromium (.ci/run does)");
        Playwright playwright = Playwright.create();
        try {
            return new Chromium(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                            "--disable-component-update", "--disable-sync", "--no-first-run"))));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    public Browser browser() {
        return browser;
    }

    /** Records console errors, uncaught exceptions (CSP violations included) and HTTP errors of a page. */
    public static void recordErrors(Page page, List<String> errors) {
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                errors.add("console: " + m.text());
            }
        });
        page.onPageError(e -> errors.add("page error: " + e));
        page.onResponse(r -> {
            if (r.status() >= 400) {
                errors.add("HTTP " + r.status() + " " + r.request().method() + " " + r.url());
            }
        });
    }

    /** Signs in through the login form, as a person would, and waits for the landing page (a path such as "/train"). */
    public static Page signIn(Page page, TestApp app, String username, String landing) {
        page.navigate(app.url("/login"));
        page.fill("input[name=username]", username);
        page.fill("input[name=password]", PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL("**" + landing);
        return page;
    }

    /** A new page of the context that records errors and is signed in. */
    public static Page signedIn(BrowserContext context, TestApp app, String username, String landing, List<String> errors) {
        Page page = context.newPage();
        recordErrors(page, errors);
        return signIn(page, app, username, landing);
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
