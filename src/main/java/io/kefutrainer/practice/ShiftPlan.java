package io.kefutrainer.practice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * When buyers arrive during a shift (班次模拟) and which scenario each one plays, drawn from the shift's seed:
 * the same seed, length and scenario list always give the same plan. Two buyers are waiting when the shift
 * opens, the next ones follow at random gaps, cycling through the categories so the shift mixes 售前 and 售后.
 * At run time {@link #arrives} keeps 2–5 conversations open: a buyer who is due waits in the queue while five
 * are open, and the next buyer comes early when fewer than two are. A 大促 surge shift (双11, 618) draws the
 * categories that peak then — 售前, 大促活动, 物流 — twice per cycle, and from the first quarter of the shift to
 * the last, buyers arrive three times as fast: the queue grows and the trainee must triage.
 */
public record ShiftPlan(List<Arrival> arrivals) {

    /** Buyer number `no` arrives `atMs` after the shift started, playing `scenarioId` with `seed`. */
    public record Arrival(int no, long atMs, String scenarioId, long seed) {
    }

    /** A scenario the plan may use. */
    public record Candidate(String id, String category, int difficulty) {
    }

    public static final int MIN_OPEN = 2;
    public static final int MAX_OPEN = 5;
    public static final int MIN_MINUTES = 1;
    public static final int MAX_MINUTES = 60;
    public static final int DEFAULT_MINUTES = 15;
    static final int OPENING_QUEUE = 2;
    static final long MIN_GAP_MS = 15_000;
    static final long MAX_GAP_MS = 45_000;
    /** No new buyer in the last seconds of a shift: there would be no time to answer. */
    static final long LAST_CALL_MS = 10_000;

    public ShiftPlan {
        arrivals = List.copyOf(arrivals);
    }

    /** Categories that peak during a 大促: drawn twice per cycle in a surge shift. */
    static final List<String> SURGE_CATEGORIES = List.of("presale", "promotion", "logistics");
    /** In the peak of a surge shift, gaps between buyers are divided by this. */
    static final int SURGE_SPEED_UP = 3;

    /** Draws an ordinary shift's plan. */
    public static ShiftPlan draw(long seed, int minutes, List<Candidate> candidates) {
        return draw(seed, minutes, candidates, false);
    }

    /** Draws the plan. Candidates are sorted first, so the order they come in does not matter. */
    public static ShiftPlan draw(long seed, int minutes, List<Candidate> candidates, boolean surge) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no scenarios to play");
        }
        Map<String, List<Candidate>> byCategory = new TreeMap<>();
        candidates.stream().sorted(Comparator.comparing(Candidate::id))
                .forEach(c -> byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>()).add(c));
        List<String> categories = new ArrayList<>(byCategory.keySet());
        SplittableRandom random = new SplittableRandom(seed);
        long lengthMs = minutes * 60_000L;
        List<Arrival> arrivals = new ArrayList<>();
        List<String> cycle = new ArrayList<>();
        Map<String, String> lastOf = new TreeMap<>();
        long at = 0;
        for (int no = 0; at < lengthMs - LAST_CALL_MS || no < OPENING_QUEUE; no++) {
            if (cycle.isEmpty()) {
                cycle.addAll(categories);
                if (surge) {
                    for (String c : SURGE_CATEGORIES) if (byCategory.containsKey(c)) cycle.add(c);
                }
                shuffle(cycle, random);
            }
            String category = cycle.remove(0);
            List<Candidate> pool = byCategory.get(category);
            Candidate pick = pool.get(random.nextInt(pool.size()));
            if (pool.size() > 1 && pick.id().equals(lastOf.get(category))) {
                pick = pool.get((pool.indexOf(pick) + 1 + random.nextInt(pool.size() - 1)) % pool.size());
            }
            lastOf.put(category, pick.id());
            arrivals.add(new Arrival(no, at, pick.id(), random.nextLong() & Long.MAX_VALUE));
            if (no + 1 >= OPENING_QUEUE) {
                long gap = MIN_GAP_MS + random.nextLong(MAX_GAP_MS - MIN_GAP_MS + 1);
                boolean peak = surge && at >= lengthMs / 4 && at < lengthMs - lengthMs / 4;
                at += peak ? gap / SURGE_SPEED_UP : gap;
            }
        }
        return new ShiftPlan(arrivals);
    }

    /**
     * Whether the next planned buyer comes in now: when due and fewer than five conversations are open, or
     * early when fewer than two are.
     */
    public static boolean arrives(Arrival next, long elapsedMs, int open) {
        if (next == null || open >= MAX_OPEN) {
            return false;
        }
        return elapsedMs >= next.atMs() || open < MIN_OPEN;
    }

    /**
     * The highest difficulty offered to a trainee: one above the hardest scenario they have passed, at least 2
     * (a newcomer gets 1–2), at most 5.
     */
    public static int level(Integer hardestPassed) {
        int level = hardestPassed == null ? 2 : hardestPassed + 1;
        return Math.max(2, Math.min(5, level));
    }

    /** The candidates up to the level; all of them when that leaves fewer than three scenarios. */
    public static List<Candidate> suited(List<Candidate> all, int level) {
        List<Candidate> suited = all.stream().filter(c -> c.difficulty() <= level).toList();
        return suited.size() >= 3 ? suited : all;
    }

    private static void shuffle(List<String> list, SplittableRandom random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }
}
