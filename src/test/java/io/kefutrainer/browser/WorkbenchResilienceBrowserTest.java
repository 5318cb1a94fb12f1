package io.kefutrainer.browser;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.kefutrainer.support.Api;
import io.kefutrainer.support.BrowserTest;
import io.kefutrainer.support.Chromium;
import io.kefutrainer.support.ExpectBrowserErrors;
import io.kefutrainer.support.PageOptions;
import io.kefutrainer.support.Pages;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The workbench when the network misbehaves, and pasted replies: a reply typed while offline is sent once the
 * connection is back, a reply whose acknowledgement was lost is resent with its clientId and stored once, a fresh
 * browser restores the running conversation from the server, and a pasted reply is flagged as pasted.
 */
@BrowserTest
@PageOptions(timezone = "Asia/Shanghai")
class WorkbenchResilienceBrowserTest {
    @AutoClose
    private static final TestApp app = TestApp.start();

    static final String FIRST = "亲,您好~ 按您160cm 96斤,建议拍M码哦,穿着不会紧";
    static final String SECOND = "亲放心,这款腰部是松紧设计,有弹性,不会勒的~";

    private static Page signedIn(Page page, String user) {
        return Chromium.signIn(page, app, user, "/train");
    }

    private static Locator buyerSays(Page page, String text) {
        Locator line = page.locator(".msg-buyer .bubble", new Page.LocatorOptions().setHasText(text));
        line.first().waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        return line;
    }

    private static String latestSession(String username) {
        return app.sql("SELECT s.id::text FROM practice_sessions s JOIN users u ON u.id = s.user_id WHERE u.username = $1"
                + " ORDER BY s.started_at DESC LIMIT 1", username).iterator().next().getString(0);
    }

    /** The session as the API shows it: every stored message once, in order. */
    private static JsonArray storedMessages(String username, String session) {
        Api api = new Api(app);
        return new JsonObject(api.call("GET", "/api/sessions/" + session, api.token(username, "demo1234"), null).body())
                .getJsonArray("messages");
    }

    private static long count(JsonArray messages, String from, String text) {
        return messages.stream().map(JsonObject.class::cast)
                .filter(m -> from.equals(m.getString("from")) && text.equals(m.getString("text"))).count();
    }

    @Test
    @ExpectBrowserErrors(value = {"console: .*", "HTTP .*"}, because = "offline and with a lost acknowledgement the page's"
            + " requests fail on purpose (and the browser says so in the console); uncaught script errors still fail the test")
    @DisplayName("offline, a lost acknowledgement and a fresh browser: each reply is acknowledged once, stored once, and the buyer goes on")
    void dropTheConnectionAndResume(Page page, Pages pages) {
        String session;
        signedIn(page, "trainee1");
        page.click("[data-scenario='size-dress-between-sizes']");
        page.locator(".msg-buyer").first().waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        session = latestSession("trainee1");

        // 1. the connection drops: the reply is typed and sent while offline, and waits
        page.context().setOffline(true);
        assertThat(page.locator("#wb-net")).not().hasText("在线");
        page.fill("#wb-input", FIRST);
        page.press("#wb-input", "Enter");
        page.waitForTimeout(1500);
        assertEquals(0, page.locator(".msg-mine .msg-state.sent").count(), "nothing is acknowledged while offline");
        assertEquals(0, count(storedMessages("trainee1", session), "trainee", FIRST), "nothing reached the server");
        assertThat(page.locator(".msg-mine .bubble")).hasText(FIRST);
        // back online: the waiting reply is sent by itself, acknowledged once, and the buyer answers
        page.context().setOffline(false);
        page.locator(".msg-mine .msg-state.sent").first().waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        buyerSays(page, "会不会勒啊");
        assertEquals(1, page.locator(".msg-mine").count());

        // 2. the reply reaches the server but its acknowledgement is lost on the way back
        AtomicInteger posts = new AtomicInteger();
        page.route("**/api/sessions/*/replies", route -> {
            if (posts.incrementAndGet() == 1) {
                route.fetch();   // the server stores it...
                route.abort(); // ...but the browser never hears back
            } else {
                route.resume();
            }
        });
        page.fill("#wb-input", SECOND);
        page.press("#wb-input", "Enter");
        page.locator(".msg-mine .msg-state.sent").nth(1).waitFor(new Locator.WaitForOptions().setTimeout(30_000));
        // acknowledged by the live channel's echo (it carries the clientId) or by the resend with the same clientId
        assertTrue(posts.get() >= 1, "posts: " + posts.get());
        buyerSays(page, "面料透不透");
        page.unroute("**/api/sessions/*/replies");
        assertEquals(2, page.locator(".msg-mine").count(), "each reply shown once");

        // 3. a reload mid-session: the conversation comes back as it was
        page.reload();
        buyerSays(page, "面料透不透");
        assertEquals(2, page.locator(".msg-mine").count(), "each reply shown once after the reload");
        page.context().close();

        JsonArray stored = storedMessages("trainee1", session);
        assertEquals(1, count(stored, "trainee", FIRST), stored.encodePrettily());
        assertEquals(1, count(stored, "trainee", SECOND), "the resent reply was stored once: " + stored.encodePrettily());
        assertEquals(1, stored.stream().map(JsonObject.class::cast)
                .filter(m -> "buyer".equals(m.getString("from")) && m.getString("text").contains("面料透不透")).count(),
                "the buyer went on exactly once: " + stored.encodePrettily());

        // 4. another browser with nothing in its storage: the running conversation is restored from the server
        Page fresh = signedIn(pages.open(), "trainee1");
        fresh.locator("#wb-convs li.conv").first().waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        fresh.locator("#wb-convs li.conv button.conv-open").first().click();
        buyerSays(fresh, "面料透不透");
        assertEquals(2, fresh.locator(".msg-mine").count());
        assertThat(fresh.locator(".msg-mine .bubble").first()).hasText(FIRST);
        assertThat(fresh.locator(".msg-mine .bubble").nth(1)).hasText(SECOND);
    }

