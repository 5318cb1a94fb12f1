package io.kefutrainer.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters shared by a `bench chat` run (updated on the client's event loop; read at the end). */
final class ChatStats {
    final AtomicLong errors = new AtomicLong();
    final Map<String, AtomicLong> errorKinds = new ConcurrentSkipListMap<>();
    final AtomicLong resends = new AtomicLong();
    final AtomicLong sessions = new AtomicLong();
    final AtomicLong sseMessages = new AtomicLong();
    final AtomicLong sseTimeouts = new AtomicLong();
    final AtomicLong sseReconnects = new AtomicLong();
    final AtomicLong cuts = new AtomicLong();
    final AtomicLong killed = new AtomicLong();
    /** Every clientId the server acknowledged, human-paced and saturation runs alike. */
    final Set<String> ackedIds = ConcurrentHashMap.newKeySet();
    private long[] latencyNs = new long[1 << 16];
    private int count;

    void error(String kind) {
        errors.incrementAndGet();
        errorKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** A human-paced reply acknowledged `ns` after it was first sent. */
    synchronized void acked(String clientId, long ns) {
        ackedIds.add(clientId);
        if (count == latencyNs.length) {
            latencyNs = Arrays.copyOf(latencyNs, count * 2);
        }
        latencyNs[count++] = ns;
    }

    /** Human-paced replies acknowledged so far. */
    synchronized int ackedCount() {
        return count;
    }

    /** The first `n` ack latencies, sorted. */
    synchronized long[] latencies(int n) {
        long[] copy = Arrays.copyOf(latencyNs, n);
        Arrays.sort(copy);
        return copy;
    }
}
