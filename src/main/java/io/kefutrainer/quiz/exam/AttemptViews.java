package io.kefutrainer.quiz.exam;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.quiz.BankWriter;
import io.kefutrainer.quiz.Choice;
import io.kefutrainer.quiz.Grader;
import io.kefutrainer.quiz.Mark;
import io.kefutrainer.quiz.MatchPair;
import io.kefutrainer.quiz.NumericAnswer;
import io.kefutrainer.quiz.Paper;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.quiz.QuizContent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON a trainee sees of an attempt. While it is open: question texts and option texts only — never the
 * right answers, weights, feedback or 解析, which exist only in the result written at submission.
 */
public final class AttemptViews {
    private AttemptViews() {
    }

    /** One question as shown during the exam (and in practice, before it is answered). */
    public static JsonObject question(Question q, Paper.Item item, int number) {
        JsonObject json = new JsonObject().put("id", q.id()).put("number", number).put("type", q.type().name())
                .put("typeLabel", q.type().label()).put("text", q.text()).put("points", q.points());
        if (q.type() == QuestionType.single || q.type() == QuestionType.multiple) {
            JsonArray options = new JsonArray();
            item.order().forEach(i -> options.add(q.choices().get(i).text()));
            json.put("options", options);
        } else if (q.type() == QuestionType.matching) {
            JsonArray prompts = new JsonArray();
            q.pairs().forEach(p -> prompts.add(p.left()));
            JsonArray options = new JsonArray();
            List<String> answers = q.matchAnswers();
            item.order().forEach(i -> options.add(answers.get(i)));
            json.put("prompts", prompts).put("options", options);
        } else if (q.type() == QuestionType.true_false) {
            json.put("options", new JsonArray().add("正确").add("错误"));
        }
        return json;
    }

    /** An open attempt: the paper, what is saved so far, and the server's clock to count down from. */
    public static JsonObject open(AttemptRow a, QuizContent content, Map<String, String> answers, OffsetDateTime now) {
        JsonArray questions = new JsonArray();
        int n = 0;
        for (Paper.Item item : a.paper().items()) {
            Optional<Question> q = content.question(item.questionId());
            if (q.isPresent()) {
                questions.add(question(q.get(), item, ++n));
            }
        }
        JsonObject saved = new JsonObject();
        answers.forEach((id, json) -> saved.put(id, new JsonObject(json).getValue("value")));
        return new JsonObject().put("attemptId", a.id().toString()).put("examId", a.examId()).put("title", a.examTitle())
                .put("status", "open").put("startedAt", a.startedAt().toInstant().toString())
                .put("deadline", a.deadline().toInstant().toString()).put("serverTime", now.toInstant().toString())
                .put("questions", questions).put("answers", saved);
    }

    /** Grades an attempt with its stored answers and builds the result the trainee reviews. */
    public static Graded grade(AttemptRow a, QuizContent content, Map<String, String> answers) {
        JsonArray questions = new JsonArray();
        Map<String, Boolean> mastery = new LinkedHashMap<>();
        double earned = 0;
        double max = 0;
        int pending = 0;
        int n = 0;
        for (Paper.Item item : a.paper().items()) {
            Optional<Question> found = content.question(item.questionId());
            if (found.isEmpty()) {
                continue; // removed from the banks since the attempt began: not counted either way
            }
            Question q = found.get();
            Object value = answers.containsKey(q.id()) ? new JsonObject(answers.get(q.id())).getValue("value") : null;
            Mark mark = Grader.grade(q, Answers.response(q, item, value));
            double points = mark.fraction() * q.points();
            max += q.points();
            earned += points;
            if (mark.status() == Mark.Status.pending) {
                pending++;
            } else if (q.type().autoGraded()) {
                mastery.put(q.id(), mark.status() == Mark.Status.correct);
            }
            JsonObject json = question(q, item, ++n)
                    .put("answer", value)
                    .put("status", mark.status().name())
                    .put("score", round(points))
                    .put("correct", correct(q, item))
                    .put("correctText", correctText(q))
                    .put("feedback", new JsonArray(mark.feedback()))
                    .put("explanation", q.explanation())
                    .put("rules", rules(q, content));
            questions.add(json);
        }
        double percent = max == 0 ? 0 : round(100 * earned / max);
        Boolean passed = pending > 0 ? null : percent >= a.passMark();
        JsonObject result = new JsonObject().put("attemptId", a.id().toString()).put("examId", a.examId())
                .put("title", a.examTitle()).put("status", "submitted")
                .put("score", round(earned)).put("maxScore", round(max)).put("percent", percent)
                .put("passMark", a.passMark()).put("passed", passed).put("pendingGrading", pending)
                .put("questions", questions);
        return new Graded(percent, passed, pending, result.encode(), mastery);
    }

