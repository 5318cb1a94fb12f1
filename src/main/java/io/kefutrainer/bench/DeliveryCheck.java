package io.kefutrainer.bench;

import io.kefutrainer.store.BenchChatStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** After the runs: every acknowledged clientId must be stored exactly once. */
final class DeliveryCheck {

    /** @param checked acknowledged clientIds looked up */
    record Result(long checked, long lost, long duplicated) {
    }

    private DeliveryCheck() {
    }

    /** Looks up every acknowledged clientId, and counts this run's ("b"/"s" + run + "-…") clientIds stored twice. */
    static Result verify(BenchChatStore store, Set<String> ackedIds, String run) throws Exception {
        List<String> ids = new ArrayList<>(ackedIds);
        Set<String> found = store.storedClientIds(ids).await(60L * (1 + ids.size() / 5000), TimeUnit.SECONDS);
        long duplicated = store.duplicatedClientIds("b" + run + "-%", "s" + run + "-%").await(60, TimeUnit.SECONDS);
        return new Result(ids.size(), ids.size() - found.size(), duplicated);
    }
}
