package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile request bodies on every JSON route that takes one, found by walking the route table: invalid JSON, wrong
 * types, invalid UTF-8, NUL characters, 10,000-deep nesting, oversized bodies, wrong content types and seeded
 * random bytes. Every answer is below 500 and every refusal is a JSON {"error"}; /health stays UP throughout.
 */
@DbTest
class ApiFuzzTest {
    private static final long SEED = Long.getLong("kt.fuzz.seed", 20261123L);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Routes that take no body: they may ignore what is sent (but must still refuse oversized or non-JSON bodies). */
    private static final Set<String> BODYLESS = Set.of("POST /api/exams/:id/attempts", "POST /api/attempts/:id/submit",
            "DELETE /api/auth/token");

    private static TestApp app;
    private static Api api;
    private static final Map<Role, String> tokens = new LinkedHashMap<>();
    private static final Map<String, String> params = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = new Api(app);
        tokens.put(Role.trainee, api.token("trainee1", "demo1234"));
        tokens.put(Role.trainer, api.token("trainer1", "demo1234"));
        tokens.put(Role.manager, api.token("manager1", "demo1234"));
        tokens.put(Role.admin, api.token("admin1", "demo1234"));
        // real ids, so requests get past the lookups and reach the body parsing
        String trainee = tokens.get(Role.trainee);
        HttpResponse<String> session = api.call("POST", "/api/sessions", trainee,
                new JsonObject().put("scenario", "size-dress-between-sizes").encode());
        assertEquals(201, session.statusCode(), session.body());
        String exam = new JsonArray(api.call("GET", "/api/exams", trainee, null).body()).getJsonObject(0).getString("id");
        JsonObject attempt = new JsonObject(api.call("POST", "/api/exams/" + exam + "/attempts", trainee, null).body());
        String attemptId = attempt.getString("attemptId");
        JsonObject paper = new JsonObject(api.call("GET", "/api/attempts/" + attemptId, trainee, null).body());
        params.put(":id/replies", new JsonObject(session.body()).getString("id"));
        params.put(":id/attempts", exam);
        params.put(":id/answers", attemptId);
        params.put(":id/submit", attemptId);
        params.put(":questionId", paper.getJsonArray("questions").getJsonObject(0).getString("id"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** The JSON routes that change state, each with a path that names real records. */
    private static List<RouteSpec> jsonRoutes() {
        List<RouteSpec> out = new ArrayList<>();
        for (RouteSpec spec : app.app().server().routes()) {
            if (spec.api() && spec.changesState() && !spec.uploads()) {
                out.add(spec);
            }
        }
        return out;
    }

    private static String pathOf(RouteSpec spec) {
        String path = spec.path();
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (path.contains(p.getKey())) {
                path = path.replace(p.getKey().startsWith(":id/") ? ":id" : p.getKey(), p.getValue());
            }
        }
        return path.replaceAll(":[A-Za-z]+", "999");
    }

    private static String tokenFor(RouteSpec spec) {
        if (spec.isPublic()) {
            return null;
        }
        for (Map.Entry<Role, String> t : tokens.entrySet()) {
            if (spec.roles().contains(t.getKey())) {
                return spec.method().name().equals("DELETE") ? api.token(username(t.getKey()), "demo1234") : t.getValue();
            }
        }
        throw new AssertionError("no role may call " + spec.path());
    }

    private static String username(Role role) {
        return role == Role.trainee ? "trainee1" : role.name() + "1";
    }

    record Case(String name, byte[] body, String contentType, boolean mustRefuse) {
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String json = "application/json";
        for (String bad : List.of("{\"text\": ", "{'text': 'x'}", "nul", "{} trailing", "{\"a\":1,}", "[1,2", "\"unterminated",
                "{\"text\":\"\\x41\"}", "{\"text\":\"\\uZZZZ\"}", "\u0000", "NaN", "{\"a\":01}")) {
            cases.add(new Case("invalid JSON " + bad, utf8(bad), json, true));
        }
        String wrongTypes = "{\"text\":5,\"clientId\":[],\"metrics\":\"x\",\"scenario\":{},\"mode\":7,\"seed\":\"s\",\"value\":{\"a\":[]},"
                + "\"username\":1,\"password\":{},\"phrases\":\"x\"}";
        for (String wrong : List.of("[]", "\"a string\"", "42", "null", "true", wrongTypes,
                "{\"text\":null,\"clientId\":null}", "{\"text\":\"" + "长".repeat(2_001) + "\",\"clientId\":\"c\"}",
                "{\"text\":\"亲\",\"clientId\":\"" + "c".repeat(500) + "\"}",
                "{\"text\":\"亲\",\"clientId\":\"c-num\",\"metrics\":{\"committed\":-1,\"pasted\":1e308,\"activeMs\":\"x\"}}",
                "{\"text\":\"亲\",\"clientId\":\"c-big\",\"metrics\":{\"committed\":1e400}}",
                "{\"scenario\":\"../../etc/passwd\"}", "{\"scenario\":\"x\",\"mode\":\"god\",\"seed\":1e999}",
                "[1,2,3]", "[\"" + "x".repeat(300) + "\"]", "[" + "\"a\",".repeat(60) + "\"a\"]")) {
            cases.add(new Case("wrong types " + clip(wrong), utf8(wrong), json, false));
        }
        // invalid UTF-8 in strings, and NUL characters PostgreSQL text cannot hold
        cases.add(new Case("invalid UTF-8 bytes", concat(utf8("{\"text\":\""), new byte[]{(byte) 0xff, (byte) 0xfe, (byte) 0xc0, (byte) 0xaf},
                utf8("\",\"clientId\":\"u1\",\"scenario\":\""), new byte[]{(byte) 0xed, (byte) 0xa0, (byte) 0x80}, utf8("\",\"value\":\"\u0000\"}")), json, false));
        cases.add(new Case("lone surrogate", utf8("{\"text\":\"\\ud800x\",\"clientId\":\"s1\",\"username\":\"\\udfff\",\"password\":\"x\",\"value\":\"\\ud800\"}"), json, false));
        cases.add(new Case("NUL in text", utf8("{\"text\":\"亲\\u0000好\",\"clientId\":\"n\\u00001\",\"scenario\":\"a\\u0000\",\"username\":\"a\\u0000\",\"password\":\"p\",\"value\":\"A\\u0000\"}"), json, false));
        cases.add(new Case("NUL in phrase", utf8("[\"亲\\u0000\"]"), json, false));
        // 10,000-deep nesting
        cases.add(new Case("10,000-deep arrays", utf8("[".repeat(10_000) + "]".repeat(10_000)), json, true));
        cases.add(new Case("10,000-deep objects", utf8("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)), json, true));
        cases.add(new Case("deep value", utf8("{\"text\":" + "[".repeat(10_000) + "]".repeat(10_000) + ",\"clientId\":\"d\",\"value\":"
                + "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000) + "}"), json, false));
        // oversized
        cases.add(new Case("oversized (70 KB)", utf8("{\"text\":\"" + "x".repeat(70 * 1024) + "\",\"clientId\":\"big\"}"), json, true));
        cases.add(new Case("oversized (3 MB)", utf8("[" + "1,".repeat(1_500_000) + "1]"), json, true));
        // wrong content types with an otherwise fine body
        String fine = "{\"text\":\"亲\",\"clientId\":\"ct\",\"scenario\":\"size-dress-between-sizes\",\"value\":\"A\"}";
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "image/png")) {
            cases.add(new Case("content type " + type, utf8(fine), type, true));
        }
        cases.add(new Case("empty body", new byte[0], json, false));
        // seeded random bytes and JSON-ish noise
        Random random = new Random(SEED);
        for (int i = 0; i < 6; i++) {
            byte[] noise = new byte[1 + random.nextInt(300)];
            random.nextBytes(noise);
            cases.add(new Case("random bytes " + i, noise, json, true));
        }
        String alphabet = "{}[]\":,0123456789.eE-+truefalsnul\\u \t\n亲";
        for (int i = 0; i < 6; i++) {
            StringBuilder s = new StringBuilder("{");
            for (int k = 0, n = random.nextInt(200); k < n; k++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            cases.add(new Case("JSON-ish noise " + i, utf8(s.toString()), json, false));
        }
        return cases;
    }

    @Test
    @DisplayName("hostile bodies on every JSON POST/PUT/DELETE route: 4xx JSON errors, never a 5xx, and /health stays UP")
    void hostileBodies() throws Exception {
        List<RouteSpec> routes = jsonRoutes();
        assertTrue(routes.size() >= 8, "the route table looks incomplete: " + routes.size());
        List<String> failures = new ArrayList<>();
        List<Case> cases = cases();
        int requests = 0;
        for (RouteSpec spec : routes) {
            String key = spec.method().name() + " " + spec.path();
            String path = pathOf(spec);
            for (Case c : cases) {
                String token = tokenFor(spec);
                HttpResponse<String> r = send(spec.method().name(), path, token, c.body(), c.contentType());
                requests++;
                String what = key + " with " + c.name() + ": " + r.statusCode() + " " + clip(r.body());
                if (r.statusCode() >= 500) {
                    failures.add(what);
                    continue;
                }
                boolean refused = r.statusCode() >= 400;
                if (c.mustRefuse() && !refused && !(BODYLESS.contains(key) && c.name().startsWith("invalid JSON"))
                        && !(BODYLESS.contains(key) && c.name().startsWith("random") || BODYLESS.contains(key) && c.name().contains("deep"))) {
                    failures.add("accepted: " + what);
                }
                if (refused && !isJsonError(r)) {
                    failures.add("not a JSON error: " + what);
                }
            }
            HttpResponse<String> health = api.call("GET", "/health", null, null);
            if (health.statusCode() != 200 || !health.body().contains("\"UP\"")) {
                failures.add("health after " + key + ": " + health.statusCode() + " " + health.body());
            }
        }
        assertTrue(requests >= routes.size() * 40, "requests sent: " + requests);
        assertEquals(List.of(), failures, String.join("\n", failures));
        // the server still serves real work
        assertEquals(200, api.call("GET", "/api/me", tokens.get(Role.trainee), null).statusCode());
        assertTrue(api.call("GET", "/health", null, null).body().contains("\"UP\""));
    }

    @Test
    @DisplayName("hostile form fields on every browser POST route (NUL, invalid UTF-8, 100 KB values, odd names): never a 5xx")
    void hostileForms() {
        List<String> failures = new ArrayList<>();
        List<String> values = List.of("%00", "a%00b", "%FF%FE%C0%AF", "%ED%A0%80", "x".repeat(100_000), "%E4%BA", "-1",
                "99999999999999999999", "NaN", "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "");
        List<String> fields = List.of("username", "displayName", "name", "password", "newPassword", "role", "cohort",
                "userId", "csvText", "score", "comment", "text", "reply", "next", "current", "confirm");
        int requests = 0;
        Map<Role, io.kefutrainer.support.Browser> browsers = new java.util.EnumMap<>(Role.class);
        for (RouteSpec spec : app.app().server().routes()) {
            if (spec.api() || !spec.changesState() || spec.path().equals("/logout")) {
                continue;
            }
            io.kefutrainer.support.Browser b;
            String tokenPage = "/login";
            if (spec.isPublic()) {
                b = new io.kefutrainer.support.Browser(app);
            } else { // one signed-in browser per role
                Role role = tokens.keySet().stream().filter(spec.roles()::contains).findFirst().orElseThrow();
                b = browsers.computeIfAbsent(role, r -> {
                    io.kefutrainer.support.Browser signedIn = new io.kefutrainer.support.Browser(app);
                    signedIn.login(username(r), "demo1234");
                    return signedIn;
                });
                tokenPage = role.home();
            }
            String csrf = io.kefutrainer.support.Browser.csrfFrom(b.get(tokenPage).body());
            String path = spec.path().replaceAll(":[A-Za-z]+", "1");
            for (String value : values) {
                StringBuilder form = new StringBuilder("_csrf=").append(csrf);
                for (String f : fields) {
                    form.append('&').append(f).append('=').append(value);
                }
                HttpResponse<String> r = b.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                        .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
                requests++;
                if (r.statusCode() >= 500) {
                    failures.add(spec.path() + " with " + clip(value) + ": " + r.statusCode() + " " + clip(r.body()));
                }
            }
            if (spec.uploads()) { // uploaded files with hostile names and contents
                for (String fileName : List.of("/", "..", "a\u0000b.gift", "../../../etc/passwd", "名单.csv\r\nX-Evil: 1", "", "x".repeat(5_000))) {
                    String boundary = "kt-fuzz-boundary";
                    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + csrf + "\r\n"
                            + part(boundary, "file", fileName) + part(boundary, "csv", fileName) + "--" + boundary + "--\r\n";
                    HttpResponse<String> r = b.send(HttpRequest.newBuilder(URI.create(app.url(path)))
                            .header("Accept", "text/html").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofString(body)));
                    requests++;
                    if (r.statusCode() >= 500) {
                        failures.add(spec.path() + " upload named " + clip(fileName) + ": " + r.statusCode() + " " + clip(r.body()));
                    }
                }
            }
        }
        assertTrue(requests >= 100, "form requests: " + requests);
        assertEquals(List.of(), failures, String.join("\n", failures));
        assertTrue(api.call("GET", "/health", null, null).body().contains("\"UP\""));
    }

    private static String part(String boundary, String field, String fileName) {
        return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n\u0000\u00ff题 {T}\nzhang,张\u0000三\r\n";
    }

    private static boolean isJsonError(HttpResponse<String> r) {
        try {
            return r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                    && new JsonObject(r.body()).getValue("error") instanceof String;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static HttpResponse<String> send(String method, String path, String token, byte[] body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // a server may close the connection on an oversized body after answering; that is not a crash
            throw new AssertionError(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