    @Test
    @DisplayName("a pasted reply is flagged as pasted: in the stored metrics, the API, and on the reply in the workbench")
    void pastedReplyIsFlagged(Page page) {
        String pasted = "亲,这款建议选M码,腰部有松紧不会勒";
        page.context().grantPermissions(List.of("clipboard-read", "clipboard-write"));
        signedIn(page, "trainee2");
        page.click("[data-scenario='size-dress-between-sizes']");
        page.locator(".msg-buyer").first().waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        String session = latestSession("trainee2");

        // a real paste: the text on the clipboard, Ctrl+V in the reply box
        page.evaluate("t => navigator.clipboard.writeText(t)", pasted);
        page.focus("#wb-input");
        page.keyboard().press("ControlOrMeta+V");
        assertThat(page.locator("#wb-input")).hasValue(pasted);
        page.press("#wb-input", "Enter");
        page.locator(".msg-mine .msg-state.sent").first().waitFor(new Locator.WaitForOptions().setTimeout(20_000));

        int chars = pasted.codePointCount(0, pasted.length());
        assertThat(page.locator(".msg-mine .msg-pasted").first()).hasText("粘贴 " + chars + " 字");

        JsonObject metrics = new JsonObject(app.sql("SELECT metrics::text FROM session_events WHERE session_id = $1::uuid"
                + " AND sender = 'trainee'", session).iterator().next().getString(0));
        assertEquals(chars, metrics.getInteger("pasted"), metrics.encode());
        assertEquals(0, metrics.getInteger("committed"), "nothing counted as typed: " + metrics.encode());
        JsonObject reply = storedMessages("trainee2", session).stream().map(JsonObject.class::cast)
                .filter(m -> "trainee".equals(m.getString("from"))).findFirst().orElseThrow();
        assertEquals(chars, reply.getInteger("pasted"), reply.encode());

        // after a reload the flag comes from the server
        page.reload();
        page.locator(".msg-mine .msg-pasted").first().waitFor(new Locator.WaitForOptions().setTimeout(15_000));
        assertThat(page.locator(".msg-mine .msg-pasted").first()).hasText("粘贴 " + chars + " 字");
        // a typed reply carries no flag
        page.fill("#wb-input", "亲,面料是雪纺的哦");
        page.press("#wb-input", "Enter");
        page.locator(".msg-mine .msg-state.sent").nth(1).waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        assertEquals(1, page.locator(".msg-mine .msg-pasted").count());
    }
}
