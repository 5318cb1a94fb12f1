package io.kefutrainer.practice;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What another instance's announcements make this one read (no database: the session log is a recording fake). */
class LiveFeedTest {
    private final Vertx vertx = Vertx.vertx();
    private final Set<UUID> read = ConcurrentHashMap.newKeySet();
    private final java.util.Map<UUID, Integer> lastSeqs = new ConcurrentHashMap<>();
    private final SessionLog log = (SessionLog) Proxy.newProxyInstance(SessionLog.class.getClassLoader(),
            new Class<?>[]{SessionLog.class}, (proxy, method, args) -> {
                if (method.getName().equals("lastSeqs")) return Future.succeededFuture(lastSeqs);
                if (method.getName().equals("session")) {
                    read.add((UUID) args[0]);
                    return Future.succeededFuture(Optional.empty());
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @AfterEach
    void close() {
        vertx.close();
    }

    @Test
    @DisplayName("announcements sent together (one per line) each bring their followed session up to date; unfollowed ones and our own are skipped")
    void batchedAnnouncements() {
        LiveFeed feed = new LiveFeed(vertx, log);
        LiveFeed other = new LiveFeed(vertx, log);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID notFollowed = UUID.randomUUID();
        for (UUID id : List.of(a, b, c)) feed.subscribe(id, update -> { });
        feed.onAnnouncement(String.join("\n", other.announcement(a, 3), other.announcement(notFollowed, 3),
                other.announcement(b, 5), other.announcement(c, 2)));
        assertEquals(Set.of(a, b, c), read);
        read.clear();
        feed.onAnnouncement(String.join("\n", feed.announcement(a, 7), feed.announcement(b, 7)));
        assertEquals(Set.of(), read, "written here: already pushed after commit");
    }

    @Test
    @DisplayName("after the LISTEN connection comes back, only followed sessions with events beyond what their channels were shown are read again")
    void catchUpReadsOnlyWhatWasMissed() {
        LiveFeed feed = new LiveFeed(vertx, log);
        UUID upToDate = UUID.randomUUID();
        UUID behind = UUID.randomUUID();
        UUID neverShown = UUID.randomUUID();
        for (UUID id : List.of(upToDate, behind, neverShown)) feed.subscribe(id, update -> { });
        feed.shown(upToDate, eventsUpTo(4));
        feed.shown(behind, eventsUpTo(6));
        lastSeqs.put(upToDate, 4);
        lastSeqs.put(behind, 8);
        lastSeqs.put(neverShown, 2);
        feed.catchUp();
        assertEquals(Set.of(behind, neverShown), read);
    }

    private static List<SessionEvent> eventsUpTo(int lastSeq) {
        java.util.ArrayList<SessionEvent> events = new java.util.ArrayList<>();
        for (int seq = 1; seq <= lastSeq; seq++) {
            events.add(new SessionEvent(seq, SessionEvent.BUYER, "line", "在吗", java.time.OffsetDateTime.now(), "start",
                    null, null, null, null, null));
        }
        return events;
    }
}
