package io.kefutrainer.store;

import io.kefutrainer.progress.Kpis;
import io.kefutrainer.progress.SessionFacts;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reading KPI result rows (of KpiSql's columns) and kpi_sessions rows into the progress records. */
final class KpiRows {
    private KpiRows() {
    }

    static Kpis toKpis(Row r) {
        Kpis.Counts counts = new Kpis.Counts(l(r, "rounds"), l(r, "in_3m"), l(r, "answered"), d(r, "response_s_sum"),
                l(r, "first_responses"), l(r, "replies"), l(r, "buyer_messages"), l(r, "typed"), l(r, "pre_sales"),
                l(r, "converted"), l(r, "after_sales"), l(r, "resolved"), l(r, "rated"), l(r, "violations"), l(r, "forbidden"));
        return new Kpis(l(r, "sessions"), d(r, "first_response_s"), d(r, "avg_response_s"), d(r, "reply_rate_3m"),
                d(r, "typing_cpm"), d(r, "answer_ratio"), d(r, "conversion_rate"), d(r, "resolution_rate"),
                d(r, "satisfaction"), d(r, "violations_per_100"), d(r, "forbidden_per_100"), d(r, "politeness_score"),
                d(r, "rules_score"), null, counts);
    }

    static SessionFacts toFacts(Row r) {
        List<Double> cpm = new ArrayList<>();
        Object arr = r.getValue("typed_cpm");
        if (arr instanceof Object[] values) {
            for (Object v : values) {
                cpm.add(((Number) v).doubleValue());
            }
        }
        return new SessionFacts(r.getUUID("session_id"), r.getLong("user_id"), r.getString("scenario_id"),
                r.getString("scenario_title"), r.getString("category"), r.getString("mode"),
                r.get(OffsetDateTime.class, "started_at"), r.get(OffsetDateTime.class, "ended_at"), r.getString("outcome"),
                r.getInteger("satisfaction"), d(r, "politeness"), d(r, "rules"), d(r, "total"), r.getBoolean("passed"),
                r.getString("tier"), l(r, "rounds"), l(r, "answered"), l(r, "in_3m"), d(r, "response_s_sum"),
                d(r, "first_response_s"), l(r, "buyer_messages"), l(r, "replies"), l(r, "violations"), l(r, "forbidden"), cpm);
    }

    /** A typed-speed histogram column (TypingMedians.BUCKETS buckets; missing ones are 0). */
    static long[] histogram(Row r, String column) {
        long[] out = new long[TypingMedians.BUCKETS];
        if (r.getValue(column) instanceof Object[] array) {
            for (int i = 0; i < array.length && i < TypingMedians.BUCKETS; i++) {
                out[i] = array[i] == null ? 0 : ((Number) array[i]).longValue();
            }
        }
        return out;
    }

    private static long l(Row r, String column) {
        Object v = r.getValue(column);
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static Double d(Row r, String column) {
        Object v = r.getValue(column);
        return v == null ? null : ((Number) v).doubleValue();
    }
}
