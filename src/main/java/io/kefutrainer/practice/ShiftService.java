package io.kefutrainer.practice;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Runs shifts (班次模拟). The server is the clock: a ticker reads the running shifts from the database every
 * second, lets the next planned buyer in when due (see ShiftPlan.arrives), and when the time is up closes the
 * open conversations (PracticeService.timeUp) and then the shift. Nothing of a shift lives only in memory, so
 * a restart, or another instance, carries on where it stood.
 */
public final class ShiftService {
    private static final Logger LOG = Logger.getLogger(ShiftService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    static final long TICK_MS = 1000;

    /** A shift with its buyers so far. */
    public record State(ShiftRow shift, List<ShiftSession> sessions) {
        public long open() {
            return sessions.stream().filter(s -> !s.ended()).count();
        }
    }

    private final Vertx vertx;
    private final ShiftBook store;
    private final PracticeService practice;
    private final Supplier<CatalogSnapshot> catalog;
    private final Supplier<Instant> clock;
    private final AtomicReference<Future<Void>> current = new AtomicReference<>(Future.succeededFuture());
    private long timer = -1;

    public ShiftService(Vertx vertx, ShiftBook store, PracticeService practice, Supplier<CatalogSnapshot> catalog,
                        Supplier<Instant> clock) {
        this.vertx = vertx;
        this.store = store;
        this.practice = practice;
        this.catalog = catalog;
        this.clock = clock;
    }

    public void startTicker() {
        timer = vertx.setPeriodic(TICK_MS, id -> beat());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    // ---- start

    public Future<State> start(long userId, Integer minutes, Long seed, SessionRow.Mode mode) {
        return start(userId, minutes, seed, mode, false);
    }

    public Future<State> start(long userId, Integer minutes, Long seed, SessionRow.Mode mode, boolean surge) {
        int length = minutes == null ? ShiftPlan.DEFAULT_MINUTES : minutes;
        if (length < ShiftPlan.MIN_MINUTES || length > ShiftPlan.MAX_MINUTES) {
            return Future.failedFuture(new Problem(Problem.Kind.invalid,
                    "minutes must be between " + ShiftPlan.MIN_MINUTES + " and " + ShiftPlan.MAX_MINUTES, "minutes"));
        }
        List<ShiftPlan.Candidate> all = candidates(catalog.get());
        if (all.isEmpty()) {
            return Future.failedFuture(new Problem(Problem.Kind.invalid, "there are no scenarios to play", null));
        }
        long actualSeed = seed != null ? seed : RANDOM.nextLong() & Long.MAX_VALUE;
        return store.forUser(userId, 1).compose(latest -> {
            if (!latest.isEmpty() && !latest.get(0).ended()) {
                return Future.failedFuture(alreadyRunning(latest.get(0).id().toString()));
            }
            return store.hardestPassed(userId);
        }).compose(hardest -> {
            int level = ShiftPlan.level(hardest);
            ShiftPlan plan = ShiftPlan.draw(actualSeed, length, ShiftPlan.suited(all, level), surge);
            OffsetDateTime now = now();
            ShiftRow shift = new ShiftRow(UUID.randomUUID(), userId, actualSeed, length, mode, level, now,
                    now.plusMinutes(length), null, plan, surge);
            return store.create(shift).compose(created -> created ? admit(shift, now)
                            // lost a race with a simultaneous start: name the shift that won
                            : store.forUser(userId, 1).compose(latest -> Future.<Void>failedFuture(
                            alreadyRunning(latest.isEmpty() ? "" : latest.get(0).id().toString()))))
                    .compose(x -> state(shift.id()));
        });
    }

    /**
     * The scenarios a shift may draw: buyers arrive and write first, so a scenario the trainee opens (催付, 回访:
     * trainee_first) would show an empty conversation in the queue; those are practised on their own.
     */
    static List<ShiftPlan.Candidate> candidates(io.kefutrainer.scenario.CatalogSnapshot snapshot) {
        List<ShiftPlan.Candidate> all = new ArrayList<>();
        for (var s : snapshot.summaries()) {
            boolean traineeFirst = snapshot.scenario(s.id()).map(io.kefutrainer.scenario.model.Scenario::traineeFirst).orElse(false);
            if (!traineeFirst) all.add(new ShiftPlan.Candidate(s.id(), s.category(), s.difficulty()));
        }
        return all;
    }

    private static Problem alreadyRunning(String id) {
        return new Problem(Problem.Kind.conflict,
                "a shift is already running: hand it over (POST /api/shifts/" + id + "/end) first", null);
    }

    // ---- view

    public Future<State> state(UUID shiftId) {
        return store.shift(shiftId).compose(found -> found.isEmpty()
                ? Future.failedFuture(new Problem(Problem.Kind.not_found, "no such shift", null))
                : store.sessions(shiftId).map(sessions -> new State(found.get(), sessions)));
    }

    public Future<List<ShiftRow>> mine(long userId) {
        return store.forUser(userId, 50);
    }

    // ---- the clock

    /** The ticker's beat: skipped while the previous one is still at work. */
    private void beat() {
        if (current.get().isComplete()) {
            tick();
        }
    }

    /**
     * One pass over the running shifts, after the one in progress (if any) has finished. Public for tests that
     * move a shift's stored times and want the effect now.
     */
    public Future<Void> tick() {
        Promise<Void> done = Promise.promise();
        Future<Void> previous = current.getAndSet(done.future());
        previous.onComplete(x -> pass().onComplete(done));
        return done.future();
    }

    private Future<Void> pass() {
        return store.running().compose(shifts -> {
            Future<Void> chain = Future.succeededFuture();
            for (ShiftRow s : shifts) {
                chain = chain.compose(x -> advance(s).recover(e -> {
                    LOG.fine("shift " + s.id() + " not advanced: " + e.getMessage());
                    return Future.succeededFuture();
                }));
            }
            return chain;
        }).recover(e -> {
            LOG.fine("shifts not read: " + e.getMessage());
            return Future.succeededFuture();
        });
    }

    private Future<Void> advance(ShiftRow shift) {
        OffsetDateTime now = now();
        if (!now.isBefore(shift.endsAt())) {
            return close(shift, shift.endsAt()).mapEmpty();
        }
        return admit(shift, now);
    }

    /** Lets in the buyers that ShiftPlan.arrives admits now, one after the other. */
    private Future<Void> admit(ShiftRow shift, OffsetDateTime now) {
        return store.sessions(shift.id()).compose(sessions -> {
            sessions.stream().filter(s -> !s.ended()).forEach(s -> practice.ensureLive(s.id())
                    .onFailure(e -> LOG.fine("session " + s.id() + " not loaded: " + e.getMessage())));
            int arrived = sessions.size();
            int open = (int) sessions.stream().filter(s -> !s.ended()).count();
            List<ShiftPlan.Arrival> plan = shift.plan().arrivals();
            ShiftPlan.Arrival next = arrived < plan.size() ? plan.get(arrived) : null;
            long elapsed = ChronoUnit.MILLIS.between(shift.startedAt(), now);
            if (!ShiftPlan.arrives(next, elapsed, open)) {
                return Future.succeededFuture();
            }
            // Admitting is idempotent: if this instance's ticker, another instance or the start request let this
            // buyer in first, the next pass sees it stored and moves on to the next arrival.
            return practice.startInShift(shift.userId(), playable(next.scenarioId()), shift.mode(), next.seed(), shift.id(), next.no())
                    .compose(admission -> admission == SessionLog.Admission.shift_closed
                            ? Future.<Void>succeededFuture()
                            : admit(shift, now));
        });
    }

    /** The planned scenario, or when a trainer removed it since, the first one the catalog has. */
    private String playable(String scenarioId) {
        CatalogSnapshot snapshot = catalog.get();
        if (snapshot.scenario(scenarioId).isPresent()) {
            return scenarioId;
        }
        return snapshot.summaries().stream().map(CatalogSnapshot.Summary::id).sorted().findFirst().orElse(scenarioId);
    }

    // ---- the end

    /** Hands the shift over before its time (交班): the open conversations close now. */
    public Future<State> handOver(long userId, UUID shiftId) {
        return store.shift(shiftId).compose(found -> {
            if (found.isEmpty() || found.get().userId() != userId) {
                return Future.failedFuture(new Problem(Problem.Kind.not_found, "no such shift", null));
            }
            ShiftRow shift = found.get();
            if (shift.ended()) {
                return Future.failedFuture(new Problem(Problem.Kind.conflict, "this shift has ended", null));
            }
            OffsetDateTime now = now();
            return close(shift, now.isBefore(shift.endsAt()) ? now : shift.endsAt());
        }).compose(x -> state(shiftId));
    }

    /**
     * Closes every open conversation of the shift, then the shift itself, then any conversation a concurrent
     * admitter stored in between (once the shift row is closed no buyer can be let in: see
     * SessionLog.createInShift). True when this call closed the shift.
     */
    private Future<Boolean> close(ShiftRow shift, OffsetDateTime at) {
        return timeUpOpen(shift.id())
                .compose(x -> store.close(shift.id(), at))
                .compose(closed -> timeUpOpen(shift.id()).map(closed));
    }

    private Future<Void> timeUpOpen(UUID shiftId) {
        return store.sessions(shiftId).compose(sessions -> {
            Future<Void> chain = Future.succeededFuture();
            for (ShiftSession s : sessions) {
                if (!s.ended()) {
                    chain = chain.compose(x -> practice.timeUp(s.id()));
                }
            }
            return chain;
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.get(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
