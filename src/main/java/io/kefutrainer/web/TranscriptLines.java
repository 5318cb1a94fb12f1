package io.kefutrainer.web;

import io.kefutrainer.practice.AnnotationsJson;
import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.progress.Period;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** The lines of a transcript page: each reply with its findings on the words that caused them, and its notes. */
final class TranscriptLines {
    private TranscriptLines() {
    }

    /** One line of a transcript page. */
    public record Line(int seq, String from, String kind, String at, List<Highlights.Segment> segments, Double responseS,
                       boolean late, List<String> notes) {
    }

    static List<Line> lines(List<SessionEvent> events, JsonObject factLabels, io.kefutrainer.scenario.Vocabulary words) {
        List<Line> lines = new ArrayList<>();
        java.time.OffsetDateTime roundStart = null;
        for (SessionEvent e : events) {
            String at = e.at().atZoneSameInstant(Period.SHOP_ZONE).toLocalTime().withNano(0).toString();
            if (e.fromBuyer()) {
                if (roundStart == null && !"ending".equals(e.kind())) {
                    roundStart = e.at();
                }
                lines.add(new Line(e.seq(), "buyer", e.kind(), at, List.of(new Highlights.Segment(e.text(), "plain", "")), null, false, List.of()));
            } else if (e.fromTrainee()) {
                Double response = roundStart == null ? null
                        : Math.max(0, (e.at().toInstant().toEpochMilli() - roundStart.toInstant().toEpochMilli()) / 1000.0);
                roundStart = null;
                List<Highlights.Segment> segments = List.of(new Highlights.Segment(e.text(), "plain", ""));
                List<String> notes = new ArrayList<>();
                int pasted = PracticeJson.pastedChars(e);
                if (pasted > 0) {
                    notes.add("粘贴 " + pasted + " 字(不计入打字速度)");
                }
                if (e.annotationsJson() != null) {
                    var a = AnnotationsJson.read(e.annotationsJson());
                    segments = Highlights.of(e.text(), a, words);
                    a.violations().forEach(v -> notes.add(words.label("note", "violation") + " · " + words.violation(v.category())
                            + (v.advice() == null ? "" : ":" + v.advice())));
                    a.politeness().findings().stream().filter(f -> f.advice() != null)
                            .forEach(f -> notes.add(Highlights.note(f, words)));
                    if (!a.facts().missing().isEmpty()) {
                        notes.add(words.label("note", "missing_fact") + ":" + String.join("、", a.facts().missing().stream()
                                .map(id -> factLabels.getString(id, id)).toList()));
                    }
                    if (!a.facts().said().isEmpty()) {
                        notes.add(words.label("note", "avoided_fact") + ":" + String.join("、", a.facts().said().stream()
                                .map(id -> factLabels.getString(id, id)).toList()));
                    }
                }
                lines.add(new Line(e.seq(), "trainee", e.kind(), at, segments, response, response != null && response > 180, notes));
            } else if (e.isNotice()) {
                lines.add(new Line(e.seq(), "system", e.kind(), at,
                        List.of(new Highlights.Segment(e.text(), "plain", "")), null, false, List.of()));
            } else if ("silence".equals(e.kind()) && e.silenceS() != null) {
                lines.add(new Line(e.seq(), "system", e.kind(), at,
                        List.of(new Highlights.Segment("买家已等待 " + e.silenceS() + " 秒", "plain", "")), null, false, List.of()));
            }
        }
        return lines;
    }
}
