package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Walks the route table itself, so a route added without the right roles fails here. */
@DbTest
class RouteRoleMatrixTest {
    private static TestApp app;
    private static Api api;
    private static final Map<Role, String> USERS = Map.of(Role.trainee, "trainee1", Role.trainer, "trainer1",
            Role.manager, "manager1", Role.admin, "admin1");
    private static final Map<Role, String> tokens = new EnumMap<>(Role.class);

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = new Api(app);
        USERS.forEach((role, name) -> tokens.put(role, api.token(name, "demo1234")));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName("every route answers anonymous callers and each role exactly as the route table says")
    void everyRouteAgainstEveryRole() {
        List<RouteSpec> routes = app.app().server().routes();
        assertTrue(routes.size() >= 20, "the route table looks incomplete: " + routes.size());
        List<String> failures = new ArrayList<>();
        for (RouteSpec spec : routes) {
            String path = spec.path().replaceAll(":[A-Za-z]+", "999");
            String method = spec.method().name();

            HttpResponse<String> anon = api.call(method, path, null, spec.changesState() && spec.api() ? "{}" : null);
            if (spec.isPublic()) {
                check(failures, anon.statusCode() != 401 && anon.statusCode() < 500, spec, "anonymous", anon);
            } else {
                check(failures, anon.statusCode() == 401, spec, "anonymous (expected 401)", anon);
                check(failures, anon.body().contains("\"error\""), spec, "anonymous 401 body is a JSON error", anon);
            }

            for (Role role : Role.values()) {
                String token = tokens.get(role);
                if (spec.method().name().equals("DELETE") && spec.path().equals("/api/auth/token")) {
                    token = api.token(USERS.get(role), "demo1234"); // revoking must not spend the shared token
                }
                HttpResponse<String> r = api.call(method, path, token, spec.changesState() && spec.api() ? "{}" : null);
                boolean allowed = spec.isPublic() || spec.roles().contains(role);
                if (allowed) {
                    check(failures, r.statusCode() != 401 && r.statusCode() != 403 && r.statusCode() < 500, spec, role + " (allowed)", r);
                } else {
                    check(failures, r.statusCode() == 403, spec, role + " (expected 403)", r);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    @DisplayName("a browser without a session is sent to the sign-in page and brought back afterwards")
    void anonymousBrowserIsRedirectedToLogin() throws Exception {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (RouteSpec spec : app.app().server().routes()) {
            if (spec.isPublic() || spec.api() || spec.changesState()) {
                continue;
            }
            String path = spec.path().replaceAll(":[A-Za-z]+", "1");
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(302, r.statusCode(), path);
            assertTrue(r.headers().firstValue("Location").orElse("").startsWith("/login?next=%2F"), path);
        }
    }

    @Test
    @DisplayName("an unknown path is 404 with a JSON error for API callers")
    void unknownRouteIs404() {
        HttpResponse<String> r = api.call("GET", "/api/no-such-thing", tokens.get(Role.admin), null);
        assertEquals(404, r.statusCode());
        assertTrue(new JsonObject(r.body()).containsKey("error"));
    }

    private static void check(List<String> failures, boolean ok, RouteSpec spec, String who, HttpResponse<String> r) {
        if (!ok) {
            failures.add(spec.method() + " " + spec.path() + " as " + who + ": got " + r.statusCode() + " "
                    + r.body().substring(0, Math.min(120, r.body().length())));
        }
    }
}
