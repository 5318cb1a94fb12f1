package io.kefutrainer.store;

import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.practice.SessionLog;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The session_events table: a session's numbered events, written in multi-row inserts and read in order. */
final class SessionEventRows {
    private static final String EVENT_COLUMNS = "seq, sender, kind, text, at, step, client_id, metrics::text AS metrics,"
            + " annotations::text AS annotations, response_ms, silence_s";

    /** Rows per INSERT statement: one statement fires the statement-level KPI trigger (V6) once, not once per row. */
    private static final int ROWS_PER_INSERT = 40;
    private static final int EVENT_PARAMS = 12;
    private static final String[] INSERT_SQL = new String[ROWS_PER_INSERT + 1];

    private SessionEventRows() {
    }

    static Future<List<SessionEvent>> read(SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + EVENT_COLUMNS + " FROM session_events WHERE session_id = $1 ORDER BY seq")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<SessionEvent> list = new ArrayList<>();
                    rows.forEach(r -> list.add(toEvent(r)));
                    return list;
                });
    }

    static Future<SessionLog.Position> position(SqlConnection conn, UUID id, String clientId) {
        return conn.preparedQuery("SELECT coalesce(max(seq), 0), coalesce(bool_or(client_id = $2), false)"
                        + " FROM session_events WHERE session_id = $1")
                .execute(Tuple.of(id, clientId))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    return new SessionLog.Position(r.getInteger(0), r.getBoolean(1));
                });
    }

    static Future<Void> insert(SqlConnection tx, UUID sessionId, List<SessionEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Future<?>> inserts = new ArrayList<>();
        for (int from = 0; from < events.size(); from += ROWS_PER_INSERT) {
            List<SessionEvent> chunk = events.subList(from, Math.min(events.size(), from + ROWS_PER_INSERT));
            Object[] params = new Object[chunk.size() * EVENT_PARAMS];
            int i = 0;
            for (SessionEvent e : chunk) {
                // metrics and annotations go as text, cast to jsonb by PostgreSQL: no parse and re-encode in the JVM
                Object[] row = {sessionId, e.seq(), e.sender(), e.kind(), e.text(), e.at(), e.step(), e.clientId(),
                        e.metricsJson(), e.annotationsJson(), e.responseMs(), e.silenceS()};
                System.arraycopy(row, 0, params, i, EVENT_PARAMS);
                i += EVENT_PARAMS;
            }
            inserts.add(tx.preparedQuery(insertSql(chunk.size())).execute(Tuple.from(params)));
        }
        return Future.all(inserts).mapEmpty();
    }

    /** INSERT … VALUES (…), (…) for `rows` events (the text is cached, so each size is prepared once per connection). */
    static String insertSql(int rows) {
        String sql = INSERT_SQL[rows];
        if (sql == null) {
            StringBuilder b = new StringBuilder("INSERT INTO session_events (session_id, seq, sender, kind, text, at, step, client_id,"
                    + " metrics, annotations, response_ms, silence_s) VALUES ");
            for (int r = 0; r < rows; r++) {
                b.append(r == 0 ? "(" : ", (");
                for (int c = 1; c <= EVENT_PARAMS; c++) {
                    b.append(c == 1 ? "" : ", ").append('$').append(r * EVENT_PARAMS + c);
                    if (c == 9 || c == 10) {
                        b.append("::text::jsonb"); // metrics, annotations: JSON text checked and stored by PostgreSQL
                    }
                }
                b.append(')');
            }
            sql = b.toString();
            INSERT_SQL[rows] = sql;
        }
        return sql;
    }

    private static SessionEvent toEvent(Row r) {
        return new SessionEvent(r.getInteger("seq"), r.getString("sender"), r.getString("kind"), r.getString("text"),
                r.get(OffsetDateTime.class, "at"), r.getString("step"), r.getString("client_id"),
                r.getString("metrics"), r.getString("annotations"), r.getInteger("response_ms"), r.getInteger("silence_s"));
    }
}
