package io.kefutrainer.practice;

import io.vertx.core.Future;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where shifts are kept, as the shift clock needs them (see store.ShiftStore; the shift report reads its own way). */
public interface ShiftBook {

    /** Stores a new shift; false when the trainee already has one running (two simultaneous starts cannot both win). */
    Future<Boolean> create(ShiftRow shift);

    Future<Optional<ShiftRow>> shift(UUID id);

    /** The user's shifts, newest first. */
    Future<List<ShiftRow>> forUser(long userId, int limit);

    /** Shifts not closed yet (the ticker's work list). */
    Future<List<ShiftRow>> running();

    /** Marks the shift closed; false when it already was. */
    Future<Boolean> close(UUID id, OffsetDateTime at);

    /** The shift's buyers so far, in arrival order. */
    Future<List<ShiftSession>> sessions(UUID shiftId);

    /** The hardest scenario difficulty the user has passed, or null (for ShiftPlan.level). */
    Future<Integer> hardestPassed(long userId);
}
