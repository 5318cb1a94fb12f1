package io.kefutrainer.bench;

import io.kefutrainer.store.BenchBaselineStore;
import io.kefutrainer.store.DbConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The floor the server's reply path is compared with: the same rows (a reply and a buyer line per transaction)
 * inserted with vertx-pg-client alone, by the same number of closed-loop clients, over the same measured window.
 */
final class BareInsertBaseline {
    private static final String REPLY = "亲 您好,建议您选M码哦";
    private static final String BUYER_LINE = "好的 那我拍M码";

    private final Vertx vertx;
    private final DbConfig db;
    private final String run;
    private final int concurrency;
    private final int warmupS;
    private final int saturationS;

    BareInsertBaseline(Vertx vertx, DbConfig db, String run, int concurrency, int warmupS, int saturationS) {
        this.vertx = vertx;
        this.db = db;
        this.run = run;
        this.concurrency = concurrency;
        this.warmupS = warmupS;
        this.saturationS = saturationS;
    }

    /** Transactions per second; the scratch table is dropped afterwards, whatever happened. */
    Future<Double> run() {
        BenchBaselineStore store = BenchBaselineStore.open(vertx, db, "kefu-bench-bare", 16, "bench_bare_" + run);
        Promise<Double> result = Promise.promise();
        store.createTable()
                .compose(x -> store.sampleReply())
                .onSuccess(sample -> {
                    String metrics = sample.metrics() == null ? "{\"committed\":10}" : sample.metrics();
                    String annotations = sample.annotations() == null ? "{}" : sample.annotations();
                    long measureFrom = System.currentTimeMillis() + warmupS * 1000L;
                    long measureTo = measureFrom + saturationS * 1000L;
                    long[] counted = {0};
                    int[] active = {concurrency};
                    for (int w = 0; w < concurrency; w++) {
                        UUID session = UUID.randomUUID();
                        int[] seq = {0};
                        Runnable[] loop = new Runnable[1];
                        loop[0] = () -> {
                            if (System.currentTimeMillis() >= measureTo) {
                                if (--active[0] == 0) {
                                    result.complete(counted[0] * 1000.0 / (measureTo - measureFrom));
                                }
                                return;
                            }
                            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                            int replySeq = seq[0] + 1;
                            seq[0] += 2;
                            store.insertExchange(session, replySeq, now, REPLY, BUYER_LINE, metrics, annotations).onComplete(ar -> {
                                long t = System.currentTimeMillis();
                                if (ar.succeeded() && t >= measureFrom && t < measureTo) {
                                    counted[0]++;
                                }
                                loop[0].run();
                            });
                        };
                        vertx.runOnContext(x -> loop[0].run());
                    }
                })
                .onFailure(result::fail);
        return result.future().eventually(store::dropTableAndClose);
    }
}
