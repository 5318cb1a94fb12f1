package io.kefutrainer.web;

import io.kefutrainer.account.Accounts;
import io.kefutrainer.account.Hashing;

import io.kefutrainer.account.Cohort;
import io.kefutrainer.account.Passwords;
import io.kefutrainer.account.Role;
import io.kefutrainer.account.TraineeCsv;
import io.kefutrainer.account.User;
import io.kefutrainer.account.Usernames;
import io.kefutrainer.store.CohortStore;
import io.kefutrainer.problem.Problem;
import io.kefutrainer.store.TokenStore;
import io.kefutrainer.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** 用户 and 批次 administration: create and disable accounts, cohorts, bulk import of trainees from CSV. */
final class AdminRoutes {
    private static final Set<Role> ADMIN = RouteTable.roles(Role.admin);
    static final long CSV_LIMIT = 2 * 1024 * 1024;

    /** One imported account and its initial password (shown once, only when generated). */
    public record ImportedAccount(String username, String displayName, String password) {
    }

    /**
     * The imported accounts with their initial passwords as a CSV data URL: the page says to download them now, and
     * they are never stored in plain text, so the file is made from the page itself.
     */
    static String passwordsCsv(List<ImportedAccount> accounts) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("用户名", "姓名", "初始密码"));
        accounts.forEach(a -> rows.add(List.of(a.username(), a.displayName(), a.password().isEmpty() ? "(文件中指定)" : a.password())));
        return "data:text/csv;charset=utf-8," + java.net.URLEncoder.encode(io.kefutrainer.progress.KpiCsv.table(rows),
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private final Pages pages;
    private final UserStore users;
    private final CohortStore cohorts;
    private final Hashing hashing;
    private final Vertx vertx;

    private final TokenStore tokens;

    AdminRoutes(Pages pages, UserStore users, CohortStore cohorts, Hashing hashing, Vertx vertx, TokenStore tokens) {
        this.tokens = tokens;
        this.pages = pages;
        this.users = users;
        this.cohorts = cohorts;
        this.hashing = hashing;
        this.vertx = vertx;
    }

    void register(RouteTable table) {
        table.page(HttpMethod.GET, "/admin/users", ADMIN, this::userList);
        table.page(HttpMethod.POST, "/admin/users", ADMIN, this::createUser);
        table.page(HttpMethod.POST, "/admin/users/:id/disable", ADMIN, ctx -> setDisabled(ctx, true));
        table.page(HttpMethod.POST, "/admin/users/:id/enable", ADMIN, ctx -> setDisabled(ctx, false));
        table.page(HttpMethod.POST, "/admin/users/:id/password", ADMIN, this::resetPassword);
        table.page(HttpMethod.GET, "/admin/cohorts", ADMIN, this::cohortList);
        table.page(HttpMethod.POST, "/admin/cohorts", ADMIN, this::createCohort);
        table.page(HttpMethod.GET, "/admin/cohorts/:id", ADMIN, this::cohortPage);
        table.page(HttpMethod.POST, "/admin/cohorts/:id/members", ADMIN, this::addMember);
        table.page(HttpMethod.POST, "/admin/cohorts/:id/members/:userId/remove", ADMIN, this::removeMember);
        table.add(new RouteSpec(HttpMethod.POST, "/admin/cohorts/:id/import", ADMIN, false, true, CSV_LIMIT, true, this::importCsv));
        table.api(HttpMethod.GET, "/api/users", ADMIN, this::usersJson);
    }

    // ---- users

    private void userList(RoutingContext ctx) {
        renderUsers(ctx, 200, Map.of());
    }

    private void renderUsers(RoutingContext ctx, int status, Map<String, Object> extra) {
        Future.all(users.list(), cohorts.namesByUser(), cohorts.list()).onSuccess(all -> {
            Map<String, Object> model = new HashMap<>(extra);
            model.put("users", all.resultAt(0));
            model.put("cohortNames", stringKeys(all.resultAt(1)));
            model.put("cohorts", all.resultAt(2));
            model.put("roles", Role.values());
            model.put("flash", Flash.take(ctx));
            model.putIfAbsent("error", "");
            model.putIfAbsent("form", Map.of());
            pages.render(ctx, status, "admin-users", model);
        }).onFailure(ctx::fail);
    }

    private void createUser(RoutingContext ctx) {
        String username = trim(ctx.request().getFormAttribute("username"));
        String displayName = trim(ctx.request().getFormAttribute("displayName"));
        String roleName = ctx.request().getFormAttribute("role");
        String password = ctx.request().getFormAttribute("password");
        String cohortId = ctx.request().getFormAttribute("cohortId");
        // the whole form comes back after an error, the chosen cohort included (a user created without it is a trap)
        Map<String, String> form = Map.of("username", username, "displayName", displayName,
                "role", roleName == null ? "" : roleName, "cohortId", cohortId == null ? "" : cohortId.trim());
        String problem = Usernames.problem(username);
        if (problem == null) problem = Usernames.problemWithDisplayName(displayName);
        Role role = Role.parse(roleName).orElse(null);
        if (problem == null && role == null) problem = "请选择角色";
        boolean generated = password == null || password.isEmpty();
        if (problem == null && !generated) problem = Passwords.problem(password);
        Long cohort = parseId(cohortId);
        if (problem != null) {
            renderUsers(ctx, 400, Map.of("error", problem, "form", form));
            return;
        }
        String initial = generated ? Passwords.generate() : password;
        hashing.hash(initial)
                .compose(hash -> users.createAll(List.of(new Accounts.NewUser(username, displayName, role, hash)), cohort))
                .onSuccess(created -> {
                    Flash.set(ctx, "已创建 " + role.label() + " " + displayName + "(" + username + ")"
                            + (generated ? ",初始密码:" + initial + "(只显示这一次,请转交本人)" : ""));
                    pages.redirect(ctx, "/admin/users");
                })
                .onFailure(e -> {
                    if (e instanceof Problem p && p.is(Problem.Kind.conflict)) {
                        renderUsers(ctx, 409, Map.of("error", e.getMessage(), "form", form));
                    } else {
                        ctx.fail(e);
                    }
                });
    }

    private void setDisabled(RoutingContext ctx, boolean disabled) {
        long id = pathId(ctx, "id");
        if (disabled && id == CurrentUser.require(ctx).id()) {
            Flash.set(ctx, "不能停用自己的账号");
            pages.redirect(ctx, "/admin/users");
            return;
        }
        users.setDisabled(id, disabled).onSuccess(found -> {
            if (!found) {
                ctx.fail(new HttpError(404, "用户不存在"));
                return;
            }
            if (disabled) {
                tokens.forgetUser(id); // this instance stops accepting the user's bearer tokens at once
            }
            Flash.set(ctx, disabled ? "账号已停用,其登录会话已全部失效" : "账号已启用");
            pages.redirect(ctx, "/admin/users");
        }).onFailure(ctx::fail);
    }

    private void resetPassword(RoutingContext ctx) {
        long id = pathId(ctx, "id");
        String password = Passwords.generate();
        users.byId(id).compose(user -> {
            if (user.isEmpty()) {
                return Future.failedFuture(new HttpError(404, "用户不存在"));
            }
            return hashing.hash(password).compose(hash -> users.setPasswordHash(id, hash)).map(user.get());
        }).onSuccess(user -> {
            Flash.set(ctx, user.displayName() + "(" + user.username() + ")的新密码:" + password + "(只显示这一次)");
            pages.redirect(ctx, "/admin/users");
        }).onFailure(ctx::fail);
    }

    private void usersJson(RoutingContext ctx) {
        Future.all(users.list(), cohorts.namesByUser()).onSuccess(all -> {
            List<User> list = all.resultAt(0);
            Map<Long, List<String>> names = all.resultAt(1);
            JsonArray array = new JsonArray();
            for (User u : list) {
                array.add(new JsonObject()
                        .put("id", u.id())
                        .put("username", u.username())
                        .put("displayName", u.displayName())
                        .put("role", u.role().name())
                        .put("disabled", u.disabled())
                        .put("cohorts", new JsonArray(names.getOrDefault(u.id(), List.of())))
                        .put("createdAt", u.createdAt().toInstant().toString()));
            }
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(array.encode());
        }).onFailure(ctx::fail);
    }

    // ---- cohorts

    private void cohortList(RoutingContext ctx) {
        renderCohorts(ctx, 200, "", "");
    }

    private void renderCohorts(RoutingContext ctx, int status, String error, String name) {
        cohorts.list().onSuccess(list -> pages.render(ctx, status, "admin-cohorts",
                Map.of("cohorts", list, "flash", Flash.take(ctx), "error", error, "name", name))).onFailure(ctx::fail);
    }

    private void createCohort(RoutingContext ctx) {
        String name = trim(ctx.request().getFormAttribute("name"));
        String description = trim(ctx.request().getFormAttribute("description"));
        if (name.isEmpty() || name.length() > 60) {
            renderCohorts(ctx, 400, "批次名称不能为空,最多 60 个字", name);
            return;
        }
        if (description.length() > 500) {
            renderCohorts(ctx, 400, "说明最多 500 个字", name);
            return;
        }
        cohorts.create(name, description).onSuccess(id -> {
            Flash.set(ctx, "已创建批次 " + name);
            pages.redirect(ctx, "/admin/cohorts/" + id);
        }).onFailure(e -> {
            if (e instanceof Problem p && p.is(Problem.Kind.conflict)) {
                renderCohorts(ctx, 409, e.getMessage(), name);
            } else {
                ctx.fail(e);
            }
        });
    }

    private void cohortPage(RoutingContext ctx) {
        renderCohort(ctx, 200, Map.of());
    }

    private void renderCohort(RoutingContext ctx, int status, Map<String, Object> extra) {
        long id = pathId(ctx, "id");
        Future.all(cohorts.list(), cohorts.members(id), users.list()).onSuccess(all -> {
            List<Cohort> list = all.resultAt(0);
            Cohort cohort = list.stream().filter(c -> c.id() == id).findFirst().orElse(null);
            if (cohort == null) {
                ctx.fail(new HttpError(404, "批次不存在"));
                return;
            }
            List<User> members = all.resultAt(1);
            List<User> others = new ArrayList<>(all.<List<User>>resultAt(2));
            others.removeIf(u -> u.disabled() || u.role() == Role.admin
                    || members.stream().anyMatch(m -> m.id() == u.id()));
            Map<String, Object> model = new HashMap<>(extra);
            model.put("cohort", cohort);
            model.put("members", members);
            model.put("candidates", others);
            model.put("flash", Flash.take(ctx));
            model.putIfAbsent("errors", List.of());
            model.putIfAbsent("imported", List.of());
            model.putIfAbsent("importedCsv", "");
            pages.render(ctx, status, "admin-cohort", model);
        }).onFailure(ctx::fail);
    }

    private void addMember(RoutingContext ctx) {
        long id = pathId(ctx, "id");
        Long userId = parseId(ctx.request().getFormAttribute("userId"));
        if (userId == null) {
            ctx.fail(HttpError.badRequest("请选择要加入的用户", "userId"));
            return;
        }
        cohorts.addMember(id, userId).onSuccess(x -> {
            Flash.set(ctx, "已加入批次");
            pages.redirect(ctx, "/admin/cohorts/" + id);
        }).onFailure(ctx::fail);
    }

    private void removeMember(RoutingContext ctx) {
        long id = pathId(ctx, "id");
        long userId = pathId(ctx, "userId");
        cohorts.removeMember(id, userId).onSuccess(x -> {
            Flash.set(ctx, "已移出批次");
            pages.redirect(ctx, "/admin/cohorts/" + id);
        }).onFailure(ctx::fail);
    }

    private void importCsv(RoutingContext ctx) {
        long cohortId = pathId(ctx, "id");
        readCsv(ctx).compose(text -> vertx.executeBlocking(() -> TraineeCsv.parse(text), false)).onSuccess(parsed -> {
            if (!parsed.ok()) {
                renderCohort(ctx, 400, Map.of("errors", parsed.errors()));
                return;
            }
            List<String> passwords = new ArrayList<>();
            List<Future<String>> hashes = new ArrayList<>();
            for (TraineeCsv.Row row : parsed.rows()) {
                String password = row.password() != null ? row.password() : Passwords.generate();
                passwords.add(password);
                hashes.add(hashing.hash(password));
            }
            Future.all(hashes).compose(done -> {
                List<Accounts.NewUser> accounts = new ArrayList<>();
                for (int i = 0; i < parsed.rows().size(); i++) {
                    TraineeCsv.Row row = parsed.rows().get(i);
                    accounts.add(new Accounts.NewUser(row.username(), row.displayName(), Role.trainee, done.resultAt(i)));
                }
                return users.createAll(accounts, cohortId);
            }).onSuccess(created -> {
                List<ImportedAccount> shown = new ArrayList<>();
                for (int i = 0; i < parsed.rows().size(); i++) {
                    TraineeCsv.Row row = parsed.rows().get(i);
                    shown.add(new ImportedAccount(row.username(), row.displayName(), row.password() == null ? passwords.get(i) : ""));
                }
                renderCohort(ctx, 200, Map.of("imported", shown, "importedCsv", passwordsCsv(shown)));
            }).onFailure(e -> {
                if (e instanceof Problem p && p.is(Problem.Kind.conflict)) {
                    renderCohort(ctx, 409, Map.of("errors", List.of(e.getMessage() + ",本次没有导入任何学员")));
                } else {
                    ctx.fail(e);
                }
            });
        }).onFailure(ctx::fail);
    }

    private Future<String> readCsv(RoutingContext ctx) {
        for (FileUpload upload : ctx.fileUploads()) {
            if ("csv".equals(upload.name()) && upload.size() > 0) {
                return vertx.fileSystem().readFile(upload.uploadedFileName())
                        .map(buffer -> buffer.toString(StandardCharsets.UTF_8));
            }
        }
        String text = ctx.request().getFormAttribute("csvText");
        if (text == null || text.isBlank()) {
            return Future.failedFuture(HttpError.badRequest("请选择 CSV 文件或粘贴名单", "csv"));
        }
        return Future.succeededFuture(text);
    }

    // ---- helpers

    private static long pathId(RoutingContext ctx, String name) {
        Long id = parseId(ctx.pathParam(name));
        if (id == null) {
            throw new HttpError(404, "not found");
        }
        return id;
    }

    private static Long parseId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    /** FreeMarker hashes want string keys. */
    private static Map<String, List<String>> stringKeys(Map<Long, List<String>> map) {
        Map<String, List<String>> out = new HashMap<>();
        map.forEach((k, v) -> out.put(Long.toString(k), v));
        return out;
    }
}
