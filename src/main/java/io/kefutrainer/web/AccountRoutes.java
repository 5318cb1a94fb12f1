package io.kefutrainer.web;

import io.kefutrainer.account.Accounts;
import io.kefutrainer.account.Hashing;

import io.kefutrainer.account.Passwords;
import io.kefutrainer.account.User;
import io.kefutrainer.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** 修改密码: every user can change their own password (the first admin's is random and shown once). */
final class AccountRoutes {
    private final Pages pages;
    private final UserStore users;
    private final Hashing hashing;

    AccountRoutes(Pages pages, UserStore users, Hashing hashing) {
        this.pages = pages;
        this.users = users;
        this.hashing = hashing;
    }

    void register(RouteTable table) {
        table.page(HttpMethod.GET, "/account/password", RouteTable.SIGNED_IN, this::form);
        table.page(HttpMethod.POST, "/account/password", RouteTable.SIGNED_IN, this::change);
    }

    private void form(RoutingContext ctx) {
        pages.render(ctx, "password", Map.of("error", "", "done", Flash.take(ctx)));
    }

    private void change(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        String current = ctx.request().getFormAttribute("current");
        String fresh = ctx.request().getFormAttribute("password");
        String confirm = ctx.request().getFormAttribute("confirm");
        String problem = Passwords.problem(fresh);
        if (problem == null && !fresh.equals(confirm)) {
            problem = "两次输入的新密码不一致";
        }
        if (problem != null) {
            pages.render(ctx, 400, "password", Map.of("error", problem, "done", ""));
            return;
        }
        users.credentials(user.username())
                .compose(c -> hashing.matches(current, c.map(Accounts.Credentials::passwordHash).orElse(null)))
                .compose(ok -> ok ? hashing.hash(fresh).compose(h -> users.setPasswordHash(user.id(), h)).map(true)
                        : Future.succeededFuture(false))
                .onSuccess(changed -> {
                    if (changed) {
                        Flash.set(ctx, "密码已修改");
                        pages.redirect(ctx, "/account/password");
                    } else {
                        pages.render(ctx, 400, "password", Map.of("error", "当前密码不正确", "done", ""));
                    }
                })
                .onFailure(ctx::fail);
    }
}
