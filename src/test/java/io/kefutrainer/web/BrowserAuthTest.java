package io.kefutrainer.web;

import io.kefutrainer.support.Api;
import io.kefutrainer.support.Browser;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DbTest
class BrowserAuthTest {
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName("the sign-in form without its CSRF token is refused with 403, even with the right password")
    void loginWithoutCsrfIs403() {
        Browser browser = new Browser(app);
        browser.get("/login");
        assertEquals(403, browser.post("/login", Map.of("username", "trainee1", "password", "demo1234")).statusCode());
        assertEquals(403, browser.post("/login", Map.of("username", "trainee1", "password", "demo1234", "_csrf", "forged")).statusCode());
        assertEquals(303, browser.login("trainee1", "demo1234").statusCode());
    }

    @Test
    @DisplayName("signing in issues a new session id and the id from before sign-in is worthless")
    void sessionIdChangesAtLogin() {
        Browser browser = new Browser(app);
        browser.get("/login");
        String before = browser.sessionId();
        assertNotNull(before);
        HttpResponse<String> login = browser.login("trainee1", "demo1234");
        assertEquals(303, login.statusCode());
        assertEquals("/train", login.headers().firstValue("Location").orElse(""));
        String after = browser.sessionId();
        assertNotEquals(before, after);
        assertEquals(200, browser.get("/train").statusCode());

        Browser attacker = new Browser(app);
        attacker.setSessionId(before); // a fixated id planted before sign-in
        assertEquals(302, attacker.get("/train").statusCode());
    }

    @Test
    @DisplayName("the session cookie is HttpOnly and SameSite, and pages carry the security headers")
    void cookieFlagsAndSecurityHeaders() {
        Browser browser = new Browser(app);
        HttpResponse<String> page = browser.get("/login");
        String cookie = page.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("kt.sid=")).findFirst().orElseThrow();
        assertTrue(cookie.toLowerCase().contains("httponly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertFalse(page.body().contains("<script>"), "no inline script in pages");
        HttpResponse<String> health = browser.get("/health");
        assertEquals("nosniff", health.headers().firstValue("X-Content-Type-Options").orElse(""));
    }

    @Test
    @DisplayName("a signed-in POST without the CSRF token is 403; with it, sign-out works and ends the session")
    void signedInPostNeedsCsrf() {
        Browser browser = new Browser(app);
        browser.login("manager1", "demo1234");
        assertEquals(200, browser.get("/dashboard").statusCode());
        assertEquals(403, browser.post("/logout", Map.of()).statusCode());
        assertEquals(200, browser.get("/dashboard").statusCode(), "still signed in after the refused request");
        HttpResponse<String> out = browser.submit("/dashboard", "/logout", Map.of());
        assertEquals(303, out.statusCode());
        assertEquals(302, browser.get("/dashboard").statusCode());
    }

    @Test
    @DisplayName("a wrong role sees 403 on a page, an unknown user the same message as a wrong password")
    void wrongRolePageAndUnknownUser() {
        Browser browser = new Browser(app);
        browser.login("trainee2", "demo1234");
        HttpResponse<String> admin = browser.get("/admin/users");
        assertEquals(403, admin.statusCode());
        assertTrue(admin.body().contains("无权访问"));
        Browser other = new Browser(app);
        HttpResponse<String> unknown = other.login("nobody-here", "whatever1");
        assertEquals(401, unknown.statusCode());
        assertTrue(unknown.body().contains("用户名或密码错误"));
    }

    @Test
    @DisplayName("each wrong password says how many tries are left; after 5 the account is throttled with 429, even for the right password")
    void throttling() {
        Browser browser = new Browser(app);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = browser.login("trainee3", "wrong-password");
            assertEquals(401, r.statusCode(), "attempt " + (i + 1));
            assertTrue(r.body().contains(i < 4 ? "还可尝试 " + (4 - i) + " 次" : "失败次数已达上限"), r.body());
        }
        HttpResponse<String> locked = browser.login("trainee3", "demo1234");
        assertEquals(429, locked.statusCode());
        assertTrue(locked.headers().firstValue("Retry-After").isPresent());
        assertEquals(429, new Api(app).tokenResponse("trainee3", "demo1234").statusCode(), "the API shares the limit");
    }

    @Test
    @DisplayName("the token API: 200 with token, role and expiry; 401 JSON on a wrong password")
    void tokenApi() {
        Api api = new Api(app);
        HttpResponse<String> ok = api.tokenResponse("trainer1", "demo1234");
        assertEquals(200, ok.statusCode());
        JsonObject body = new JsonObject(ok.body());
        assertEquals("trainer", body.getString("role"));
        assertTrue(body.getString("token").length() > 30);
        assertTrue(body.getString("expiresAt").matches("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        HttpResponse<String> me = api.call("GET", "/api/me", body.getString("token"), null);
        assertEquals("trainer1", new JsonObject(me.body()).getString("username"));

        HttpResponse<String> bad = api.tokenResponse("trainer1", "not-the-password");
        assertEquals(401, bad.statusCode());
        assertTrue(new JsonObject(bad.body()).getString("error").length() > 0);
        assertEquals(401, api.call("GET", "/api/me", "kt_forged", null).statusCode());
    }

    @Test
    @DisplayName("passwords are stored only as argon2id hashes")
    void passwordsAreHashed() {
        Row row = app.sql("SELECT password_hash FROM users WHERE username = $1", "trainee1").iterator().next();
        String hash = row.getString(0);
        assertTrue(hash.startsWith("$argon2id$"), hash);
        assertFalse(hash.contains("demo1234"));
        assertEquals(0, app.sql("SELECT count(*) FROM users WHERE password_hash LIKE '%demo1234%'").iterator().next().getLong(0));
    }

    @Test
    @DisplayName("a 5 MB JSON body is refused with 413 and a JSON reason; broken JSON with 400")
    void bodyLimits() {
        Api api = new Api(app);
        String big = "{\"username\":\"" + "x".repeat(5 * 1024 * 1024) + "\",\"password\":\"p\"}";
        HttpResponse<String> tooBig = api.call("POST", "/api/auth/token", null, big);
        assertEquals(413, tooBig.statusCode());
        assertTrue(new JsonObject(tooBig.body()).containsKey("error"));
        HttpResponse<String> broken = api.call("POST", "/api/auth/token", null, "{\"username\": ");
        assertEquals(400, broken.statusCode());
        assertTrue(new JsonObject(broken.body()).containsKey("error"));
        HttpResponse<String> wrongType = api.call("POST", "/api/auth/token", null, "{\"username\": 5, \"password\": \"x\"}");
        assertEquals(400, wrongType.statusCode());
        assertEquals("username", new JsonObject(wrongType.body()).getString("field"));
    }

    @Test
    @DisplayName("a browser session survives a server restart and is honoured by a second instance")
    void sessionSurvivesRestartAndIsShared() {
        Browser browser = new Browser(app);
        browser.login("trainee1", "demo1234");
        String sid = browser.sessionId();
        try (TestApp second = TestApp.startOn(app.db())) {
            Browser elsewhere = new Browser(second);
            elsewhere.setSessionId(sid);
            HttpResponse<String> page = elsewhere.get("/train");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("王小美"));
        }
    }
}
