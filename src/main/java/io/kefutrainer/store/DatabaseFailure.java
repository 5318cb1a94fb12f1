package io.kefutrainer.store;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.TransactionRollbackException;

import java.net.ConnectException;
import java.net.SocketException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * What a failure from the database means for the request that met it. Only an outage is "unavailable" (503, try
 * again later); a value PostgreSQL cannot store is the request's fault (400); anything else PostgreSQL refuses, a
 * unique or foreign-key violation above all, is a bug in our code and must be reported as one (500), never
 * hidden as an outage.
 */
public enum DatabaseFailure {
    /** Not a database failure at all. */
    none,
    /** The database cannot be reached or is overloaded: connection refused or closed, pool exhausted, shutdown. */
    unavailable,
    /** PostgreSQL's class 22 (data exception): a NUL character, a number out of range: the request's value. */
    bad_value,
    /** Anything else PostgreSQL refused (integrity violations, syntax, undefined objects): our bug. */
    bug;

    /**
     * SQLSTATEs that mean "the server is there but cannot serve now": connection exceptions (class 08), too many
     * connections and other resource limits (class 53), shutdown and cancellation (57P01–57P03, 57014), and
     * serialization failures or deadlocks that reached the caller after any retries (40001, 40P01).
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03", "57014");

    public static DatabaseFailure of(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            DatabaseFailure kind = one(c);
            if (kind != none) {
                return kind;
            }
        }
        return none;
    }

    /**
     * The connection died under the statement (closed, reset, or its backend terminated: 57P01, class 08), as
     * opposed to an overloaded pool or a timeout. Only then is an immediate retry on a fresh connection sensible;
     * retrying an overload makes it worse.
     */
    public static boolean connectionLost(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (lost(c)) {
                return true;
            }
        }
        return false;
    }

    /** One link of the cause chain: a connection that was open and died (a refused new one is not "lost"). */
    private static boolean lost(Throwable c) {
        if (c instanceof PgException pg) {
            return state(pg).startsWith("08") || state(pg).equals("57P01");
        }
        return c instanceof ClosedConnectionException
                || c instanceof java.nio.channels.ClosedChannelException // a write to a socket already closed (Netty)
                || (c instanceof SocketException && !(c instanceof ConnectException))
                // a write to a backend that was terminated a moment ago: the JDK's (and Netty's native) plain
                // IOException, "Broken pipe" or "Connection reset by peer", not a SocketException
                || (c instanceof java.io.IOException && (message(c).contains("broken pipe") || message(c).contains("connection reset")))
                // the pool's connection already marked closed when the statement is written to it (a race with the
                // backend's termination seen on a loaded CI machine): "Connection is not active now, current status: CLOSED"
                || (c instanceof VertxException && (message(c).contains("connection is closed")
                        || message(c).contains("connection is not active")));
    }

    private static String state(PgException pg) {
        return pg.getSqlState() == null ? "" : pg.getSqlState();
    }

    private static String message(Throwable c) {
        return String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
    }

    private static DatabaseFailure one(Throwable c) {
        if (c instanceof PgException pg) {
            String state = state(pg);
            if (state.startsWith("08") || state.startsWith("53") || TRANSIENT_STATES.contains(state)) {
                return unavailable;
            }
            return state.startsWith("22") ? bad_value : bug;
        }
        // every lost connection is an outage; so is a refused one (ConnectException), a failed transaction or a timeout
        if (lost(c) || c instanceof SocketException || c instanceof TransactionRollbackException || c instanceof TimeoutException) {
            return unavailable;
        }
        if (c instanceof VertxException) {
            // the pool's own refusals carry no type of their own: "Connection pool reached max wait queue size",
            // "Timeout" waiting for a connection, "Connection is closed"/"Pool closed"
            String m = message(c);
            if (m.contains("closed") || m.contains("wait queue") || m.contains("timeout") || m.contains("timed out")
                    || m.contains("connection refused")) {
                return unavailable;
            }
        }
        return none;
    }
}
