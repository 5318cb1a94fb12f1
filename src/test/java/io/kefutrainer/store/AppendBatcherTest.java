package io.kefutrainer.store;

import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.practice.SessionLog;
import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit of the usual reply (PracticeStore.appendNext on an event loop): replies to different sessions that wait
 * for a connection at the same moment are stored in one transaction. Rows committed together share their xmin (the
 * transaction id), which is how the test sees the batches from outside.
 */
@DbTest
@DisplayName("Replies stored together (group commit)")
class AppendBatcherTest {
    private static final int SESSIONS = 12;
    private static TestApp app;
    private static Api api;
    private static String trainee;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = new Api(app);
        trainee = api.token("trainee1", "demo1234");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static UUID startSession() {
        HttpResponse<String> r = api.call("POST", "/api/sessions", trainee,
                new JsonObject().put("scenario", "bargaining-cheaper-please").put("seed", 3).encode());
        assertEquals(201, r.statusCode(), r.body());
        return UUID.fromString(new JsonObject(r.body()).getString("id"));
    }

    private static int lastSeq(UUID session) {
        return app.sql("SELECT max(seq) FROM session_events WHERE session_id = $1", session).iterator().next().getInteger(0);
    }

    private static SessionEvent reply(int seq, String clientId) {
        return new SessionEvent(seq, SessionEvent.TRAINEE, "reply", "亲,这个价格已经是活动价了哦", OffsetDateTime.now(ZoneOffset.UTC),
                null, clientId, null, null, null, null);
    }

    /** Calls appendNext for every (session, event) in one tick of one event loop; the outcome of each, in order. */
    private static List<Future<Void>> appendAtOnce(PracticeStore store, List<UUID> sessions, List<SessionEvent> events) {
        Promise<List<Future<Void>>> calls = Promise.promise();
        app.vertx().getOrCreateContext().runOnContext(v -> {
            List<Future<Void>> all = new ArrayList<>();
            for (int i = 0; i < sessions.size(); i++) {
                all.add(store.appendNext(sessions.get(i), List.of(events.get(i)), "", null));
            }
            calls.complete(all);
        });
        List<Future<Void>> all = TestApp.await(calls.future());
        TestApp.await(Future.join(all).otherwiseEmpty());
        return all;
    }

    private static long distinctTransactions(String clientIdPrefix) {
        Row r = app.sql("SELECT count(*), count(DISTINCT xmin::text) FROM session_events WHERE client_id LIKE $1",
                clientIdPrefix + "%").iterator().next();
        return r.getLong(1);
    }

    @Test
    @DisplayName("replies to twelve sessions at once are each stored once, in fewer transactions than replies")
    void storedTogether() {
        PracticeStore store = new PracticeStore(app.app().pool());
        List<UUID> sessions = new ArrayList<>();
        List<SessionEvent> events = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            UUID id = startSession();
            sessions.add(id);
            events.add(reply(lastSeq(id) + 1, "together-" + i));
        }
        for (Future<Void> f : appendAtOnce(store, sessions, events)) {
            assertTrue(f.succeeded(), () -> String.valueOf(f.cause()));
        }
        assertEquals((long) SESSIONS, app.sql("SELECT count(*) FROM session_events WHERE client_id LIKE 'together-%'")
                .iterator().next().getLong(0));
        long transactions = distinctTransactions("together-");
        assertTrue(transactions < SESSIONS, transactions + " transactions for " + SESSIONS + " replies: nothing was batched");
    }

    @Test
    @DisplayName("a stale reply in a batch is refused alone (Stale); the others of its batch are stored")
    void staleReplyRefusedAlone() {
        PracticeStore store = new PracticeStore(app.app().pool());
        List<UUID> sessions = new ArrayList<>();
        List<SessionEvent> events = new ArrayList<>();
        int stale = SESSIONS - 1; // last: it waits in the queue and goes in a batch with others
        for (int i = 0; i < SESSIONS; i++) {
            UUID id = startSession();
            sessions.add(id);
            int seq = i == stale ? lastSeq(id) : lastSeq(id) + 1; // a number already taken: the cache was behind
            events.add(reply(seq, "mixed-" + i));
        }
        List<Future<Void>> outcomes = appendAtOnce(store, sessions, events);
        for (int i = 0; i < SESSIONS; i++) {
            Future<Void> f = outcomes.get(i);
            if (i == stale) {
                assertTrue(f.failed(), "the stale reply was stored");
                assertInstanceOf(SessionLog.Stale.class, f.cause());
            } else {
                assertTrue(f.succeeded(), () -> String.valueOf(f.cause()));
            }
        }
        assertEquals((long) SESSIONS - 1, app.sql("SELECT count(*) FROM session_events WHERE client_id LIKE 'mixed-%'")
                .iterator().next().getLong(0));
    }
}
