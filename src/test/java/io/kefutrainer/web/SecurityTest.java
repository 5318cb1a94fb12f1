package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.support.Browser;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CSRF on every state-changing browser route (generated from the route table), session fixation with an id the
 * attacker chose, and the Content-Security-Policy: on every HTML page, and no inline script, event handler or
 * style attribute in any template.
 */
@DbTest
class SecurityTest {
    private static final Map<Role, String> USERS = Map.of(Role.trainee, "trainee1", Role.trainer, "trainer1",
            Role.manager, "manager1", Role.admin, "admin1");
    /** A page each role may open, to read its session's CSRF token from. */
    private static final Map<Role, String> HOME = Map.of(Role.trainee, "/train", Role.trainer, "/trainer/scenarios",
            Role.manager, "/dashboard", Role.admin, "/admin/users");

    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Role allowedRole(RouteSpec spec) {
        for (Role role : List.of(Role.trainee, Role.trainer, Role.manager, Role.admin)) {
            if (spec.roles().contains(role)) {
                return role;
            }
        }
        throw new AssertionError("no role for " + spec.path());
    }

    private static Browser signedIn(Role role) {
        Browser b = new Browser(app);
        assertEquals(303, b.login(USERS.get(role), "demo1234").statusCode());
        return b;
    }

