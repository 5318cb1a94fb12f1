package io.kefutrainer.web;

import io.kefutrainer.appeals.AppealRow;
import io.kefutrainer.practice.AnnotationsJson;
import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.practice.SessionRow;
import io.kefutrainer.practice.PracticeSessions;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.SessionResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * The JSON of practice sessions as the API and the live channel send it: a session's summary and state, its messages
 * with their findings (and what a trainer overruled on appeal), the scorecard, and the scenario card. Shared by the
 * practice, shift, progress, appeal and scenario routes, so a session looks the same in every answer.
 */
final class PracticeJson {
    private PracticeJson() {
    }

    /** Reply seq -> the targets overruled by accepted appeals. */
    static java.util.Map<Integer, Set<String>> overruled(List<AppealRow> appeals) {
        java.util.Map<Integer, Set<String>> map = new java.util.HashMap<>();
        appeals.stream().filter(a -> AppealRow.ACCEPTED.equals(a.status()))
                .forEach(a -> map.computeIfAbsent(a.replySeq(), k -> new java.util.HashSet<>()).add(a.target()));
        return map;
    }

    /** The session's appeals as its owner sees them beside the findings: status, reason, the trainer's comment. */
    static JsonArray appealsJson(List<AppealRow> appeals) {
        JsonArray array = new JsonArray();
        for (AppealRow a : appeals) {
            JsonObject json = new JsonObject().put("id", a.id()).put("replyId", a.replySeq()).put("target", a.target())
                    .put("status", a.status()).put("reason", a.reason());
            if (!a.open()) {
                json.put("comment", a.comment()).put("decidedAt", time(a.decidedAt()));
            }
            array.add(json);
        }
        return array;
    }

    static JsonObject scorecardJson(SessionResult result, PracticeSessions.View view) {
        return scorecardJson(result, view, java.util.Map.of());
    }

    static JsonObject scorecardJson(SessionResult result, PracticeSessions.View view, java.util.Map<Integer, Set<String>> overruled) {
        return summary(view.session())
                .put("total", result.total())
                .put("passed", result.passed())
                .put("tier", result.tier())
                .put("mustPassFailures", new JsonArray(result.mustPassFailures().stream().map(JsonObject::mapFrom).toList()))
                .put("dimensions", new JsonObject(new java.util.LinkedHashMap<>(result.dimensions())))
                .put("messages", messages(view.events(), true, overruled));
    }

    static JsonArray messages(List<SessionEvent> events, boolean withFindings) {
        return messages(events, withFindings, java.util.Map.of());
    }

    /** @param overruled reply seq -> the targets a trainer overruled on appeal (marked `"overruled":true`) */
    static JsonArray messages(List<SessionEvent> events, boolean withFindings, java.util.Map<Integer, Set<String>> overruled) {
        JsonArray array = new JsonArray();
        for (SessionEvent e : events) {
            if (!SessionEvent.SYSTEM.equals(e.sender()) || e.isNotice()) {
                array.add(message(e, withFindings, overruled.getOrDefault(e.seq(), Set.of())));
            }
        }
        return array;
    }

    /** Characters of a reply the browser saw pasted or dropped (its stored typing metrics). */
    static int pastedChars(SessionEvent e) {
        if (!e.fromTrainee() || e.metricsJson() == null) {
            return 0;
        }
        try {
            Object value = new JsonObject(e.metricsJson()).getValue("pasted");
            return value instanceof Number n ? Math.max(0, n.intValue()) : 0;
        } catch (RuntimeException ignored) {
            return 0;
        }
    }

    static JsonObject message(SessionEvent e, boolean withFindings) {
        return message(e, withFindings, Set.of());
    }

    static JsonObject message(SessionEvent e, boolean withFindings, Set<String> overruled) {
        JsonObject json = new JsonObject().put("id", e.seq()).put("from", e.sender()).put("text", e.text())
                .put("at", time(e.at())).put("kind", e.kind());
        if (withFindings && e.fromTrainee() && e.annotationsJson() != null) {
            json.put("annotations", new JsonObject(AnnotationsJson.presented(e.annotationsJson(), overruled)));
        }
        if (e.fromTrainee() && e.clientId() != null) {
            json.put("clientId", e.clientId()); // lets the workbench match a live echo to the reply it is still sending
        }
        if (e.fromTrainee() && e.responseMs() != null) {
            json.put("responseMs", e.responseMs());
        }
        int pasted = pastedChars(e);
        if (pasted > 0) {
            json.put("pasted", pasted); // characters the browser saw pasted or dropped: shown on the reply, not typed
        }
        return json;
    }

    static JsonObject annotations(Annotations a) {
        return JsonObject.mapFrom(a);
    }

    static JsonObject summary(SessionRow r) {
        JsonObject json = new JsonObject().put("id", r.id().toString()).put("scenarioId", r.scenarioId())
                .put("title", r.scenarioTitle()).put("category", r.category()).put("difficulty", r.difficulty())
                .put("mode", r.mode().name()).put("startedAt", time(r.startedAt())).put("ended", r.ended());
        if (r.ended()) {
            json.put("endedAt", time(r.endedAt())).put("outcome", r.outcome()).put("satisfaction", r.satisfaction());
        }
        return json;
    }

    static JsonObject state(SessionRow r, String step, String mood) {
        return state(r, step, mood, null);
    }

    static JsonObject state(SessionRow r, String step, String mood, OffsetDateTime closingUntil) {
        String status = r.ended() ? "ended" : closingUntil != null ? "closing" : "active";
        return new JsonObject().put("status", status).put("step", step).put("mood", mood).put("mode", r.mode().name());
    }

    /** `"closing": true` while the session waits for the closing reply, with when (and in how many seconds) it ends by itself. */
    static void closing(JsonObject json, OffsetDateTime until) {
        long left = Math.max(0, java.time.Duration.between(java.time.Instant.now(), until.toInstant()).toSeconds());
        json.put("closing", true).put("closingUntil", time(until)).put("closingSeconds", left);
    }

    static JsonObject scenarioCard(Scenario s) {
        JsonObject product = new JsonObject().put("title", s.product().title()).put("price", s.product().price())
                .put("sizeChart", new JsonObject(new java.util.LinkedHashMap<>(s.product().sizeChart())))
                .put("facts", new JsonObject(new java.util.LinkedHashMap<>(s.product().facts())));
        JsonObject json = new JsonObject().put("id", s.id()).put("title", s.title()).put("category", s.category())
                .put("difficulty", s.difficulty()).put("buyer", s.persona().name()).put("product", product)
                .put("factLabels", factLabels(s));
        if (s.order() != null) {
            json.put("order", JsonObject.mapFrom(s.order()).copy());
            json.getJsonObject("order").remove("at");
        }
        return json;
    }

    /** Expected fact id -> the trainer's words for it, so findings name a missed fact the way the trainer wrote it. */
    static JsonObject factLabels(Scenario s) {
        JsonObject labels = new JsonObject();
        s.steps().values().forEach(step -> step.expect().forEach(f -> {
            if (!labels.containsKey(f.fact()) || f.label() != null) {
                labels.put(f.fact(), f.display());
            }
        }));
        return labels;
    }

    static String time(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
