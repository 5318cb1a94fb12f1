package io.kefutrainer.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    /** When each acknowledged reply was first sent (nanoTime) and whether it had to be resent, in `latencyNs` order. */
    private long[] sentNs = new long[1 << 16];
    private boolean[] resent = new boolean[1 << 16];
    private int count;
    /** When each connection cut was issued (nanoTime), in order. */
    private final List<Long> cutNs = new ArrayList<>();

    void error(String kind) {
        errors.incrementAndGet();
        errorKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** A human-paced reply first sent at `firstSentNs`, acknowledged `ns` later, after `attempts` sends. */
    synchronized void acked(String clientId, long firstSentNs, long ns, int attempts) {
        ackedIds.add(clientId);
        if (count == latencyNs.length) {
            latencyNs = Arrays.copyOf(latencyNs, count * 2);
            sentNs = Arrays.copyOf(sentNs, count * 2);
            resent = Arrays.copyOf(resent, count * 2);
        }
        sentNs[count] = firstSentNs;
        resent[count] = attempts > 1;
        latencyNs[count++] = ns;
    }

    synchronized void cutIssued(long atNs) {
        cutNs.add(atNs);
    }

    /**
     * Where the slow replies (acknowledged after more than `slowNs`) come from: those first sent from 0.2 s before
     * to 1 s after a cut (while the server reconnects; counted by whether they were resent) and the rest.
     */
    synchronized SlowReplies slowReplies(long slowNs) {
        int slow = 0;
        int nearCut = 0;
        int nearCutResent = 0;
        for (int i = 0; i < count; i++) {
            if (latencyNs[i] <= slowNs) {
                continue;
            }
            slow++;
            long sent = sentNs[i];
            boolean near = cutNs.stream().anyMatch(c -> sent >= c - 200_000_000L && sent < c + 1_000_000_000L);
            if (near) {
                nearCut++;
                if (resent[i]) {
                    nearCutResent++;
                }
            }
        }
        return new SlowReplies(count, slow, nearCut, nearCutResent);
    }

    /** Of `all` acknowledged replies, `slow` took too long; `nearCut` were sent from 0.2 s before to 1 s after a cut. */
    record SlowReplies(int all, int slow, int nearCut, int nearCutResent) {
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
