package io.kefutrainer.progress;

import io.kefutrainer.scoring.KpiTargets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * 可上岗: every target of scenarios/kpi.yaml met over the trainee's last N ended sessions, at least N sessions
 * played, and the 岗前考试 passed. Otherwise each unmet condition is listed with the value that failed it.
 *
 * @param window   N (kpi.yaml last_sessions)
 * @param sessions how many sessions the window held
 */
public record Readiness(boolean ready, int window, long sessions, List<Unmet> unmet) {

    /** One condition not met: its kpi.yaml key and label, the target as text, the value (or null) and why. */
    public record Unmet(String key, String label, String target, Double value, String reason) {
    }

    /** Whether the 岗前考试 was passed; `known` is false while no exam results exist to look at. */
    public record Exam(boolean known, boolean passed, String note) {
        public static Exam unavailable() {
            return new Exam(false, false, "kpi.yaml 未指定岗前考试(readiness_exam)");
        }
    }

    /** kpi.yaml keys and the KPI (API name) each one holds a target for (KpiTargets names them all). */
    public static final Map<String, String> KPI_OF_KEY = KpiTargets.KPI_OF_KEY;

    /** The key of kpi.yaml that stands for the 岗前考试 (min: 1 = passed). */
    public static final String EXAM_KEY = "quiz_passed";

    /** Judges readiness from the KPIs of the last-N window. Unknown kpi.yaml keys count as unmet: fail closed. */
    public static Readiness judge(KpiTargets targets, Kpis window, Exam exam) {
        List<Unmet> unmet = new ArrayList<>();
        int n = targets.lastSessions();
        if (window.sessions() < n) {
            unmet.add(new Unmet("sessions", targets.label("sessions"), "≥ " + n, (double) window.sessions(),
                    "最近练习不足 " + n + " 次(现有 " + window.sessions() + " 次)"));
        }
        Map<String, Double> values = window.values();
        targets.targets().forEach((key, target) -> {
            if (key.equals(EXAM_KEY)) {
                if (!exam.known()) {
                    unmet.add(new Unmet(key, target.label(), "通过", null, exam.note()));
                } else if (!target.met(exam.passed() ? 1 : 0)) {
                    unmet.add(new Unmet(key, target.label(), "通过", 0.0, "岗前考试未通过"));
                }
                return;
            }
            String kpi = KPI_OF_KEY.get(key);
            if (kpi == null) {
                unmet.add(new Unmet(key, target.label(), describe(target), null, "未知指标 " + key + "(kpi.yaml)"));
                return;
            }
            Double value = values.get(kpi);
            if (value == null) {
                unmet.add(new Unmet(key, target.label(), describe(target), null, "没有可计算的数据"));
            } else if (!target.met(value)) {
                unmet.add(new Unmet(key, target.label(), describe(target), value, gap(target, value)));
            }
        });
        return new Readiness(unmet.isEmpty(), n, window.sessions(), List.copyOf(unmet));
    }

    /** Why a value misses its target, in words a trainee acts on: how far, and which way (比目标低 7.5 分). */
    static String gap(KpiTargets.Target t, double value) {
        String unit = t.unit() == null || t.unit().isEmpty() ? "" : " " + t.unit();
        double rounded;
        String way;
        if (t.min() != null && value < t.min()) {
            rounded = Math.round((t.min() - value) * 10) / 10.0;
            way = "低";
        } else {
            rounded = Math.round((value - t.max()) * 10) / 10.0;
            way = "高";
        }
        // a gap that rounds to 0 is still a miss: say it is just off
        return rounded == 0 ? "差一点未达标" : "比目标" + way + " " + number(rounded) + unit;
    }

    public static String describe(KpiTargets.Target t) {
        String unit = t.unit() == null ? "" : t.unit();
        if (t.min() != null && t.max() != null) {
            return number(t.min()) + "–" + number(t.max()) + " " + unit;
        }
        return (t.min() != null ? "≥ " + number(t.min()) : "≤ " + number(t.max())) + " " + unit;
    }

    private static String number(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
