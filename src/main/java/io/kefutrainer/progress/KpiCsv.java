package io.kefutrainer.progress;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A cohort's KPI table as CSV for Excel: UTF-8 with a byte-order mark (or Excel shows mojibake), Chinese headers,
 * RFC 4180 quoting, and cells that would start a formula (= + - @) prefixed with ' so a name cannot run one.
 */
public final class KpiCsv {
    private KpiCsv() {
    }

    /** The KPI columns in order, by API name; their headers are kpi.yaml's labels and units (KpiTargets.names). */
    static final List<String> KPIS = List.of("sessions", "firstResponseS", "avgResponseS", "replyRate3m", "typingCpm",
            "answerRatio", "conversionRate", "resolutionRate", "satisfaction", "violationsPer100", "forbiddenPer100",
            "politenessScore", "rulesScore", "quizScore");

    static List<String> headers(io.kefutrainer.scoring.KpiTargets targets) {
        List<String> headers = new java.util.ArrayList<>(List.of("学员", "用户名"));
        for (String kpi : KPIS) {
            String label = targets.label(kpi);
            String unit = targets.unit(kpi);
            // a count needs no unit in its header; a label that already says its unit (礼貌分) keeps it bare
            headers.add(unit.isEmpty() || unit.equals("次") || label.endsWith(unit) ? label : label + "(" + unit + ")");
        }
        headers.addAll(List.of("可上岗", "未达标项"));
        return headers;
    }

    public static String write(Progress.CohortReport report) {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, headers(report.targets()));
        for (Progress.TraineeRow row : report.trainees()) {
            Kpis k = row.kpis();
            line(out, List.of(row.trainee().displayName(), row.trainee().username(), String.valueOf(k.sessions()),
                    n(k.firstResponseS()), n(k.avgResponseS()), n(k.replyRate3m()), n(k.typingCpm()), n(k.answerRatio()),
                    n(k.conversionRate()), n(k.resolutionRate()), n(k.satisfaction()), n(k.violationsPer100()),
                    n(k.forbiddenPer100()), n(k.politenessScore()), n(k.rulesScore()), n(k.quizScore()),
                    row.readiness().ready() ? "是" : "否",
                    row.readiness().unmet().stream().map(u -> u.label() + "(" + u.reason() + ")").collect(Collectors.joining(";"))));
        }
        return out.toString();
    }

    /** Any table in the same form (BOM, CRLF, formula-safe cells), e.g. the initial passwords of an import. */
    public static String table(List<List<String>> rows) {
        StringBuilder out = new StringBuilder("\uFEFF");
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    private static String n(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
