package io.kefutrainer.web;

import io.kefutrainer.account.User;
import io.kefutrainer.practice.LiveFeed;
import io.kefutrainer.practice.PracticeService;
import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.practice.SessionRow;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A session's live channel (GET /api/sessions/:id/events) over Server-Sent Events. The server is the clock: buyer
 * messages carry the time they are shown, after the buyer's typing delay, and the stream delivers them then.
 *
 * Threads: everything of one stream (its subscription, its Sender, its timers) is confined to the event loop of the
 * HTTP verticle that accepted the connection; events stored on other loops or instances reach it through the local
 * event bus (see LiveFeed).
 */
final class SessionStream {
    static final long HEARTBEAT_MS = 15_000;

    private final Vertx vertx;
    private final PracticeService service;

    SessionStream(Vertx vertx, PracticeService service) {
        this.vertx = vertx;
        this.service = service;
    }

    /**
     * Server-Sent Events: every event after Last-Event-ID, buyer messages at the moment they are shown. Everything
     * of one stream (its subscription, its Sender, its timers) runs on the event loop of the HTTP verticle that
     * accepted the connection; events stored on other loops or instances reach it through the local event bus.
     */
    void open(RoutingContext ctx, User user, UUID id) {
        int after = lastEventId(ctx);
        // Subscribe before the stored events are read: what is committed in between is held and sent after them
        // (the sender drops ids it has already sent), so nothing falls between the read and the subscription.
        List<LiveFeed.Update> early = new java.util.ArrayList<>();
        Sender[] live = new Sender[1];
        Runnable unsubscribe = service.subscribe(id, update -> {
            if (live[0] == null) {
                early.add(update);
            } else {
                deliver(id, live[0], update);
            }
        });
        service.view(user.id(), id, false).onSuccess(view -> {
            HttpServerResponse res = ctx.response();
            res.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("X-Accel-Buffering", "no");
            res.write("retry: 2000\n\n");
            Sender sender = new Sender(res, after);
            for (SessionEvent e : view.events()) {
                if (e.seq() > after) {
                    sender.send(e);
                }
            }
            service.shown(id, view.events());
            if (view.session().ended()) {
                sender.ended(view.session(), lastAt(view.events()));
            }
            live[0] = sender;
            early.forEach(update -> deliver(id, sender, update));
            early.clear();
            long heartbeat = vertx.setPeriodic(HEARTBEAT_MS, t -> {
                if (!res.closed()) {
                    res.write(": keep-alive\n\n");
                }
            });
            res.closeHandler(v -> {
                unsubscribe.run();
                vertx.cancelTimer(heartbeat);
            });
            if (res.closed()) {
                unsubscribe.run();
                vertx.cancelTimer(heartbeat);
            }
        }).onFailure(e -> {
            unsubscribe.run();
            ctx.fail(e);
        });
    }

    /**
     * Updates come in the order their writers published them, and writers on different event loops (a reply here, a
     * silence on the background loop) or instances may publish out of commit order: when an update starts after a
     * gap, the missing events are read from the database first (what is sent twice is dropped by id).
     */
    private void deliver(UUID sessionId, Sender sender, LiveFeed.Update update) {
        if (!update.events().isEmpty() && update.events().get(0).seq() > sender.lastSeq + 1) {
            service.stored(sessionId, sender.lastSeq + 1)
                    .onComplete(ar -> {
                        if (ar.succeeded() && ar.result() != null) {
                            apply(sender, ar.result());
                        }
                        apply(sender, update);
                    });
            return;
        }
        apply(sender, update);
    }

    private static void apply(Sender sender, LiveFeed.Update update) {
        update.events().forEach(sender::send);
        if (update.session().ended()) {
            sender.ended(update.session(), lastAt(update.events()));
        }
    }

    /**
     * Writes events to one SSE response, holding buyer messages back until their typing delay has passed. Confined
     * to the event loop of its stream (no locks).
     */
    private final class Sender {
        private final HttpServerResponse res;
        /** The last event id handed on: the same event can arrive twice (local push and another instance's notice). */
        private int lastSeq;
        private boolean endedSent;
        /** When the last message handed on is shown: `ended` must not overtake a buyer line still being typed. */
        private long lastShownAt;

        Sender(HttpServerResponse res, int after) {
            this.res = res;
            this.lastSeq = after;
        }

        void send(SessionEvent e) {
            if (e.seq() <= lastSeq) {
                return;
            }
            lastSeq = e.seq();
            if (SessionEvent.SYSTEM.equals(e.sender()) && !e.isNotice()) {
                return;
            }
            long delay = e.at().toInstant().toEpochMilli() - System.currentTimeMillis();
            lastShownAt = Math.max(lastShownAt, e.at().toInstant().toEpochMilli());
            String frame = "id: " + e.seq() + "\nevent: message\ndata: " + PracticeJson.message(e, false).encode() + "\n\n";
            if (delay <= 0 || e.fromTrainee()) {
                write(frame);
            } else if (e.isNotice()) {
                vertx.setTimer(delay, t -> write(frame)); // a notice is not typed by the buyer: no typing indicator
            } else {
                write("event: typing\ndata: " + new JsonObject().put("until", PracticeJson.time(e.at())).encode() + "\n\n");
                vertx.setTimer(delay, t -> write(frame));
            }
        }

        void ended(SessionRow session, OffsetDateTime at) {
            if (endedSent) {
                return;
            }
            endedSent = true;
            String frame = "event: ended\ndata: " + new JsonObject().put("outcome", session.outcome())
                    .put("satisfaction", session.satisfaction()).encode() + "\n\n";
            long showAt = Math.max(at == null ? 0 : at.toInstant().toEpochMilli(), lastShownAt);
            long delay = showAt - System.currentTimeMillis();
            if (delay <= 0) {
                write(frame);
            } else {
                vertx.setTimer(delay + 50, t -> write(frame));
            }
        }

        private void write(String frame) {
            if (!res.closed() && !res.ended()) {
                res.write(frame);
            }
        }
    }

    private static int lastEventId(RoutingContext ctx) {
        String value = ctx.request().getHeader("Last-Event-ID");
        if (value == null) {
            value = ctx.request().getParam("after");
        }
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static OffsetDateTime lastAt(List<SessionEvent> events) {
        return events.isEmpty() ? null : events.get(events.size() - 1).at();
    }
}
