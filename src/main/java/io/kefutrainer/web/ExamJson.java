package io.kefutrainer.web;

import io.kefutrainer.quiz.Exam;
import io.kefutrainer.quiz.exam.ExamStanding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The exam list of GET /api/exams as the 考试 page reads it. */
final class ExamJson {

    private ExamJson() {
    }

    static JsonArray available(List<ExamStanding> standings) {
        JsonArray list = new JsonArray();
        for (ExamStanding s : standings) {
            Exam exam = s.exam();
            JsonArray done = new JsonArray();
            s.submitted().forEach(a -> done.add(new JsonObject()
                    .put("attemptId", a.id().toString()).put("percent", a.percent()).put("passed", a.passed())
                    .put("submittedAt", a.submittedAt().toInstant().toString())));
            list.add(new JsonObject().put("id", exam.id()).put("title", exam.title())
                    .put("description", exam.description()).put("timeLimitMinutes", exam.timeLimitMinutes())
                    .put("passMark", exam.passMark()).put("questionCount", exam.questionCount())
                    .put("attemptsAllowed", exam.attempts()).put("attemptsUsed", s.attempts().size())
                    .put("openAttemptId", s.open().map(a -> a.id().toString()).orElse(null))
                    .put("bestPercent", s.bestPercent())
                    .put("passed", s.passed())
                    .put("attempts", done));
        }
        return list;
    }
}
