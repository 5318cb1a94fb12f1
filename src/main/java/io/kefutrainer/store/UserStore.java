package io.kefutrainer.store;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.account.Accounts;
import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Users and their password hashes. Hashing itself happens in the caller, on a worker thread. Its records
 * ({@link Accounts.NewUser}, {@link Accounts.Credentials}) belong to the account port; UserStore.NewUser still names them.
 */
public final class UserStore implements Accounts {

    private static final String COLUMNS = "id, username, display_name, role, disabled, created_at";

    private final Pool pool;

    public UserStore(Pool pool) {
        this.pool = pool;
    }

    public Future<Optional<User>> byId(long id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toUser(rows.iterator().next())));
    }

    @Override
    public Future<Optional<Credentials>> credentials(String username) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", password_hash FROM users WHERE lower(username) = lower($1)")
                .execute(Tuple.of(username))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Credentials(toUser(row), row.getString("password_hash")));
                });
    }

    public Future<List<User>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM users ORDER BY role, username").execute()
                .map(rows -> {
                    List<User> users = new ArrayList<>();
                    rows.forEach(r -> users.add(toUser(r)));
                    return users;
                });
    }

    @Override
    public Future<Integer> count() {
        return pool.query("SELECT count(*) FROM users").execute()
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /** Inserts and returns the user, or an empty result when the username is taken. */
    @Override
    public Future<Optional<User>> create(NewUser user) {
        return create(pool, user);
    }

    Future<Optional<User>> create(SqlClient client, NewUser user) {
        return client.preparedQuery("INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $2, $3, $4)"
                        + " ON CONFLICT DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(user.username(), user.displayName(), user.role().name(), user.passwordHash()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toUser(rows.iterator().next())));
    }

    /**
     * Creates every user in one transaction and adds them to the cohort: a trainee list imports whole or
     * not at all. Fails with a conflict {@link Problem} naming the first username that is taken.
     */
    public Future<List<User>> createAll(List<NewUser> users, Long cohortId) {
        return pool.withTransaction(tx -> {
            Future<List<User>> chain = Future.succeededFuture(new ArrayList<>());
            for (NewUser u : users) {
                chain = chain.compose(created -> create(tx, u).compose(result -> {
                    if (result.isEmpty()) {
                        return Future.failedFuture(Problem.conflict("用户名 " + u.username() + " 已存在"));
                    }
                    created.add(result.get());
                    if (cohortId == null) {
                        return Future.succeededFuture(created);
                    }
                    return tx.preparedQuery("INSERT INTO cohort_members (cohort_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                            .execute(Tuple.of(cohortId, result.get().id())).map(created);
                }));
            }
            return chain;
        });
    }

    /** Disabling also ends the user's sessions and API tokens at once. */
    public Future<Boolean> setDisabled(long id, boolean disabled) {
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE users SET disabled = $2 WHERE id = $1")
                .execute(Tuple.of(id, disabled))
                .compose(updated -> {
                    if (updated.rowCount() == 0 || !disabled) {
                        return Future.succeededFuture(updated.rowCount() > 0);
                    }
                    return tx.preparedQuery("DELETE FROM http_sessions WHERE user_id = $1").execute(Tuple.of(id))
                            .compose(x -> tx.preparedQuery("DELETE FROM api_tokens WHERE user_id = $1").execute(Tuple.of(id)))
                            .map(true);
                }));
    }

    public Future<Boolean> setPasswordHash(long id, String hash) {
        return pool.preparedQuery("UPDATE users SET password_hash = $2 WHERE id = $1")
                .execute(Tuple.of(id, hash)).map(r -> r.rowCount() > 0);
    }

    static User toUser(Row row) {
        return new User(row.getLong("id"), row.getString("username"), row.getString("display_name"),
                Role.valueOf(row.getString("role")), row.getBoolean("disabled"),
                row.get(OffsetDateTime.class, "created_at"));
    }
}
