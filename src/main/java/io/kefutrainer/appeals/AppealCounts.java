package io.kefutrainer.appeals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appeals made and accepted per trainee and per rule or lexicon entry (团队看板). A rule or entry whose accepted
 * share of decided appeals exceeds the threshold of kpi.yaml (`appeals.flag_accepted_share`, with at least
 * `appeals.flag_min_decided` decided) is flagged: trainers should look at its wording.
 */
public final class AppealCounts {

    public record Row(String key, long made, long decided, long accepted, boolean flagged) {
        public double acceptedShare() {
            return decided == 0 ? 0 : (double) accepted / decided;
        }
    }

    private AppealCounts() {
    }

    /** Per trainee id (as a string key) and per rule / entry. */
    public static Map<String, List<Row>> of(List<AppealLog.Count> counts, double flagShare, int flagMinDecided) {
        Map<String, long[]> byTrainee = new TreeMap<>();
        Map<String, long[]> byKey = new TreeMap<>();
        for (AppealLog.Count c : counts) {
            for (var m : List.of(byTrainee.computeIfAbsent(String.valueOf(c.userId()), k -> new long[3]),
                    byKey.computeIfAbsent(c.key(), k -> new long[3]))) {
                m[0] += c.count();
                if (!AppealRow.OPEN.equals(c.status())) m[1] += c.count();
                if (AppealRow.ACCEPTED.equals(c.status())) m[2] += c.count();
            }
        }
        Map<String, List<Row>> out = new LinkedHashMap<>();
        out.put("trainees", rows(byTrainee, Double.MAX_VALUE, Integer.MAX_VALUE));
        List<Row> keys = rows(byKey, flagShare, flagMinDecided);
        keys.sort((a, b) -> Double.compare(b.acceptedShare(), a.acceptedShare()));
        out.put("keys", keys);
        return out;
    }

    private static List<Row> rows(Map<String, long[]> m, double flagShare, int flagMinDecided) {
        List<Row> rows = new ArrayList<>();
        m.forEach((k, v) -> rows.add(new Row(k, v[0], v[1], v[2],
                v[1] >= flagMinDecided && v[1] > 0 && (double) v[2] / v[1] > flagShare)));
        return rows;
    }
}
