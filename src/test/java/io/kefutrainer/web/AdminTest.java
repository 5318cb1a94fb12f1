package io.kefutrainer.web;

import io.kefutrainer.account.AccountSetup;
import io.kefutrainer.account.Hashing;
import io.kefutrainer.store.CohortStore;
import io.kefutrainer.store.UserStore;
import io.kefutrainer.support.Api;
import io.kefutrainer.support.Browser;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DbTest
class AdminTest {
    private static TestApp app;
    private static Browser admin;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        admin = new Browser(app);
        assertEquals(303, admin.login("admin1", "demo1234").statusCode());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static long demoCohortId() {
        return app.sql("SELECT id FROM cohorts WHERE name = $1", AccountSetup.DEMO_COHORT).iterator().next().getLong(0);
    }

    @Test
    @DisplayName("GET /api/users lists every account with role and cohorts, for admins only")
    void usersApi() {
        Api api = new Api(app);
        HttpResponse<String> r = api.call("GET", "/api/users", api.token("admin1", "demo1234"), null);
        assertEquals(200, r.statusCode());
        JsonArray users = new JsonArray(r.body());
        JsonObject trainee = users.stream().map(JsonObject.class::cast)
                .filter(u -> u.getString("username").equals("trainee2")).findFirst().orElseThrow();
        assertEquals("trainee", trainee.getString("role"));
        assertEquals("李明", trainee.getString("displayName"));
        assertEquals(AccountSetup.DEMO_COHORT, trainee.getJsonArray("cohorts").getString(0));
        assertFalse(r.body().contains("argon2"), "no password hash in the API");
    }

    @Test
    @DisplayName("an admin creates a trainee with a generated password shown once; the trainee can sign in with it")
    void createUserWithGeneratedPassword() {
        HttpResponse<String> created = admin.submit("/admin/users", "/admin/users",
                Map.of("username", "wanghong", "displayName", "王红", "role", "trainee", "password", "",
                        "cohortId", Long.toString(demoCohortId())));
        assertEquals(303, created.statusCode());
        String page = admin.get("/admin/users").body();
        Matcher m = Pattern.compile("初始密码:([A-Za-z0-9]+)").matcher(page);
        assertTrue(m.find(), "the generated password is shown once");
        assertFalse(admin.get("/admin/users").body().contains(m.group(1)), "…and only once");
        Browser trainee = new Browser(app);
        assertEquals(303, trainee.login("wanghong", m.group(1)).statusCode());

        HttpResponse<String> duplicate = admin.submit("/admin/users", "/admin/users",
                Map.of("username", "WangHong", "displayName", "另一个王红", "role", "trainee", "password", "abcdefgh1"));
        assertEquals(409, duplicate.statusCode(), "usernames are unique regardless of case");
    }

    @Test
    @DisplayName("disabling an account ends its sessions and refuses its sign-in")
    void disableUser() {
        admin.submit("/admin/users", "/admin/users",
                Map.of("username", "leaving", "displayName", "离职学员", "role", "trainee", "password", "leaving-pass1"));
        Browser leaver = new Browser(app);
        assertEquals(303, leaver.login("leaving", "leaving-pass1").statusCode());
        assertEquals(200, leaver.get("/train").statusCode());
        long id = app.sql("SELECT id FROM users WHERE username = 'leaving'").iterator().next().getLong(0);
        assertEquals(303, admin.submit("/admin/users", "/admin/users/" + id + "/disable", Map.of()).statusCode());
        assertEquals(302, leaver.get("/train").statusCode(), "the open session no longer works");
        HttpResponse<String> again = new Browser(app).login("leaving", "leaving-pass1");
        assertEquals(403, again.statusCode());
        assertTrue(again.body().contains("已停用"));
    }

    @Test
    @DisplayName("a bearer token stops working at once when it is revoked or its account is disabled (look-ups are cached)")
    void tokensRevokedAtOnce() {
        admin.submit("/admin/users", "/admin/users",
                Map.of("username", "tokenuser", "displayName", "令牌学员", "role", "trainee", "password", "token-pass1"));
        Api api = new Api(app);
        String first = api.token("tokenuser", "token-pass1");
        assertEquals(200, api.call("GET", "/api/me", first, null).statusCode());
        assertEquals(200, api.call("GET", "/api/me", first, null).statusCode(), "the second call is answered from the cache");
        assertEquals(204, api.call("DELETE", "/api/auth/token", first, null).statusCode());
        assertEquals(401, api.call("GET", "/api/me", first, null).statusCode(), "revoked: refused at once");

        String second = api.token("tokenuser", "token-pass1");
        assertEquals(200, api.call("GET", "/api/me", second, null).statusCode());
        long id = app.sql("SELECT id FROM users WHERE username = 'tokenuser'").iterator().next().getLong(0);
        assertEquals(303, admin.submit("/admin/users", "/admin/users/" + id + "/disable", Map.of()).statusCode());
        assertEquals(401, api.call("GET", "/api/me", second, null).statusCode(), "disabled: refused at once");
    }