    /**
     * The result after a trainer graded one essay: that question's score and status, then the totals and the
     * verdict, which stays open while other essays wait.
     */
    public static Graded gradeEssay(String resultJson, String questionId, double fraction, String comment) {
        JsonObject result = new JsonObject(resultJson);
        double earned = 0;
        int pending = 0;
        boolean found = false;
        for (Object o : result.getJsonArray("questions")) {
            JsonObject q = (JsonObject) o;
            if (q.getString("id").equals(questionId) && "pending".equals(q.getString("status"))) {
                found = true;
                Mark mark = Mark.graded(fraction);
                q.put("status", mark.status().name()).put("score", round(mark.fraction() * q.getDouble("points")));
                if (!comment.isBlank()) {
                    q.put("feedback", new JsonArray().add(comment));
                }
            }
            earned += q.getDouble("score");
            pending += "pending".equals(q.getString("status")) ? 1 : 0;
        }
        if (!found) {
            throw new Problem(Problem.Kind.conflict, "this essay is not waiting for a grade");
        }
        double max = result.getDouble("maxScore");
        double percent = max == 0 ? 0 : round(100 * earned / max);
        Boolean passed = pending > 0 ? null : percent >= result.getDouble("passMark");
        result.put("score", round(earned)).put("percent", percent).put("passed", passed).put("pendingGrading", pending);
        return new Graded(percent, passed, pending, result.encode(), Map.of());
    }

    /**
     * The feedback on one answer given outside an exam (practice, 错题本): the verdict, the right answer in the
     * positions shown, the feedback of the options picked, 解析 and the rules the question checks.
     */
    public static JsonObject feedback(Question q, Paper.Item item, Mark mark, QuizContent content) {
        return new JsonObject().put("questionId", q.id()).put("status", mark.status().name())
                .put("correct", correct(q, item)).put("correctText", correctText(q))
                .put("feedback", new JsonArray(mark.feedback())).put("explanation", q.explanation())
                .put("rules", rules(q, content));
    }

    /** The rules a question checks, with their titles: [{"id","title"}]. */
    static JsonArray rules(Question q, QuizContent content) {
        JsonArray out = new JsonArray();
        q.rules().forEach(id -> out.add(new JsonObject().put("id", id).put("title", content.ruleTitle(id))));
        return out;
    }

    /** The stored result with the facts only known at submission (when, whether by time-out). */
    public static JsonObject result(AttemptRow a) {
        return new JsonObject(a.resultJson()).put("submittedAt", a.submittedAt().toInstant().toString())
                .put("autoSubmitted", a.autoSubmitted()).put("startedAt", a.startedAt().toInstant().toString());
    }

    /** The right answer in the positions shown, in the same shape as an answer's value. */
    static Object correct(Question q, Paper.Item item) {
        switch (q.type()) {
            case single:
                for (int d = 0; d < item.order().size(); d++) {
                    if (q.choices().get(item.order().get(d)).weight() >= 100) return d;
                }
                return null;
            case multiple: {
                JsonArray picks = new JsonArray();
                for (int d = 0; d < item.order().size(); d++) {
                    if (q.choices().get(item.order().get(d)).weight() > 0) picks.add(d);
                }
                return picks;
            }
            case true_false:
                return q.truth();
            case matching: {
                JsonArray out = new JsonArray();
                List<String> answers = q.matchAnswers();
                for (MatchPair p : q.pairs()) {
                    out.add(item.order().indexOf(answers.indexOf(p.right())));
                }
                return out;
            }
            default:
                return null;
        }
    }

    /** The right answer in words, for any type (also shown in the 题库 import preview). */
    public static String correctText(Question q) {
        switch (q.type()) {
            case single:
            case multiple:
                return String.join(";", q.choices().stream().filter(Choice::correct).map(Choice::text).toList());
            case true_false:
                return Boolean.TRUE.equals(q.truth()) ? "正确" : "错误";
            case short_answer:
                return String.join(" / ", q.choices().stream().filter(c -> c.weight() >= 100).map(Choice::text).toList());
            case numeric: {
                NumericAnswer a = q.numbers().stream().filter(x -> x.weight() >= 100).findFirst().orElse(q.numbers().get(0));
                return a.isRange() ? BankWriter.number(a.min()) + " ~ " + BankWriter.number(a.max())
                        : BankWriter.number(a.value()) + (a.tolerance() == 0 ? "" : " ± " + BankWriter.number(a.tolerance()));
            }
            case matching:
                return String.join(";", q.pairs().stream().map(p -> p.left() + " → " + p.right()).toList());
            default:
                return "由培训师批改";
        }
    }

    private static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }
}
