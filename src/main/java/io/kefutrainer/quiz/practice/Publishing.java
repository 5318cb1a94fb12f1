package io.kefutrainer.quiz.practice;

import io.kefutrainer.account.Cohort;
import io.kefutrainer.account.Cohorts;
import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.problem.Problem;
import io.vertx.core.Future;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who sees which bank, as what: a trainer publishes a bank as 练习 or 考试 to one of their cohorts or to every
 * trainee, and takes it back. Admins may publish to any cohort. Banks are global content like scenarios, so any
 * trainer may publish to every trainee.
 */
public final class Publishing {
    public static final int DEFAULT_ATTEMPTS = 3;
    public static final double DEFAULT_PASS_MARK = 80;

    /** What a trainer asks for; null settings take the defaults. */
    public record Request(String bank, Long cohortId, Publication.Mode mode, Integer timeLimitMinutes, Double passMark,
                          Integer attempts) {
    }

    private final Publications store;
    private final Cohorts cohorts;
    private final Supplier<QuizContent> content;

    public Publishing(Publications store, Cohorts cohorts, Supplier<QuizContent> content) {
        this.store = store;
        this.cohorts = cohorts;
        this.content = content;
    }

    /** A live bank with its publications; questionCount counts the answerable questions. */
    public record Bank(String bank, String title, long questionCount, List<Publication> publications) {
    }

    /** Every live bank with its publications (trainers, admins and managers read this). */
    public Future<List<Bank>> banks() {
        return store.publications().map(all -> {
            List<Bank> out = new ArrayList<>();
            content.get().banksByKey().forEach((bank, questions) -> out.add(new Bank(bank, QuizContent.bankTitle(bank, questions),
                    questions.stream().filter(q -> q.type().answerable()).count(),
                    all.stream().filter(p -> p.bank().equals(bank)).toList())));
            return out;
        });
    }

    /** The publications of live banks, for the trainer page. */
    public Future<List<Publication>> publications() {
        return store.publications().map(all -> {
            Map<String, List<Question>> banks = content.get().banksByKey();
            return all.stream().filter(p -> banks.containsKey(p.bank())).toList();
        });
    }

    public Future<Void> publish(User actor, Request r) {
        List<Question> questions = content.get().banksByKey().get(r.bank());
        if (questions == null) {
            return Future.failedFuture(new Problem(Problem.Kind.not_found, "没有这个题库(或题库有错误,未上线)", "bank"));
        }
        long answerable = questions.stream().filter(q -> q.type().answerable()).count();
        if (answerable == 0) {
            return Future.failedFuture(new Problem(Problem.Kind.invalid, "这个题库里没有可以作答的题目", "bank"));
        }
        int minutes = r.timeLimitMinutes() == null ? (int) Math.max(10, answerable) : r.timeLimitMinutes();
        double pass = r.passMark() == null ? DEFAULT_PASS_MARK : r.passMark();
        int attempts = r.attempts() == null ? DEFAULT_ATTEMPTS : r.attempts();
        if (minutes < 1 || minutes > 240) {
            return Future.failedFuture(new Problem(Problem.Kind.invalid, "考试时长应在 1 到 240 分钟之间", "timeLimitMinutes"));
        }
        if (pass < 0 || pass > 100) {
            return Future.failedFuture(new Problem(Problem.Kind.invalid, "及格线应在 0 到 100 分之间", "passMark"));
        }
        if (attempts < 1 || attempts > 20) {
            return Future.failedFuture(new Problem(Problem.Kind.invalid, "考试次数应在 1 到 20 次之间", "attempts"));
        }
        return allowed(actor, r.cohortId())
                .compose(x -> store.publish(r.bank(), r.cohortId(), r.mode(), minutes, pass, attempts, actor.id()));
    }

    public Future<Void> unpublish(User actor, String bank, Long cohortId) {
        return allowed(actor, cohortId).compose(x -> store.unpublish(bank, cohortId)).compose(done -> done
                ? Future.succeededFuture()
                : Future.failedFuture(new Problem(Problem.Kind.not_found, "这个题库没有发布给" + (cohortId == null ? "全部学员" : "该批次"))));
    }

    /** The cohort exists, and a trainer runs it; everyone is open to trainers and admins. */
    private Future<Void> allowed(User actor, Long cohortId) {
        if (cohortId == null) {
            return Future.succeededFuture();
        }
        return cohorts.byId(cohortId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new Problem(Problem.Kind.not_found, "没有这个批次", "cohortId"));
            }
            if (actor.role() == Role.admin) {
                return Future.succeededFuture();
            }
            return cohorts.forMember(actor.id()).compose(mine -> mine.stream().map(Cohort::id).anyMatch(cohortId::equals)
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(new Problem(Problem.Kind.forbidden, "只能发布到你负责的批次", "cohortId")));
        });
    }
}
