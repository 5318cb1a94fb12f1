package io.kefutrainer.quiz.exam;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.quiz.Exam;
import io.kefutrainer.quiz.Paper;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuizContent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Taking exams: which ones a trainee may take, starting (or resuming) an attempt, autosaving answers and
 * submitting. The database clock is the exam clock: answers are refused once the deadline has passed, and
 * an attempt past its deadline is submitted when next touched or by the periodic sweep, whichever is first.
 */
public final class ExamService {
    private static final Logger LOG = Logger.getLogger(ExamService.class.getName());

    /** Answers arriving this long after the deadline still count: the last autosave may be in flight. */
    public static final long GRACE_MS = 2000;
    static final long SWEEP_MS = 15_000;

    private final Vertx vertx;
    private final ExamAttempts store;
    private final Supplier<QuizContent> content;
    private final Random random = new SecureRandom();
    private final java.util.function.Function<Long, Future<List<Exam>>> bankExams;
    private long sweepTimer = -1;

    public ExamService(Vertx vertx, ExamAttempts store, Supplier<QuizContent> content) {
        this(vertx, store, content, userId -> Future.succeededFuture(List.of()));
    }

    /** @param bankExams the banks published to a trainee as 考试, as exams (besides the exam files) */
    public ExamService(Vertx vertx, ExamAttempts store, Supplier<QuizContent> content,
                       java.util.function.Function<Long, Future<List<Exam>>> bankExams) {
        this.vertx = vertx;
        this.store = store;
        this.content = content;
        this.bankExams = bankExams;
    }

    /** The exam files open to these cohorts, then the banks published to the trainee as exams. */
    private Future<List<Exam>> examsFor(long userId, List<String> cohorts) {
        List<Exam> files = content.get().exams().stream().filter(e -> e.openTo(cohorts)).toList();
        return bankExams.apply(userId).map(banks -> {
            List<Exam> all = new ArrayList<>(files);
            all.addAll(banks);
            return all;
        });
    }

    public void startSweep() {
        sweepTimer = vertx.setPeriodic(SWEEP_MS, id -> sweep()
                .onFailure(e -> LOG.log(Level.FINE, "exam sweep skipped: " + e.getMessage())));
    }

    public void stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    /** Submits every attempt whose time is up; returns how many. */
    public Future<Integer> sweep() {
        return store.due(GRACE_MS, 100).compose(ids -> {
            List<Future<AttemptRow>> submits = new ArrayList<>();
            ids.forEach(id -> submits.add(store.submit(id, true, this::grade)));
            return Future.join(submits).map(x -> ids.size());
        });
    }

    /** The exams open to this trainee, with their attempts so far. */
    public Future<List<ExamStanding>> available(long userId) {
        return Future.all(store.cohortNames(userId).compose(cohorts -> examsFor(userId, cohorts)), store.attempts(userId)).map(all -> {
            List<Exam> exams = all.resultAt(0);
            List<AttemptRow> attempts = all.resultAt(1);
            return exams.stream().map(exam -> new ExamStanding(exam,
                    attempts.stream().filter(a -> a.examId().equals(exam.id())).toList())).toList();
        });
    }

    /** Starts an attempt, or resumes the open one; 201-worthy `created` tells which. */
    public record Opened(JsonObject view, boolean created) {
    }

