package io.kefutrainer.web;

import io.kefutrainer.account.Hashing;

import io.kefutrainer.account.User;
import io.kefutrainer.store.LoginThrottle;
import io.kefutrainer.store.UserStore;
import io.vertx.core.Future;

/** The password check shared by the sign-in form and the token API, with throttling applied to both. */
public final class SignIn {

    public sealed interface Outcome permits Accepted, Rejected, Throttled, Disabled {
    }

    public record Accepted(User user) implements Outcome {
    }

    /** Wrong username or password; attemptsLeft more failures are allowed before the lock-out. */
    public record Rejected(int attemptsLeft) implements Outcome {
    }

    public record Throttled(long retryAfterSeconds) implements Outcome {
    }

    public record Disabled() implements Outcome {
    }

    private final UserStore users;
    private final LoginThrottle throttle;
    private final Hashing hashing;

    public SignIn(UserStore users, LoginThrottle throttle, Hashing hashing) {
        this.users = users;
        this.throttle = throttle;
        this.hashing = hashing;
    }

    public Future<Outcome> attempt(String username, String password, String address) {
        String userKey = LoginThrottle.userKey(username);
        String addressKey = LoginThrottle.addressKey(address);
        return throttle.retryAfter(userKey, addressKey).compose(wait -> {
            if (wait > 0) {
                return Future.succeededFuture(new Throttled(wait));
            }
            return users.credentials(username == null ? "" : username.trim()).compose(found ->
                    // An unknown user is checked against a dummy hash so both cases take as long.
                    hashing.matches(password, found.map(UserStore.Credentials::passwordHash).orElse(null)).compose(ok -> {
                        if (!ok || found.isEmpty()) {
                            return throttle.recordFailure(userKey, addressKey).map(left -> (Outcome) new Rejected(left));
                        }
                        User user = found.get().user();
                        if (user.disabled()) {
                            return Future.succeededFuture(new Disabled());
                        }
                        return throttle.reset(userKey).map(x -> (Outcome) new Accepted(user));
                    }));
        });
    }
}
