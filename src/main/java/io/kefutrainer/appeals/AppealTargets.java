package io.kefutrainer.appeals;

import io.kefutrainer.practice.AnnotationsJson;
import io.kefutrainer.scenario.Vocabulary;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.Finding;
import io.kefutrainer.scoring.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * What a trainee may appeal in one reply, as a transcript lists it: the verdict, each violation and each finding
 * that cost points, with the appeal already made on it (status, the trainer's comment). Praise is not listed.
 */
public final class AppealTargets {

    /** One appealable item; `status` is null while nobody appealed it. */
    public record Target(String id, String label, String quote, String advice, String entry, boolean overruled,
                         String status, String statusLabel, String comment) {
    }

    private AppealTargets() {
    }

    public static List<Target> of(String text, String annotationsJson, Vocabulary words, List<AppealRow> appeals) {
        Annotations a = AnnotationsJson.read(annotationsJson);
        List<Target> out = new ArrayList<>();
        out.add(target(AnnotationsJson.VERDICT, "礼貌判定:" + words.verdict(a.politeness().verdict().name())
                + "(" + a.politeness().score() + " 分)", "", null, null, appeals));
        for (int i = 0; i < a.violations().size(); i++) {
            Violation v = a.violations().get(i);
            out.add(target(AnnotationsJson.violationId(i), words.label("note", "violation") + " · " + words.violation(v.category()), quote(text, v.start(), v.end()),
                    v.advice(), v.rule(), appeals));
        }
        for (int i = 0; i < a.politeness().findings().size(); i++) {
            Finding f = a.politeness().findings().get(i);
            if (f.points() >= 0) {
                continue;
            }
            out.add(target(AnnotationsJson.findingId(i), words.finding(f.type()) + " " + f.points(), quote(text, f.start(), f.end()),
                    f.advice(), f.entry(), appeals));
        }
        return out;
    }

    private static Target target(String id, String label, String quote, String advice, String entry, List<AppealRow> appeals) {
        AppealRow appeal = appeals.stream().filter(r -> r.target().equals(id)).findFirst().orElse(null);
        return new Target(id, label, quote, advice, entry, appeal != null && AppealRow.ACCEPTED.equals(appeal.status()),
                appeal == null ? null : appeal.status(), appeal == null ? null : appeal.statusLabel(),
                appeal == null ? null : appeal.comment());
    }

    static String quote(String text, int start, int end) {
        int s = Math.max(0, Math.min(text.length(), start));
        int e = Math.max(s, Math.min(text.length(), end));
        return text.substring(s, e);
    }
}
