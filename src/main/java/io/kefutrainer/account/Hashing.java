package io.kefutrainer.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

/** Runs argon2 off the event loop, on a small pool of its own so a burst of sign-ins cannot starve other blocking work. */
public final class Hashing {
    private final WorkerExecutor workers;

    public Hashing(Vertx vertx) {
        this.workers = vertx.createSharedWorkerExecutor("kt-password-hashing", Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public Future<String> hash(String password) {
        return workers.executeBlocking(() -> Passwords.hash(password), false);
    }

    public Future<Boolean> matches(String password, String hash) {
        return workers.executeBlocking(() -> Passwords.matches(password, hash), false);
    }
}