    public Future<Opened> start(long userId, String examId) {
        QuizContent quiz = content.get();
        return store.cohortNames(userId).compose(cohorts -> examsFor(userId, cohorts)).compose(open -> {
            Optional<Exam> found = open.stream().filter(e -> e.id().equals(examId)).findFirst();
            if (found.isEmpty()) {
                return Future.failedFuture(notFound("no such exam"));
            }
            Exam exam = found.get();
            OffsetDateTime now = OffsetDateTime.now(Clock.systemUTC());
            Paper paper;
            synchronized (random) {
                paper = Paper.draw(exam, quiz, random);
            }
            AttemptRow fresh = new AttemptRow(UUID.randomUUID(), userId, exam.id(), exam.title(), paper, exam.passMark(),
                    now, now.plusMinutes(exam.timeLimitMinutes()), null, false, null, null, 0, null);
            return store.openOrCreate(fresh, exam.attempts()).compose(started -> {
                AttemptRow a = started.attempt();
                if (started.resumed() && expired(a)) {
                    // the open attempt ran out of time: it is submitted now, and the trainee may start again
                    return store.submit(a.id(), true, this::grade).compose(x -> start(userId, examId));
                }
                return store.answers(a.id()).map(answers -> new Opened(
                        AttemptViews.open(a, content.get(), answers, OffsetDateTime.now(ZoneOffset.UTC)), !started.resumed()));
            });
        });
    }

    /** The attempt as its owner sees it now: the open paper with saved answers, or the result. */
    public Future<JsonObject> view(long userId, UUID attemptId) {
        return owned(userId, attemptId).compose(a -> {
            if (!a.submitted() && expired(a)) {
                return store.submit(a.id(), true, this::grade).map(AttemptViews::result);
            }
            if (a.submitted()) {
                return Future.succeededFuture(AttemptViews.result(a));
            }
            return store.answers(a.id()).map(answers -> AttemptViews.open(a, content.get(), answers, OffsetDateTime.now(ZoneOffset.UTC)));
        });
    }

    /** Autosaves one answer; refused (closed) after submission or once time is up. */
    public Future<OffsetDateTime> save(long userId, UUID attemptId, String questionId, Object value) {
        return owned(userId, attemptId).compose(a -> {
            Optional<Paper.Item> item = a.paper().items().stream().filter(i -> i.questionId().equals(questionId)).findFirst();
            Optional<Question> q = content.get().question(questionId);
            if (item.isEmpty() || q.isEmpty()) {
                return Future.failedFuture(notFound("question " + questionId + " is not in this attempt"));
            }
            Object checked = Answers.check(q.get(), item.get(), value);
            String json = new JsonObject().put("value", checked).encode();
            return store.saveAnswer(attemptId, userId, questionId, json, GRACE_MS).compose(saved -> {
                if (saved.isPresent()) {
                    return Future.succeededFuture(saved.get());
                }
                return store.attempt(attemptId).compose(now -> {
                    AttemptRow current = now.orElseThrow();
                    if (current.submitted()) {
                        return Future.failedFuture(new Problem(Problem.Kind.conflict, "the attempt is already submitted; answers can no longer change"));
                    }
                    // time is up: submit with what was saved before the deadline, then refuse this answer
                    return store.submit(attemptId, true, this::grade).compose(x -> Future.failedFuture(
                            new Problem(Problem.Kind.conflict, "time is up: the exam ended at " + current.deadline().toInstant()
                                    + " and was submitted automatically; this answer was not saved")));
                });
            });
        });
    }

    /** Submits once; submitting again returns the same result. */
    public Future<JsonObject> submit(long userId, UUID attemptId) {
        return owned(userId, attemptId).compose(a -> store.submit(a.id(), expired(a), this::grade)).map(AttemptViews::result);
    }

    private Graded grade(AttemptRow a, Map<String, String> answers) {
        return AttemptViews.grade(a, content.get(), new HashMap<>(answers));
    }

    /** Attempts are private: someone else's attempt is reported as not existing. */
    private Future<AttemptRow> owned(long userId, UUID attemptId) {
        return store.attempt(attemptId).compose(a -> a.isPresent() && a.get().userId() == userId
                ? Future.succeededFuture(a.get()) : Future.failedFuture(notFound("no such attempt")));
    }

    private static boolean expired(AttemptRow a) {
        return OffsetDateTime.now(ZoneOffset.UTC).isAfter(a.deadline().plusNanos(GRACE_MS * 1_000_000));
    }

    private static Problem notFound(String message) {
        return new Problem(Problem.Kind.not_found, message);
    }
}
