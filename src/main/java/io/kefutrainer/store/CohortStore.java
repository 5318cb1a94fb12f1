package io.kefutrainer.store;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.account.Cohort;
import io.kefutrainer.account.Cohorts;
import io.kefutrainer.account.User;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** 批次 and their members. */
public final class CohortStore implements Cohorts {

    private final Pool pool;

    public CohortStore(Pool pool) {
        this.pool = pool;
    }

    public Future<List<Cohort>> list() {
        return pool.query("""
                        SELECT c.id, c.name, c.description,
                               count(*) FILTER (WHERE u.role = 'trainee') AS trainees,
                               count(*) FILTER (WHERE u.role IN ('trainer', 'manager')) AS staff
                        FROM cohorts c
                        LEFT JOIN cohort_members m ON m.cohort_id = c.id
                        LEFT JOIN users u ON u.id = m.user_id
                        GROUP BY c.id ORDER BY c.created_at, c.id""").execute()
                .map(rows -> {
                    List<Cohort> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Cohort(r.getLong("id"), r.getString("name"), r.getString("description"),
                            r.getInteger("trainees"), r.getInteger("staff"))));
                    return list;
                });
    }

    public Future<Optional<Cohort>> byName(String name) {
        return list().map(all -> all.stream().filter(c -> c.name().equals(name)).findFirst());
    }

    /** Creates the cohort, or returns the existing one of that name (the demo seed relies on this). */
    @Override
    public Future<Long> ensure(String name, String description) {
        return pool.preparedQuery("""
                        INSERT INTO cohorts (name, description) VALUES ($1, $2)
                        ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id""")
                .execute(Tuple.of(name, description))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Inserts a new cohort; fails with a conflict Problem when the name is taken. */
    public Future<Long> create(String name, String description) {
        return pool.preparedQuery("INSERT INTO cohorts (name, description) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id")
                .execute(Tuple.of(name, description))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(Problem.conflict("批次 " + name + " 已存在"))
                        : Future.succeededFuture(rows.iterator().next().getLong(0)));
    }

    @Override
    public Future<Void> addMember(long cohortId, long userId) {
        return pool.preparedQuery("INSERT INTO cohort_members (cohort_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(cohortId, userId)).mapEmpty();
    }

    public Future<Void> removeMember(long cohortId, long userId) {
        return pool.preparedQuery("DELETE FROM cohort_members WHERE cohort_id = $1 AND user_id = $2")
                .execute(Tuple.of(cohortId, userId)).mapEmpty();
    }

    public Future<List<User>> members(long cohortId) {
        return pool.preparedQuery("""
                        SELECT u.id, u.username, u.display_name, u.role, u.disabled, u.created_at
                        FROM cohort_members m JOIN users u ON u.id = m.user_id
                        WHERE m.cohort_id = $1 ORDER BY u.role, u.username""")
                .execute(Tuple.of(cohortId))
                .map(rows -> {
                    List<User> users = new ArrayList<>();
                    rows.forEach(r -> users.add(UserStore.toUser(r)));
                    return users;
                });
    }

    /** Cohort names per user id, for the user list. */
    public Future<Map<Long, List<String>>> namesByUser() {
        return pool.query("SELECT m.user_id, c.name FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id ORDER BY c.name")
                .execute()
                .map(rows -> {
                    Map<Long, List<String>> map = new HashMap<>();
                    rows.forEach(r -> map.computeIfAbsent(r.getLong(0), k -> new ArrayList<>()).add(r.getString(1)));
                    return map;
                });
    }

    /** The cohorts a user belongs to (a trainee's own, a trainer's or manager's to run). */
    @Override
    public Future<List<Cohort>> forMember(long userId) {
        return list().compose(all -> pool.preparedQuery("SELECT cohort_id FROM cohort_members WHERE user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    java.util.Set<Long> ids = new java.util.HashSet<>();
                    rows.forEach(r -> ids.add(r.getLong(0)));
                    return all.stream().filter(c -> ids.contains(c.id())).toList();
                }));
    }

    @Override
    public Future<Optional<Cohort>> byId(long id) {
        return list().map(all -> all.stream().filter(c -> c.id() == id).findFirst());
    }

    /** True when `staffId` is a member (trainer or manager) of a cohort that has `traineeId` as a member. */
    @Override
    public Future<Boolean> sharesCohort(long staffId, long traineeId) {
        return pool.preparedQuery("""
                        SELECT 1 FROM cohort_members a JOIN cohort_members b ON a.cohort_id = b.cohort_id
                        WHERE a.user_id = $1 AND b.user_id = $2 LIMIT 1""")
                .execute(Tuple.of(staffId, traineeId))
                .map(rows -> rows.size() > 0);
    }
}
