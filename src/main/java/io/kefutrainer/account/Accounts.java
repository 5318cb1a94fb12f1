package io.kefutrainer.account;

import io.vertx.core.Future;

import java.util.Optional;

/** Where user accounts are kept (store.UserStore): what account setup and sign-in need of it. */
public interface Accounts {

    /** A user with the stored hash, only for the sign-in check. */
    record Credentials(User user, String passwordHash) {
    }

    /** A new account to insert; passwordHash is already hashed. */
    record NewUser(String username, String displayName, Role role, String passwordHash) {
    }

    Future<Integer> count();

    Future<Optional<Credentials>> credentials(String username);

    /** Inserts and returns the user, or an empty result when the username is taken. */
    Future<Optional<User>> create(NewUser user);
}
