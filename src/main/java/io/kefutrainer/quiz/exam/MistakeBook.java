package io.kefutrainer.quiz.exam;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.quiz.Grader;
import io.kefutrainer.quiz.Mark;
import io.kefutrainer.quiz.Paper;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.quiz.QuizContent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * 错题本: questions a trainee got wrong in exams come back for practice until answered right twice in a row,
 * with mastery per category and per rule. Only questions already in the trainee's book can be practised, so
 * practice never reveals an answer the trainee has not already seen in a result.
 */
public final class MistakeBook {
    public static final int MASTERED_AFTER = 2;

    private final MistakeLog store;
    private final Supplier<QuizContent> content;

    public MistakeBook(MistakeLog store, Supplier<QuizContent> content) {
        this.store = store;
        this.content = content;
    }

    public Future<JsonObject> view(long userId) {
        return store.mastery(userId).map(rows -> {
            QuizContent quiz = content.get();
            JsonArray questions = new JsonArray();
            Map<String, int[]> byCategory = new TreeMap<>();
            Map<String, int[]> byRule = new TreeMap<>();
            for (MistakeLog.Mastery m : rows) {
                Optional<Question> q = quiz.question(m.questionId());
                if (q.isEmpty()) {
                    continue;
                }
                int[] counts = {1, m.open() ? 0 : 1, m.open() ? 1 : 0};
                add(byCategory, q.get().category().get(0), counts);
                q.get().rules().forEach(rule -> add(byRule, rule, counts));
                if (m.open()) {
                    questions.add(AttemptViews.question(q.get(), identity(q.get()), questions.size() + 1)
                            .put("wrongCount", m.wrongCount()).put("rightStreak", m.rightStreak()));
                }
            }
            return new JsonObject().put("questions", questions)
                    .put("mastery", summary(byCategory, "category")).put("rules", summary(byRule, "rule"));
        });
    }

    /** Grades a practice answer (options in bank order) and moves the question towards mastery. */
    public Future<JsonObject> answer(long userId, String questionId, Object value) {
        Optional<Question> found = content.get().question(questionId);
        return store.mastery(userId).compose(rows -> {
            boolean inBook = rows.stream().anyMatch(m -> m.questionId().equals(questionId) && m.open());
            if (found.isEmpty() || !inBook) {
                return Future.failedFuture(new Problem(Problem.Kind.not_found, "question " + questionId + " is not in your 错题本"));
            }
            Question q = found.get();
            Paper.Item item = identity(q);
            Mark mark = Grader.grade(q, Answers.response(q, item, Answers.check(q, item, value)));
            return store.practise(userId, questionId, mark.status() == Mark.Status.correct).compose(m -> m.isEmpty()
                    ? Future.failedFuture(new Problem(Problem.Kind.not_found, "question " + questionId + " is not in your 错题本"))
                    : Future.succeededFuture(AttemptViews.feedback(q, item, mark, content.get())
                            .put("rightStreak", m.get().rightStreak()).put("mastered", !m.get().open())));
        });
    }

    private static Paper.Item identity(Question q) {
        int n = q.type() == QuestionType.matching ? q.matchAnswers().size() : q.choices().size();
        List<Integer> order = q.type() == QuestionType.single || q.type() == QuestionType.multiple
                || q.type() == QuestionType.matching ? IntStream.range(0, n).boxed().toList() : List.of();
        return new Paper.Item(q.id(), order);
    }

    private static void add(Map<String, int[]> map, String key, int[] counts) {
        int[] c = map.computeIfAbsent(key, k -> new int[3]);
        for (int i = 0; i < 3; i++) {
            c[i] += counts[i];
        }
    }

    private static JsonArray summary(Map<String, int[]> map, String key) {
        JsonArray out = new JsonArray();
        map.forEach((name, c) -> out.add(new JsonObject().put(key, name).put("answered", c[0]).put("mastered", c[1]).put("open", c[2])));
        return out;
    }
}
