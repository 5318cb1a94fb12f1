package io.kefutrainer.quiz.practice;

import io.kefutrainer.quiz.Exam;
import io.kefutrainer.quiz.Grader;
import io.kefutrainer.quiz.Mark;
import io.kefutrainer.quiz.Paper;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.quiz.exam.Answers;
import io.kefutrainer.quiz.exam.AttemptViews;
import io.kefutrainer.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * 练习: a trainee runs through a bank published to them as practice, untimed and as often as they like. Each
 * answer is graded at once and answered with the right answer and 解析; a wrong one goes into the 错题本. A bank
 * published to them as 考试 is offered as an exam instead (see {@link #exams}), never as practice.
 */
public final class PracticeQuizzes {
    /** Bank exams are exams whose id is this prefix and the bank's key. */
    public static final String EXAM_PREFIX = "bank:";

    private final Publications publications;
    private final PracticeAttempts store;
    private final Supplier<QuizContent> content;
    private final Random random = new SecureRandom();

    public PracticeQuizzes(Publications publications, PracticeAttempts store, Supplier<QuizContent> content) {
        this.publications = publications;
        this.store = store;
        this.content = content;
    }

    /**
     * What each bank is for a trainee in these cohorts: a cohort's own publication wins over the one for everyone;
     * when two of their cohorts disagree, 考试 wins (practising an exam's bank would show its answers).
     */
    public static Map<String, Publication> effective(List<Publication> all, Collection<Long> cohorts) {
        Map<String, Publication> everyone = new LinkedHashMap<>();
        Map<String, Publication> own = new LinkedHashMap<>();
        for (Publication p : all) {
            if (p.everyone()) {
                everyone.put(p.bank(), p);
            } else if (cohorts.contains(p.cohortId())) {
                own.merge(p.bank(), p, (a, b) -> a.mode() == Publication.Mode.exam ? a : b);
            }
        }
        Map<String, Publication> out = new LinkedHashMap<>(everyone);
        out.putAll(own);
        return out;
    }

    /** Bank key → publication, for the banks live in the content and published to this trainee. */
    public Future<Map<String, Publication>> visibleTo(long userId) {
        return Future.all(publications.publications(), publications.cohortIds(userId)).map(all -> {
            Map<String, List<Question>> banks = content.get().banksByKey();
            Map<String, Publication> out = new LinkedHashMap<>();
            effective(all.resultAt(0), all.<List<Long>>resultAt(1)).forEach((bank, p) -> {
                if (banks.containsKey(bank)) {
                    out.put(bank, p);
                }
            });
            return out;
        });
    }

    /** The questions of a bank one can practise (graded at once: no essays, no descriptions), within a category. */
    static List<Question> practicable(List<Question> bank, String category) {
        return bank.stream().filter(q -> q.type().autoGraded())
                .filter(q -> category.isEmpty() || q.inCategory(category)).toList();
    }

    /** The practice banks of a trainee, in file order, with their best and last results. */
    public Future<JsonArray> list(long userId) {
        return Future.all(visibleTo(userId), store.attempts(userId)).map(all -> {
            Map<String, Publication> visible = all.resultAt(0);
            List<PracticeAttempt> attempts = all.resultAt(1);
            JsonArray list = new JsonArray();
            content.get().banksByKey().forEach((bank, questions) -> {
                Publication p = visible.get(bank);
                List<Question> asked = practicable(questions, "");
                if (p == null || p.mode() != Publication.Mode.practice || asked.isEmpty()) {
                    return;
                }
                List<PracticeAttempt> mine = attempts.stream().filter(a -> a.bank().equals(bank)).toList();
                Double best = mine.stream().filter(PracticeAttempt::finished).map(PracticeAttempt::percent)
                        .max(Double::compare).orElse(null);
                JsonObject last = mine.isEmpty() ? null : summary(mine.get(mine.size() - 1));
                list.add(new JsonObject().put("bank", bank).put("title", QuizContent.bankTitle(bank, questions))
                        .put("questionCount", asked.size()).put("attempts", mine.size())
                        .put("finishedAttempts", mine.stream().filter(PracticeAttempt::finished).count())
                        .put("bestPercent", best).put("last", last));
            });
            return list;
        });
    }

    private static JsonObject summary(PracticeAttempt a) {
        return new JsonObject().put("attemptId", a.id().toString()).put("category", a.category())
                .put("answered", a.answered()).put("questionCount", a.questions()).put("correctCount", round(a.correct()))
                .put("percent", a.percent()).put("finished", a.finished())
                .put("startedAt", a.startedAt().toInstant().toString());
    }

    /** Starts a new practice run through a bank (or one category of it); there is no limit on how many. */
    public Future<JsonObject> start(long userId, String bank, String category) {
        String wanted = category == null ? "" : String.join("/", io.kefutrainer.quiz.Categories.split(category));
        return visibleTo(userId).compose(visible -> {
            Publication p = visible.get(bank);
            List<Question> questions = content.get().banksByKey().get(bank);
            if (p == null || p.mode() != Publication.Mode.practice || questions == null) {
                return Future.failedFuture(new Problem(Problem.Kind.not_found, "这个题库目前没有对你开放练习"));
            }
            List<Question> asked = practicable(questions, wanted);
            if (asked.isEmpty()) {
                return Future.failedFuture(new Problem(Problem.Kind.not_found,
                        wanted.isEmpty() ? "这个题库里没有可以练习的题目" : "这个题库里没有「" + wanted + "」分类的题目", "category"));
            }
            String title = QuizContent.bankTitle(bank, questions);
            if (!wanted.isEmpty() && !title.equals(wanted.replace("/", " / "))) {
                title = title + " · " + wanted.replace("/", " / ");
            }
            Paper paper;
            synchronized (random) {
                // the bank lists the right answer first: the options are shuffled as in an exam
                paper = Paper.of(asked, true, true, random);
            }
            PracticeAttempt a = new PracticeAttempt(UUID.randomUUID(), userId, bank, wanted, title, paper, asked.size(), 0, 0,
                    OffsetDateTime.now(Clock.systemUTC()), null);
            return store.create(a).map(x -> view(a, Map.of()));
        });
    }

    /** A practice run as its owner sees it: every question, and the feedback of those answered. */
    public Future<JsonObject> view(long userId, UUID attemptId) {
        return owned(userId, attemptId).compose(a -> store.results(a.id()).map(results -> view(a, results)));
    }

    private JsonObject view(PracticeAttempt a, Map<String, String> results) {
        QuizContent quiz = content.get();
        JsonArray questions = new JsonArray();
        int n = 0;
        for (Paper.Item item : a.paper().items()) {
            Optional<Question> q = quiz.question(item.questionId());
            if (q.isEmpty()) {
                continue; // removed from the bank since the run began
            }
            JsonObject json = AttemptViews.question(q.get(), item, ++n);
            if (results.containsKey(q.get().id())) {
                json.put("result", new JsonObject(results.get(q.get().id())));
            }
            questions.add(json);
        }
        return summary(a).put("bank", a.bank()).put("title", a.title()).put("questions", questions);
    }

    /** Grades one answer (options in the positions shown) at once; the first answer to a question stands. */
    public Future<JsonObject> answer(long userId, UUID attemptId, String questionId, Object value) {
        return owned(userId, attemptId).compose(a -> visibleTo(userId).compose(visible -> {
            Publication p = visible.get(a.bank());
            if (p == null || p.mode() != Publication.Mode.practice) {
                return Future.failedFuture(new Problem(Problem.Kind.conflict, "这个题库已不再开放练习"));
            }
            Optional<Paper.Item> item = a.paper().items().stream().filter(i -> i.questionId().equals(questionId)).findFirst();
            Optional<Question> q = content.get().question(questionId);
            if (item.isEmpty() || q.isEmpty()) {
                return Future.failedFuture(new Problem(Problem.Kind.not_found, "本次练习里没有这道题"));
            }
            Object checked;
            try {
                checked = Answers.check(q.get(), item.get(), value);
            } catch (Problem e) {
                return Future.failedFuture(new Problem(Problem.Kind.invalid, "答案的格式不对:" + e.getMessage(), "value"));
            }
            Mark mark = Grader.grade(q.get(), Answers.response(q.get(), item.get(), checked));
            if (mark.status() == Mark.Status.unanswered) {
                return Future.failedFuture(new Problem(Problem.Kind.invalid, "请先选择或填写答案再提交", "value"));
            }
            JsonObject result = AttemptViews.feedback(q.get(), item.get(), mark, content.get()).put("answer", checked);
            return store.answer(attemptId, questionId, new JsonObject().put("value", checked).encode(), result.encode(),
                    mark.fraction(), mark.status() == Mark.Status.correct).compose(updated -> updated.isEmpty()
                    ? Future.failedFuture(new Problem(Problem.Kind.conflict, "这道题在本次练习中已经答过了;想再练一遍可以重新开始练习"))
                    : Future.succeededFuture(result.put("progress", summary(updated.get()))));
        }));
    }

    /** The banks published to this trainee as 考试, as exams of every question of the bank. */
    public Future<List<Exam>> exams(long userId) {
        return visibleTo(userId).map(visible -> {
            Map<String, List<Question>> banks = content.get().banksByKey();
            List<Exam> exams = new ArrayList<>();
            visible.forEach((bank, p) -> {
                if (p.mode() != Publication.Mode.exam) {
                    return;
                }
                List<String> ids = banks.get(bank).stream().filter(q -> q.type().answerable()).map(Question::id).toList();
                if (ids.isEmpty()) {
                    return;
                }
                String title = QuizContent.bankTitle(bank, banks.get(bank));
                exams.add(new Exam(null, EXAM_PREFIX + bank, title + " · 题库考试",
                        "题库「" + title + "」的全部 " + ids.size() + " 道题,限时 " + p.timeLimitMinutes() + " 分钟,"
                                + io.kefutrainer.quiz.BankWriter.number(p.passMark()) + " 分及格,最多考 " + p.attempts() + " 次。",
                        p.timeLimitMinutes(), p.passMark(), p.attempts(), true, true, List.of(), List.of(), ids));
            });
            return exams;
        });
    }

    /** Attempts are private: someone else's is reported as not existing. */
    private Future<PracticeAttempt> owned(long userId, UUID attemptId) {
        return store.attempt(attemptId).compose(a -> a.isPresent() && a.get().userId() == userId
                ? Future.succeededFuture(a.get())
                : Future.failedFuture(new Problem(Problem.Kind.not_found, "没有这次练习")));
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
