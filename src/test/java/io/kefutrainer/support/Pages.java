package io.kefutrainer.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The browser windows of one test: each {@link #open()} is a new context (its own cookies, so its own user) on the
 * JVM's Chromium, every page of which records its errors in {@link #errors()}. {@link ChromiumExtension} closes
 * them after the test and fails the test on an error nobody expected.
 */
public final class Pages {
    private final Browser browser;
    private final PageOptions options;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final Set<Page> recorded = Collections.newSetFromMap(Collections.synchronizedMap(new IdentityHashMap<>()));
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private Page first;

    Pages(Browser browser, PageOptions options) {
        this.browser = browser;
        this.options = options;
    }

    /** The test's first page (opened on first use). */
    public Page page() {
        if (first == null) {
            first = open();
        }
        return first;
    }

    /** A page in a new context, as a second person at another computer. */
    public Page open() {
        Browser.NewContextOptions o = new Browser.NewContextOptions().setViewportSize(options.width(), options.height())
                .setLocale("zh-CN").setAcceptDownloads(true).setBypassCSP(options.bypassCsp());
        if (!options.timezone().isEmpty()) {
            o.setTimezoneId(options.timezone());
        }
        BrowserContext context = browser.newContext(o);
        contexts.add(context);
        context.onPage(this::record); // popups and pages a test opens itself
        Page page = context.newPage();
        record(page);
        return page;
    }

    /** A page in a new context, signed in through the login form and on its landing page (e.g. "/train"). */
    public Page signedIn(TestApp app, String username, String landing) {
        return Chromium.signIn(open(), app, username, landing);
    }

    /**
     * Console errors, uncaught exceptions and HTTP errors seen so far, as "console: …", "page error: …", "HTTP 409
     * POST url". A test that provokes one on purpose removes it here (or declares it with {@link ExpectBrowserErrors}).
     */
    public List<String> errors() {
        return errors;
    }

    private void record(Page page) {
        if (recorded.add(page)) {
            Chromium.recordErrors(page, errors);
        }
    }

    /** Saves every open page (after a failure), named after the test. */
    void screenshots(Path dir, String name) {
        int n = 0;
        for (BrowserContext context : contexts) {
            for (Page page : context.pages()) {
                try {
                    Files.createDirectories(dir);
                    page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(dir.resolve(name + "-" + (++n) + ".png")));
                } catch (Exception e) {
                    // a page that crashed or closed has nothing to show; the test's own failure is what counts
                }
            }
        }
    }

    /** Closes every context; closing waits for the browser, so errors it reported before are recorded by then. */
    void close() {
        for (BrowserContext context : contexts) {
            try {
                context.close();
            } catch (RuntimeException e) {
                // already closed by the test
            }
        }
        contexts.clear();
    }
}
