package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.account.Cohort;
import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.kefutrainer.appeals.AppealService;
import io.kefutrainer.progress.Period;
import io.kefutrainer.progress.Progress;
import io.kefutrainer.progress.TraineeHistory;
import io.kefutrainer.quiz.practice.PracticeQuizzes;
import io.kefutrainer.store.CohortStore;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The progress pages: the trainee's 我的进步, a trainee's 记分卡 and the 团队看板 (dashboard) for managers. */
final class ProgressPages {
    private final Pages pages;
    private final Progress progress;
    private final ProgressAccess access;
    private final TraineeHistory history;
    private final CohortStore cohorts;
    private final LiveContent content;
    private final AppealService appeals;
    private final PracticeQuizzes quizzes;
    private final ProgressModels models;

    ProgressPages(Pages pages, Progress progress, ProgressAccess access, TraineeHistory history, CohortStore cohorts,
                  LiveContent content, AppealService appeals, PracticeQuizzes quizzes) {
        this.pages = pages;
        this.progress = progress;
        this.access = access;
        this.history = history;
        this.cohorts = cohorts;
        this.content = content;
        this.appeals = appeals;
        this.quizzes = quizzes;
        this.models = new ProgressModels(content);
    }

    void myProgress(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        Period period = ProgressAccess.period(ctx);
        progress.trainee(user, period).compose(report -> Future.all(history.violatedRules(user.id(), Progress.RECENT_SESSIONS),
                                quizzes.visibleTo(user.id()))
                        .map(all -> models.trainee(report, "我的进步", "/progress/sessions/", all.resultAt(0), ProgressModels.practiceBanks(all.resultAt(1)))))
                // 申诉 decided since the trainee last looked: told once here
                .compose(model -> appeals.takeUnseenDecisions(user.id()).map(decided -> {
                    model.put("decidedAppeals", decided);
                    return model;
                }))
                .onSuccess(model -> pages.render(ctx, "progress", model)).onFailure(ctx::fail);
    }

    void traineePage(RoutingContext ctx) {
        Period period = ProgressAccess.period(ctx);
        access.visibleTrainee(ctx).compose(trainee -> progress.trainee(trainee, period))
                .compose(report -> history.violatedRules(report.trainee().id(), Progress.RECENT_SESSIONS)
                        .map(rules -> models.trainee(report, report.trainee().displayName() + " 的记分卡", "/dashboard/sessions/", rules,
                                Set.of())))
                .onSuccess(model -> pages.render(ctx, "progress", model))
                .onFailure(ctx::fail);
    }

    void dashboard(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        Period period = ProgressAccess.period(ctx);
        Future<List<Cohort>> mine = user.role() == Role.admin ? cohorts.list() : cohorts.forMember(user.id());
        mine.compose(list -> {
            if (list.isEmpty()) {
                return Future.succeededFuture(Map.<String, Object>of("cohorts", list, "title", "团队看板"));
            }
            String wanted = ctx.request().getParam("cohort");
            Cohort chosen = list.stream().filter(c -> String.valueOf(c.id()).equals(wanted)).findFirst().orElse(list.get(0));
            return cohorts.members(chosen.id())
                    .compose(members -> progress.cohort(chosen, ProgressAccess.trainees(members), period))
                    .compose(report -> comparison(list, report, period).map(rows -> {
                        Map<String, Object> model = models.dashboard(list, report);
                        model.put("comparison", rows);
                        return model;
                    }))
                    // 申诉 per trainee and per rule / entry (all time), rules or entries trainers should look at flagged
                    .compose(model -> cohorts.members(chosen.id()).compose(members -> {
                        LiveContent.AppealFlag flag = content.appealFlag();
                        List<User> trainees = ProgressAccess.trainees(members);
                        return appeals.counts(trainees.stream().map(User::id).toList(), flag.acceptedShare(), flag.minDecided())
                                .map(counts -> {
                                    Map<String, String> names = new HashMap<>();
                                    trainees.forEach(t -> names.put(String.valueOf(t.id()), t.displayName()));
                                    model.put("appealTrainees", counts.get("trainees"));
                                    model.put("appealKeys", counts.get("keys"));
                                    model.put("appealNames", names);
                                    model.put("appealFlagShare", Math.round(flag.acceptedShare() * 100));
                                    return model;
                                });
                    }));
        }).onSuccess(model -> pages.render(ctx, "dashboard", model)).onFailure(ctx::fail);
    }

    /** Most cohorts a comparison shows (each one is a KPI query). */
    static final int COMPARED_COHORTS = 8;

    /** 批次对比: each of the caller's cohorts (the chosen one from its report) with its KPIs over the period. */
    private Future<List<Map<String, Object>>> comparison(List<Cohort> list, Progress.CohortReport report, Period period) {
        List<Future<Map<String, Object>>> rows = new ArrayList<>();
        for (Cohort c : list.subList(0, Math.min(COMPARED_COHORTS, list.size()))) {
            Future<Map<String, Object>> row = c.id() == report.cohort().id()
                    ? Future.succeededFuture(ProgressModels.comparisonRow(c, report.trainees().size(), report.total(), report.targets(), true))
                    : cohorts.members(c.id()).compose(members -> {
                        List<User> trainees = ProgressAccess.trainees(members);
                        return progress.cohortTotal(trainees, period)
                                .map(k -> ProgressModels.comparisonRow(c, trainees.size(), k, report.targets(), false));
                    });
            rows.add(row);
        }
        return Future.all(rows).map(all -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                out.add(all.resultAt(i));
            }
            return out;
        });
    }
}
