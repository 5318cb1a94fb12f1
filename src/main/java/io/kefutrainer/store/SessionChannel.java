package io.kefutrainer.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * LISTENs on {@link PracticeStore#CHANNEL} with a connection of its own, so a reply stored by one instance
 * reaches the live channels (SSE) of browsers connected to another instance. The connection is re-opened
 * by itself when it drops; `onResubscribed` runs after each reconnect, since notifications sent meanwhile
 * are lost and listeners must catch up from the stored events.
 */
public final class SessionChannel {
    private static final Logger LOG = Logger.getLogger(SessionChannel.class.getName());

    private final PgSubscriber subscriber;

    private SessionChannel(PgSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    public static Future<SessionChannel> listen(Vertx vertx, DbConfig config, Consumer<String> onPayload, Runnable onResubscribed) {
        PgConnectOptions connect = Db.connectOptions(config);
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, connect)
                // keep trying every second for as long as the server runs (PostgreSQL restarts, cut connections)
                .reconnectPolicy(retries -> 1000L);
        boolean[] first = {true};
        subscriber.channel(PracticeStore.CHANNEL)
                .handler(onPayload::accept)
                .subscribeHandler(v -> {
                    if (first[0]) {
                        first[0] = false;
                    } else {
                        LOG.info("session channel re-subscribed; live listeners catch up from the database");
                        onResubscribed.run();
                    }
                });
        subscriber.closeHandler(v -> LOG.fine("session channel connection closed"));
        return subscriber.connect().map(x -> new SessionChannel(subscriber));
    }

    public Future<Void> close() {
        return subscriber.close();
    }
}
