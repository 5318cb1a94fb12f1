package io.kefutrainer.web;

import io.kefutrainer.quiz.practice.Publication;
import io.kefutrainer.quiz.practice.Publishing;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** The banks and their publications as /api/quiz-banks answers them. */
final class PublicationJson {

    private PublicationJson() {
    }

    static JsonArray banks(List<Publishing.Bank> banks) {
        JsonArray out = new JsonArray();
        banks.forEach(b -> out.add(bank(b)));
        return out;
    }

    static JsonObject bank(Publishing.Bank b) {
        JsonArray pubs = new JsonArray();
        b.publications().forEach(p -> pubs.add(publication(p)));
        return new JsonObject().put("bank", b.bank()).put("title", b.title()).put("questionCount", b.questionCount())
                .put("publications", pubs);
    }

    static JsonObject publication(Publication p) {
        JsonObject o = new JsonObject().put("cohortId", p.cohortId()).put("audience", p.audience()).put("mode", p.mode().name())
                .put("modeLabel", p.mode().label()).put("publishedBy", p.publishedBy())
                .put("publishedAt", p.publishedAt().toInstant().toString());
        if (p.mode() == Publication.Mode.exam) {
            o.put("timeLimitMinutes", p.timeLimitMinutes()).put("passMark", p.passMark()).put("attempts", p.attempts());
        }
        return o;
    }
}
