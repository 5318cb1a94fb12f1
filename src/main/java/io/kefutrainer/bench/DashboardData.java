package io.kefutrainer.bench;

import io.kefutrainer.store.BenchDashboardStore;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * Builds the `bench dashboard` cohort and its history of at least `replies` replies, 20 trainees per statement
 * batch, and says how long each batch took.
 */
final class DashboardData {
    /** Replies per session the generator writes on average (4–12 rounds, a few last rounds left unanswered). */
    private static final double REPLIES_PER_SESSION = 7.9;
    private static final int TRAINEES_PER_BATCH = 20;

    private final BenchDashboardStore store;

    DashboardData(BenchDashboardStore store) {
        this.store = store;
    }

    /** Writes the trainees, the cohort (manager1 runs it) and their history; returns the cohort id. */
    long build(int trainees, long replies) throws SQLException, IOException {
        int perTrainee = (int) Math.ceil(replies / REPLIES_PER_SESSION / trainees);
        long cohort = store.createCohort(trainees);
        List<Long> ids = store.traineeIds();
        for (int i = 0; i < ids.size(); i += TRAINEES_PER_BATCH) {
            List<Long> part = ids.subList(i, Math.min(ids.size(), i + TRAINEES_PER_BATCH));
            long t0 = System.nanoTime();
            store.writeHistory(part, perTrainee);
            System.out.printf("  trainees %d–%d: %d sessions each, %.1f s%n", i + 1, i + part.size(), perTrainee,
                    (System.nanoTime() - t0) / 1e9);
        }
        // the generator rounds down a little (unanswered last rounds): top up one session per trainee until enough
        while (store.traineeReplies() < replies) {
            store.writeHistory(ids, 1);
        }
        store.vacuumAnalyze();
        return cohort;
    }
}
