package io.kefutrainer.web;

import io.kefutrainer.store.SessionChannel;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The work that must run once per process, whatever the number of HTTP event loops: the silence sweep, the shift
 * ticker, the exam sweep, the KPI roll-up flush, housekeeping and the LISTEN connection for other instances' session events. Deployed
 * with one instance; its timers and the LISTEN connection run on its own event loop.
 */
final class BackgroundVerticle extends VerticleBase {
    private static final Logger LOG = Logger.getLogger(BackgroundVerticle.class.getName());
    static final long HOUSEKEEPING_MS = 10 * 60 * 1000;
    static final long KPI_FLUSH_MS = 1000;

    private final Services services;
    private SessionChannel channel;

    BackgroundVerticle(Services services) {
        this.services = services;
    }

    @Override
    public Future<?> start() {
        services.practice().startSilenceSweep();
        services.shifts().startTicker();
        services.exams().startSweep();
        if (services.db() != null) {
            // the reply path only queues ended sessions for the KPI roll-ups (V16); applied here, and by every KPI read
            vertx.setPeriodic(KPI_FLUSH_MS, id -> services.kpiStore().flushKpis()
                    .onFailure(e -> LOG.log(Level.FINE, "KPI flush skipped: " + e.getMessage())));
        }
        vertx.setPeriodic(HOUSEKEEPING_MS, id -> services.housekeeping().run()
                .onFailure(e -> LOG.log(Level.FINE, "housekeeping skipped: " + e.getMessage())));
        if (services.db() == null) {
            return Future.succeededFuture();
        }
        return SessionChannel.listen(vertx, services.db(), services.practice()::onAnnouncement, services.practice()::catchUp)
                .onSuccess(listening -> channel = listening);
    }

    @Override
    public Future<?> stop() {
        services.practice().stop();
        services.shifts().stop();
        services.exams().stop();
        return channel == null ? Future.succeededFuture() : channel.close();
    }
}
