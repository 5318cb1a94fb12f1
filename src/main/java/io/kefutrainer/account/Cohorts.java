package io.kefutrainer.account;

import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/** Where 批次 and their members are kept (store.CohortStore): what the services ask of it. */
public interface Cohorts {

    /** Creates the cohort, or returns the existing one of that name (the demo seed relies on this). */
    Future<Long> ensure(String name, String description);

    Future<Void> addMember(long cohortId, long userId);

    Future<Optional<Cohort>> byId(long id);

    /** The cohorts a user belongs to (a trainee's own, a trainer's or manager's to run). */
    Future<List<Cohort>> forMember(long userId);

    /** True when `staffId` is a member (trainer or manager) of a cohort that has `traineeId` as a member. */
    Future<Boolean> sharesCohort(long staffId, long traineeId);
}