    @Test
    @DisplayName("CSV import: UTF-8 with BOM and Chinese names creates trainees in the cohort with passwords shown once")
    void csvImport() {
        long cohort = demoCohortId();
        String csv = "\uFEFF用户名,姓名\nzhaolei,赵磊\nsunli,孙丽\n";
        HttpResponse<String> r = admin.submit("/admin/cohorts/" + cohort, "/admin/cohorts/" + cohort + "/import", Map.of("csvText", csv));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("已导入 2 名学员"));
        assertTrue(r.body().contains("赵磊") && r.body().contains("孙丽"));
        // "请现在下载" comes with the download: the list with the generated passwords as a CSV file
        Matcher link = Pattern.compile("id=\"passwords-download\" href=\"(data:text/csv[^\"]+)\" download=").matcher(r.body());
        assertTrue(r.body().contains("请现在下载") && link.find(), r.body());
        String file = java.net.URLDecoder.decode(link.group(1).substring(link.group(1).indexOf(',') + 1), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(file.contains("用户名,姓名,初始密码") && file.contains("zhaolei,赵磊,"), file);
        assertEquals(2L, app.sql("SELECT count(*) FROM users u JOIN cohort_members m ON m.user_id = u.id"
                + " WHERE m.cohort_id = $1 AND u.username IN ('zhaolei', 'sunli') AND u.role = 'trainee'", cohort).iterator().next().getLong(0));
    }

    @Test
    @DisplayName("CSV import with one bad row or a taken username imports nothing and names the row")
    void csvImportAllOrNothing() {
        long cohort = demoCohortId();
        HttpResponse<String> bad = admin.submit("/admin/cohorts/" + cohort, "/admin/cohorts/" + cohort + "/import",
                Map.of("csvText", "username,name\nqianyi,钱一\n坏 名字,钱二\n"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("第 3 行"), bad.body());
        HttpResponse<String> taken = admin.submit("/admin/cohorts/" + cohort, "/admin/cohorts/" + cohort + "/import",
                Map.of("csvText", "username,name\nqianyi,钱一\ntrainee1,重名\n"));
        assertEquals(409, taken.statusCode());
        assertEquals(0L, app.sql("SELECT count(*) FROM users WHERE username = 'qianyi'").iterator().next().getLong(0));
    }

    @Test
    @DisplayName("names are HTML-escaped wherever they are shown")
    void namesAreEscaped() {
        admin.submit("/admin/users", "/admin/users",
                Map.of("username", "xss-test", "displayName", "<script>alert(1)</script>", "role", "trainee", "password", "xss-pass-1"));
        String page = admin.get("/admin/users").body();
        assertFalse(page.contains("<script>alert(1)</script>"));
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }

    @Test
    @DisplayName("seeding the demo again adds nothing twice")
    void demoSeedIsIdempotent() {
        long users = app.sql("SELECT count(*) FROM users").iterator().next().getLong(0);
        long members = app.sql("SELECT count(*) FROM cohort_members").iterator().next().getLong(0);
        Vertx vertx = Vertx.vertx();
        try {
            AccountSetup setup = new AccountSetup(new UserStore(app.app().pool()), new CohortStore(app.app().pool()), new Hashing(vertx));
            TestApp.await(setup.seedDemo());
            TestApp.await(setup.seedDemo());
        } finally {
            TestApp.await(vertx.close());
        }
        assertEquals(users, app.sql("SELECT count(*) FROM users").iterator().next().getLong(0));
        assertEquals(members, app.sql("SELECT count(*) FROM cohort_members").iterator().next().getLong(0));
        assertEquals(1L, app.sql("SELECT count(*) FROM cohorts WHERE name = $1", AccountSetup.DEMO_COHORT).iterator().next().getLong(0));
    }
}
