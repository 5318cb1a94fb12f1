package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.kefutrainer.progress.Period;
import io.kefutrainer.progress.Progress;
import io.kefutrainer.store.CohortStore;
import io.kefutrainer.store.UserStore;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Who may see whose progress: trainees only themselves, trainers and managers only their cohorts, admins everything;
 * and the period (?from, ?to) a progress request asks for.
 */
final class ProgressAccess {
    private final Progress progress;
    private final CohortStore cohorts;
    private final UserStore users;

    ProgressAccess(Progress progress, CohortStore cohorts, UserStore users) {
        this.progress = progress;
        this.cohorts = cohorts;
        this.users = users;
    }

    /** The report of the path's cohort over the period, if the caller may see it (a member of it, or admin). */
    Future<Progress.CohortReport> cohortReport(RoutingContext ctx, Period period) {
        User user = CurrentUser.require(ctx);
        long id = longParam(ctx, "id");
        return cohorts.byId(id).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new HttpError(404, "no such cohort"));
            }
            return cohorts.members(id).compose(members -> {
                boolean member = members.stream().anyMatch(m -> m.id() == user.id());
                if (user.role() != Role.admin && !member) {
                    return Future.failedFuture(new HttpError(403, "you may only see the cohorts you run"));
                }
                return progress.cohort(found.get(), trainees(members), period);
            });
        });
    }

    /** The trainee of the path, if the caller may see them: themselves, their cohorts' trainees, or anyone for admin. */
    Future<User> visibleTrainee(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        long id = longParam(ctx, "id");
        return users.byId(id).compose(found -> {
            if (found.isEmpty() || found.get().role() != Role.trainee) {
                return Future.failedFuture(new HttpError(404, "no such trainee"));
            }
            return canSee(user, id).compose(ok -> ok ? Future.succeededFuture(found.get())
                    : Future.failedFuture(new HttpError(403, user.role() == Role.trainee
                    ? "trainees may only see their own progress" : "you may only see the trainees of your cohorts")));
        });
    }

    /** Whether the user may see this trainee: themselves, a trainee of a cohort they share, or anyone for admin. */
    Future<Boolean> canSee(User user, long traineeId) {
        if (user.id() == traineeId || user.role() == Role.admin) {
            return Future.succeededFuture(true);
        }
        if (user.role() == Role.trainee) {
            return Future.succeededFuture(false);
        }
        return cohorts.sharesCohort(user.id(), traineeId);
    }

    /** The trainees among a cohort's members (its trainers and managers are members too). */
    static List<User> trainees(List<User> members) {
        return members.stream().filter(u -> u.role() == Role.trainee).toList();
    }

    private static long longParam(RoutingContext ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new HttpError(404, "not found");
        }
    }

    /** ?from=YYYY-MM-DD&to=YYYY-MM-DD, both optional, shop days; `to` is included. */
    static Period period(RoutingContext ctx) {
        LocalDate from = date(ctx, "from");
        LocalDate to = date(ctx, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw HttpError.badRequest("to must not be before from", "to");
        }
        return new Period(from, to);
    }

    private static LocalDate date(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest(name + " must be a date like 2025-03-01", name);
        }
    }
}
