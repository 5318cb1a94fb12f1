package io.kefutrainer.support;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Hand-made sessions written straight into the tables, so KPI tests know every number they expect. */
public final class SessionFixtures {
    private final TestApp app;

    public SessionFixtures(TestApp app) {
        this.app = app;
    }

    public long user(String username, String role) {
        return app.sql("INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, 'x') RETURNING id",
                username, username + "名", role).iterator().next().getLong(0);
    }

    public long userId(String username) {
        return app.sql("SELECT id FROM users WHERE username = $1", username).iterator().next().getLong(0);
    }

    /** A session; `endedAt` null leaves it open. Scores go into the stored scorecard. */
    public Session session(long userId, String category, OffsetDateTime startedAt, OffsetDateTime endedAt, String outcome,
                           Integer satisfaction, Double politeness, Double rules) {
        UUID id = UUID.randomUUID();
        String scorecard = politeness == null ? null
                : "{\"dimensions\":{\"politeness\":" + politeness + ",\"rules\":" + rules + ",\"speed\":80,\"outcome\":80},"
                + "\"total\":" + ((politeness + rules) / 2) + ",\"passed\":true,\"tier\":\"铜牌\",\"mustPassFailures\":[]}";
        app.sql("INSERT INTO practice_sessions (id, user_id, scenario_id, scenario_title, category, difficulty, content_version,"
                        + " mode, seed, started_at, ended_at, ending, outcome, satisfaction, scorecard)"
                        + " VALUES ($1, $2, $3, $4, $5, 1, 1, 'practice', 1, $6, $7, $8, $8, $9, $10)",
                id, userId, category + "-scenario", category + " 场景", category, startedAt, endedAt, outcome, satisfaction, json(scorecard));
        return new Session(id, startedAt);
    }

    public final class Session {
        public final UUID id;
        private final OffsetDateTime t0;
        private int seq;

        Session(UUID id, OffsetDateTime t0) {
            this.id = id;
            this.t0 = t0;
        }

        public Session buyer(String kind, int atSecond, String text) {
            app.sql("INSERT INTO session_events (session_id, seq, sender, kind, text, at) VALUES ($1, $2, 'buyer', $3, $4, $5)",
                    id, ++seq, kind, text, t0.plusSeconds(atSecond));
            return this;
        }

        public Session silence(int atSecond) {
            app.sql("INSERT INTO session_events (session_id, seq, sender, kind, text, at, silence_s) VALUES ($1, $2, 'system', 'silence', '', $3, $4)",
                    id, ++seq, t0.plusSeconds(atSecond), atSecond);
            return this;
        }

        /** A reply with its typing metrics and annotations as stored JSON (null for none). */
        public Session reply(int atSecond, String text, String metrics, String annotations) {
            app.sql("INSERT INTO session_events (session_id, seq, sender, kind, text, at, client_id, metrics, annotations)"
                            + " VALUES ($1, $2, 'trainee', 'reply', $3, $4, $5, $6, $7)",
                    id, ++seq, text, t0.plusSeconds(atSecond), "c" + seq, json(metrics), json(annotations));
            return this;
        }
    }

    /** jsonb parameters must be JSON values: a Java String would be stored as a JSON string. */
    private static io.vertx.core.json.JsonObject json(String text) {
        return text == null ? null : new io.vertx.core.json.JsonObject(text);
    }

    /** Typing metrics JSON as the browser sends them. */
    public static String typed(int han, long activeMs, int pasted, int quickPhrase) {
        return "{\"committed\":" + han + ",\"committedHan\":" + han + ",\"pasted\":" + pasted + ",\"quickPhrase\":" + quickPhrase
                + ",\"deleted\":0,\"activeMs\":" + activeMs + ",\"firstKeyMs\":null}";
    }

    /** Annotations JSON with the given numbers of violations and forbidden phrases (plus one greeting). */
    public static String annotated(int violations, int forbidden, int start, int end) {
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < violations; i++) {
            v.append(i > 0 ? "," : "").append("{\"category\":\"off_platform\",\"rule\":\"off-platform\",\"start\":").append(start)
                    .append(",\"end\":").append(end).append(",\"advice\":\"请在平台内沟通\"}");
        }
        StringBuilder f = new StringBuilder("{\"type\":\"greeting\",\"entry\":\"hello\",\"start\":0,\"end\":1,\"advice\":null,\"points\":5}");
        for (int i = 0; i < forbidden; i++) {
            f.append(",{\"type\":\"forbidden\",\"entry\":\"dont-know\",\"start\":").append(start).append(",\"end\":").append(end)
                    .append(",\"advice\":\"换成: 我帮您查一下\",\"points\":-20}");
        }
        return "{\"politeness\":{\"score\":80,\"verdict\":\"polite\",\"findings\":[" + f + "]},\"violations\":[" + v + "],"
                + "\"facts\":{\"expected\":[],\"matched\":[],\"missing\":[]},\"offerPrice\":null,"
                + "\"speed\":{\"typedCpm\":null,\"accuracy\":null,\"plausible\":true,\"responseMs\":null}}";
    }
}
