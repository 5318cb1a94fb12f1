package io.kefutrainer.support;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** The workbench's composer as a trainee uses it in a browser test: type, press Enter, wait for the server's ✓. */
public final class Composer {
    private static final String ACKNOWLEDGED = ".msg-mine .msg-state.sent";

    private Composer() {
    }

    /** Sends a reply with Enter and waits until the server acknowledged it (Playwright's default timeout). */
    public static void reply(Page page, String text) {
        reply(page, text, new Locator.WaitForOptions());
    }

    public static void reply(Page page, String text, Locator.WaitForOptions acknowledgement) {
        int acknowledged = page.locator(ACKNOWLEDGED).count();
        page.fill("#wb-input", text);
        page.press("#wb-input", "Enter");
        // locator waits, not waitForFunction: the page's CSP forbids evaluating strings, and that is kept on in tests
        page.locator(ACKNOWLEDGED).nth(acknowledged).waitFor(acknowledgement);
    }

    /**
     * Sends the same reply, letting the buyer answer each time, until the chat ends (its result card shows) or
     * `maxReplies` were sent; returns the result card's locator (the caller waits for it).
     */
    public static Locator replyUntilResult(Page page, String text, int maxReplies, Locator.WaitForOptions acknowledgement) {
        Locator result = page.locator(".result-card");
        for (int i = 0; i < maxReplies && result.count() == 0; i++) {
            reply(page, text, acknowledgement);
            page.waitForTimeout(2500);
        }
        return result;
    }
}
