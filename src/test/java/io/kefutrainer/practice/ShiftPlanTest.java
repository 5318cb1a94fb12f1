package io.kefutrainer.practice;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShiftPlanTest {

    static final List<ShiftPlan.Candidate> CANDIDATES = List.of(
            new ShiftPlan.Candidate("size-a", "size", 1), new ShiftPlan.Candidate("size-b", "size", 2),
            new ShiftPlan.Candidate("size-c", "size", 4), new ShiftPlan.Candidate("log-a", "logistics", 2),
            new ShiftPlan.Candidate("log-b", "logistics", 3), new ShiftPlan.Candidate("bar-a", "bargaining", 1),
            new ShiftPlan.Candidate("after-a", "after_sales", 2), new ShiftPlan.Candidate("after-b", "after_sales", 5));

    @Test
    @DisplayName("the same seed gives the same plan, whatever order the scenarios come in; another seed another plan")
    void reproducible() {
        List<ShiftPlan.Candidate> reversed = new ArrayList<>(CANDIDATES);
        java.util.Collections.reverse(reversed);
        assertEquals(ShiftPlan.draw(42, 15, CANDIDATES), ShiftPlan.draw(42, 15, reversed));
        assertNotEquals(ShiftPlan.draw(42, 15, CANDIDATES), ShiftPlan.draw(43, 15, CANDIDATES));
    }

    @Test
    @DisplayName("two buyers wait at the start, the others follow 15–45 s apart until 10 s before the end, mixing categories")
    void arrivals() {
        ShiftPlan plan = ShiftPlan.draw(7, 15, CANDIDATES);
        List<ShiftPlan.Arrival> a = plan.arrivals();
        assertEquals(0, a.get(0).atMs());
        assertEquals(0, a.get(1).atMs());
        for (int i = 2; i < a.size(); i++) {
            long gap = a.get(i).atMs() - a.get(i - 1).atMs();
            assertTrue(gap >= 15_000 && gap <= 45_000, "gap " + gap);
            assertTrue(a.get(i).atMs() < 15 * 60_000 - 10_000);
        }
        assertTrue(a.size() >= 15 && a.size() <= 60, "a 15-minute shift has " + a.size() + " buyers");
        // categories cycle: every window of 4 consecutive buyers has 4 different categories
        for (int i = 0; i + 4 <= a.size(); i += 4) {
            Set<String> cats = new HashSet<>();
            for (int j = i; j < i + 4; j++) {
                cats.add(category(a.get(j).scenarioId()));
            }
            assertEquals(4, cats.size(), "buyers " + i + "–" + (i + 3));
        }
        assertNotEquals(category(a.get(0).scenarioId()), category(a.get(1).scenarioId()));
        // a one-minute shift: the opening queue and one or two more
        int small = ShiftPlan.draw(7, 1, CANDIDATES).arrivals().size();
        assertTrue(small >= 2 && small <= 4, "one minute: " + small);
    }

    @Test
    @DisplayName("difficulty suits the trainee: newcomers get 1–2, one above the hardest passed later")
    void level() {
        assertEquals(2, ShiftPlan.level(null));
        assertEquals(2, ShiftPlan.level(1));
        assertEquals(4, ShiftPlan.level(3));
        assertEquals(5, ShiftPlan.level(5));
        List<ShiftPlan.Candidate> suited = ShiftPlan.suited(CANDIDATES, 2);
        assertTrue(suited.stream().allMatch(c -> c.difficulty() <= 2));
        assertEquals(5, suited.size());
        assertTrue(ShiftPlan.draw(3, 15, suited).arrivals().stream().noneMatch(x -> x.scenarioId().equals("after-b")));
    }

    @Test
    @DisplayName("a seeded 15-minute shift keeps 2–5 conversations open at once, whatever pace the trainee has")
    void overlap() {
        for (long seed = 1; seed <= 20; seed++) {
            for (int paceS : new int[]{40, 120, 400}) {
                ShiftPlan plan = ShiftPlan.draw(seed, 15, CANDIDATES);
                SplittableRandom trainee = new SplittableRandom(seed * 31 + paceS);
                List<Long> endsAt = new ArrayList<>(); // per arrived buyer: when the conversation ends (ms)
                int maxOpen = 0;
                int minOpen = Integer.MAX_VALUE;
                for (long t = 0; t < 15 * 60_000L; t += 1000) {
                    final long now = t;
                    int open = (int) endsAt.stream().filter(e -> e > now).count();
                    while (true) {
                        ShiftPlan.Arrival next = endsAt.size() < plan.arrivals().size() ? plan.arrivals().get(endsAt.size()) : null;
                        if (!ShiftPlan.arrives(next, t, open)) {
                            break;
                        }
                        endsAt.add(t + 1000L * (paceS / 2 + trainee.nextInt(paceS)));
                        open++;
                    }
                    boolean planLeft = endsAt.size() < plan.arrivals().size();
                    if (planLeft) {
                        minOpen = Math.min(minOpen, open);
                    }
                    maxOpen = Math.max(maxOpen, open);
                }
                assertTrue(maxOpen <= 5, "seed " + seed + " pace " + paceS + ": " + maxOpen + " open");
                assertTrue(minOpen >= 2, "seed " + seed + " pace " + paceS + ": " + minOpen + " open");
                if (paceS >= 120) {
                    assertTrue(maxOpen >= 3, "a slow trainee sees buyers pile up: " + maxOpen);
                }
            }
        }
        assertFalse(ShiftPlan.arrives(new ShiftPlan.Arrival(3, 60_000, "x", 1), 59_000, 2), "not due, two open");
        assertTrue(ShiftPlan.arrives(new ShiftPlan.Arrival(3, 60_000, "x", 1), 59_000, 1), "early: fewer than two open");
        assertFalse(ShiftPlan.arrives(new ShiftPlan.Arrival(3, 60_000, "x", 1), 61_000, 5), "due but five are open: queued");
    }

    private static String category(String id) {
        return CANDIDATES.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().category();
    }

    @Test
    @DisplayName("a 大促 surge shift: more buyers, three times as fast in its middle half, more 售前/大促/物流 questions")
    void surge() {
        List<ShiftPlan.Candidate> withPromotion = new ArrayList<>(CANDIDATES);
        withPromotion.add(new ShiftPlan.Candidate("promo-a", "promotion", 2));
        withPromotion.add(new ShiftPlan.Candidate("pre-a", "presale", 1));
        int normalTotal = 0;
        int surgeTotal = 0;
        int normalPeak = 0;
        int surgePeak = 0;
        for (long seed = 1; seed <= 20; seed++) {
            ShiftPlan normal = ShiftPlan.draw(seed, 20, withPromotion, false);
            ShiftPlan surge = ShiftPlan.draw(seed, 20, withPromotion, true);
            normalTotal += normal.arrivals().size();
            surgeTotal += surge.arrivals().size();
            normalPeak += share(normal, withPromotion);
            surgePeak += share(surge, withPromotion);
            // the peak: minutes 5-15 of 20 hold at least twice the buyers of the same minutes in an ordinary shift
            assertTrue(between(surge, 5, 15) >= 2 * between(normal, 5, 15), "seed " + seed);
            assertTrue(surge.arrivals().get(surge.arrivals().size() - 1).atMs() < 20 * 60_000L - ShiftPlan.LAST_CALL_MS);
        }
        assertTrue(surgeTotal > normalTotal * 3 / 2, surgeTotal + " vs " + normalTotal);
        assertTrue(surgePeak * normalTotal > normalPeak * surgeTotal, "surge shifts ask more 售前/大促/物流 questions");
    }

    private static int between(ShiftPlan plan, int fromMinute, int toMinute) {
        return (int) plan.arrivals().stream().filter(a -> a.atMs() >= fromMinute * 60_000L && a.atMs() < toMinute * 60_000L).count();
    }

    private static int share(ShiftPlan plan, List<ShiftPlan.Candidate> candidates) {
        int n = 0;
        for (ShiftPlan.Arrival a : plan.arrivals()) {
            String category = candidates.stream().filter(c -> c.id().equals(a.scenarioId())).findFirst().orElseThrow().category();
            if (ShiftPlan.SURGE_CATEGORIES.contains(category)) n++;
        }
        return n;
    }

    @Test
    @DisplayName("a shift's buyers write first: scenarios the trainee opens (trainee_first: 催付, 回访) are not drawn")
    void shiftsDrawOnlyBuyerFirstScenarios() {
        var snapshot = io.kefutrainer.scenario.ScenarioCatalog.load(java.nio.file.Path.of("scenarios"));
        List<ShiftPlan.Candidate> candidates = ShiftService.candidates(snapshot);
        long traineeFirst = snapshot.scenarios().values().stream().filter(io.kefutrainer.scenario.model.Scenario::traineeFirst).count();
        assertTrue(traineeFirst >= 1, "the content has trainee-first scenarios to leave out");
        assertTrue(candidates.size() >= 30);
        for (ShiftPlan.Candidate c : candidates) {
            assertFalse(snapshot.scenario(c.id()).orElseThrow().traineeFirst(), c.id());
        }
    }
}
