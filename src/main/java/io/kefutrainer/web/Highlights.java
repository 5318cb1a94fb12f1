package io.kefutrainer.web;

import io.kefutrainer.scenario.Vocabulary;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.Finding;
import io.kefutrainer.scoring.Violation;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a reply into runs of text, each carrying the finding whose span covers it, so a page can show every
 * finding on the words that caused it. Violations win over other findings on the same characters.
 */
public final class Highlights {

    /**
     * A run of the reply; kind is "plain", "violation", or a finding type (greeting, forbidden, …); tone is what the
     * colour says, the same rule as the workbench coach: violation (red), bad (lost points), good (earned points),
     * neutral (counted, no points: a repeated greeting), plain.
     */
    public record Segment(String text, String kind, String note, String tone) {
        public Segment(String text, String kind, String note) {
            this(text, kind, note, "plain".equals(kind) ? "plain" : "violation".equals(kind) ? "violation" : "neutral");
        }
    }

    private Highlights() {
    }

    /** Each mark's note says why, in Chinese: the category or finding, its points, the advice. */
    public static List<Segment> of(String text, Annotations annotations, Vocabulary words) {
        int n = text.length();
        String[] kind = new String[n];
        String[] note = new String[n];
        String[] tone = new String[n];
        for (Violation v : annotations.violations()) {
            mark(kind, note, tone, v.start(), v.end(), "violation", "violation",
                    words.label("note", "violation") + " · " + words.violation(v.category()) + (v.advice() == null ? "" : ":" + v.advice()));
        }
        for (Finding f : annotations.politeness().findings()) {
            mark(kind, note, tone, f.start(), f.end(), f.type(), tone(f), note(f, words));
        }
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int j = i + 1;
            while (j < n && same(kind[i], kind[j]) && same(note[i], note[j])) {
                j++;
            }
            segments.add(kind[i] == null ? new Segment(text.substring(i, j), "plain", "", "plain")
                    : new Segment(text.substring(i, j), kind[i], note[i], tone[i]));
            i = j;
        }
        return segments;
    }

    /** "问候 +5", "禁语 -10:亲,我帮您查一下…", "问候 0:不加分" — every mark says why. */
    public static String note(Finding f, Vocabulary words) {
        String points = f.points() > 0 ? " +" + f.points() : " " + f.points();
        String why = f.advice() != null ? ":" + f.advice() : f.points() == 0 ? ":不加分(已计过或不计分)" : "";
        return words.finding(f.type()) + points + why;
    }

    /** The colour rule of every page (workbench.js coach too): points earned green, lost orange, none grey. */
    public static String tone(Finding f) {
        if (f.points() > 0 && !"forbidden".equals(f.type())) {
            return "good";
        }
        return f.points() < 0 || "forbidden".equals(f.type()) ? "bad" : "neutral";
    }

    private static void mark(String[] kind, String[] note, String[] tone, int start, int end, String k, String t, String n) {
        for (int i = Math.max(0, start); i < Math.min(kind.length, end); i++) {
            if (kind[i] == null) {
                kind[i] = k;
                note[i] = n;
                tone[i] = t;
            }
        }
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
