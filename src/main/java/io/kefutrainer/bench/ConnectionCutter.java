package io.kefutrainer.bench;

import io.kefutrainer.store.BenchChatStore;

/** The --fault cut-db-connections injector: one cut ends every connection the server holds on its database. */
final class ConnectionCutter {
    /** How often the fault strikes during the run. */
    static final long PERIOD_MS = 10_000;

    private final BenchChatStore store;
    private final String database;
    private final ChatStats stats;

    ConnectionCutter(BenchChatStore store, String database, ChatStats stats) {
        this.store = store;
        this.database = database;
        this.stats = stats;
    }

    void cut() {
        stats.cutIssued(System.nanoTime());
        store.terminateServerConnections(database)
                .onSuccess(killed -> {
                    stats.cuts.incrementAndGet();
                    stats.killed.addAndGet(killed);
                })
                .onFailure(e -> System.out.println("fault: could not cut connections: " + e.getMessage()));
    }
}