    private static HttpResponse<String> request(Browser b, RouteSpec spec, String path, String token) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(app.url(path)));
        if (spec.api()) {
            r.header("Accept", "application/json").header("Content-Type", "application/json");
            if (token != null) {
                r.header(Csrf.HEADER, token);
            }
            r.method(spec.method().name(), HttpRequest.BodyPublishers.ofString("{}"));
        } else {
            String form = "username=trainee1&password=demo1234" + (token == null ? "" : "&_csrf=" + token);
            r.header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                    .method(spec.method().name(), HttpRequest.BodyPublishers.ofString(form));
        }
        return b.send(r);
    }

    private static boolean refusedForCsrf(RouteSpec spec, HttpResponse<String> r) {
        return r.statusCode() == 403 && (spec.api() ? r.body().contains("CSRF") : r.body().contains("页面已过期"));
    }

    @Test
    @DisplayName("every state-changing browser route refuses a session request without, with a forged or with another session's CSRF token")
    void csrfOnEveryStateChangingRoute() {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (RouteSpec spec : app.app().server().routes()) {
            if (!spec.changesState() || !spec.csrf()) {
                continue;
            }
            String path = spec.path().replaceAll(":[A-Za-z]+", "999");
            Browser victim;
            String otherToken;
            if (spec.isPublic()) { // the sign-in form: a session exists from the form page, nobody signed in yet
                victim = new Browser(app);
                victim.get("/login");
                Browser other = new Browser(app);
                otherToken = Browser.csrfFrom(other.get("/login").body());
            } else {
                Role role = allowedRole(spec);
                victim = signedIn(role);
                otherToken = Browser.csrfFrom(signedIn(role).get(HOME.get(role)).body());
            }
            String where = spec.method() + " " + spec.path();
            for (String token : new String[]{null, "forged-token", otherToken}) {
                HttpResponse<String> r = request(victim, spec, path, token);
                if (!refusedForCsrf(spec, r)) {
                    failures.add(where + " with token " + token + ": " + r.statusCode() + " " + r.body().substring(0, Math.min(100, r.body().length())));
                }
            }
            // the control: the same request with the session's own token passes the CSRF check
            String own = Browser.csrfFrom(victim.get(spec.isPublic() ? "/login" : HOME.get(allowedRole(spec))).body());
            HttpResponse<String> ok = request(victim, spec, path, own);
            if (refusedForCsrf(spec, ok)) {
                failures.add(where + " refused even with the session's own token");
            }
            checked++;
        }
        assertTrue(checked >= 15, "state-changing browser routes checked: " + checked);
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    @DisplayName("a session id planted by an attacker before sign-in is never the one that is signed in")
    void attackerChosenSessionId() {
        Browser victim = new Browser(app);
        String planted = "attackerchosenidattackerchosenid0123456789";
        victim.setSessionId(planted);
        HttpResponse<String> form = victim.get("/login");
        String issued = form.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("kt.sid="))
                .map(c -> c.substring(7, c.indexOf(';'))).findFirst().orElseThrow(() -> new AssertionError("no new session cookie"));
        assertNotEquals(planted, issued, "the server does not adopt an id it did not issue");
        victim.setSessionId(issued);
        HttpResponse<String> login = victim.post("/login", Map.of("username", "trainee1", "password", "demo1234",
                "_csrf", Browser.csrfFrom(form.body())));
        assertEquals(303, login.statusCode());
        assertNotEquals(planted, victim.sessionId());
        Browser attacker = new Browser(app);
        attacker.setSessionId(planted);
        assertEquals(302, attacker.get("/train").statusCode(), "the planted id is not signed in");
        // and an id issued by the server before sign-in is replaced too
        Browser other = new Browser(app);
        other.get("/login");
        String before = other.sessionId();
        other.login("trainee2", "demo1234");
        assertNotEquals(before, other.sessionId());
        Browser thief = new Browser(app);
        thief.setSessionId(before);
        assertEquals(302, thief.get("/train").statusCode());
    }

    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern EVENT_ATTRIBUTE = Pattern.compile("<[a-z][^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("<[a-z][^>]*\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern JS_URL = Pattern.compile("(href|src|action)\\s*=\\s*[\"']?\\s*javascript:", Pattern.CASE_INSENSITIVE);

    private static List<String> inlineCode(String html) {
        List<String> found = new ArrayList<>();
        for (Pattern p : List.of(INLINE_SCRIPT, EVENT_ATTRIBUTE, STYLE_ATTRIBUTE, JS_URL)) {
            Matcher m = p.matcher(html);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }

    @Test
    @DisplayName("every HTML page (and error page) carries the CSP header and contains no inline script, handler or style")
    void everyPageUnderCsp() {
        List<String> failures = new ArrayList<>();
        int pages = 0;
        for (RouteSpec spec : app.app().server().routes()) {
            if (spec.api() || spec.changesState()) {
                continue;
            }
            Browser b = spec.isPublic() ? new Browser(app) : signedIn(allowedRole(spec));
            String path = spec.path().replaceAll(":[A-Za-z]+", "999");
            HttpResponse<String> r = b.get(path);
            if (r.statusCode() >= 300 && r.statusCode() < 400) {
                continue; // "/" redirects to the sign-in page
            }
            String type = r.headers().firstValue("Content-Type").orElse("");
            if (!type.startsWith("text/html")) {
                continue; // downloads (GIFT export)
            }
            pages++;
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            if (!csp.contains("script-src 'self'") || !csp.contains("style-src 'self'") || csp.contains("unsafe-")) {
                failures.add(path + ": CSP header " + csp);
            }
            List<String> inline = inlineCode(r.body());
            if (!inline.isEmpty()) {
                failures.add(path + " (" + r.statusCode() + "): " + inline);
            }
        }
        HttpResponse<String> missing = new Browser(app).get("/no-such-page");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        assertEquals(List.of(), inlineCode(missing.body()));
        assertTrue(pages >= 12, "HTML pages checked: " + pages);
        assertEquals(List.of(), failures, String.join("\n", failures));
    }

    @Test
    @DisplayName("templates: no inline <script> body, no on* or style attribute, no javascript: URL, auto-escaping never switched off")
    void templatesHaveNoInlineCode() throws IOException {
        List<String> failures = new ArrayList<>();
        List<Path> templates;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/templates"))) {
            templates = files.filter(p -> p.toString().endsWith(".ftlh")).sorted().toList();
        }
        assertTrue(templates.size() >= 15, "templates: " + templates);
        for (Path t : templates) {
            String text = Files.readString(t);
            inlineCode(text).forEach(found -> failures.add(t.getFileName() + ": " + found));
            for (String off : List.of("?no_esc", "<#noautoesc", "<#outputformat \"plainText\"", "?markup_string")) {
                if (text.contains(off)) {
                    failures.add(t.getFileName() + ": escaping switched off with " + off);
                }
            }
        }
        assertEquals(List.of(), failures, String.join("\n", failures));
    }
}
