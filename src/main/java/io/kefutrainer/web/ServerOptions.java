package io.kefutrainer.web;

import java.nio.file.Path;

/**
 * How the HTTP server runs.
 *
 * @param port          TCP port (0 = any free port, used by tests)
 * @param demo          seed demo accounts and show the 演示模式 banner
 * @param scenariosDir  trainer content directory
 * @param secureCookies mark cookies Secure (set when served over HTTPS, e.g. behind a TLS proxy)
 * @param demoHistory   give the demo trainees two weeks of past sessions (serve --demo; tests leave it off)
 * @param instances     HTTP verticle instances, one event loop each (serve --instances; default: available processors)
 * @param closingWait   how long a session waits for the trainee's closing reply once the buyer's part is over
 *                      (PracticeService.CLOSING_TIMEOUT; tests shorten it)
 * @param dbConnections the most database connections the server's pool opens (serve --db-connections; default
 *                      {@link #defaultDbConnections(int)})
 */
public record ServerOptions(int port, boolean demo, Path scenariosDir, boolean secureCookies, boolean demoHistory,
                            int instances, java.time.Duration closingWait, int dbConnections) {

    public ServerOptions {
        if (instances < 1) {
            throw new IllegalArgumentException("instances must be at least 1");
        }
        if (dbConnections < 1) {
            throw new IllegalArgumentException("dbConnections must be at least 1");
        }
        if (closingWait == null || closingWait.isNegative()) {
            throw new IllegalArgumentException("closingWait must be a duration of zero or more");
        }
    }

    public ServerOptions(int port, boolean demo, Path scenariosDir, boolean secureCookies, boolean demoHistory,
                         int instances) {
        this(port, demo, scenariosDir, secureCookies, demoHistory, instances,
                io.kefutrainer.practice.PracticeService.CLOSING_TIMEOUT, defaultDbConnections(instances));
    }

    /** The same options with another wait for the closing reply. */
    public ServerOptions withClosingWait(java.time.Duration wait) {
        return new ServerOptions(port, demo, scenariosDir, secureCookies, demoHistory, instances, wait, dbConnections);
    }

    public ServerOptions(int port, boolean demo, Path scenariosDir, boolean secureCookies, boolean demoHistory) {
        this(port, demo, scenariosDir, secureCookies, demoHistory, defaultInstances());
    }

    public ServerOptions(int port, boolean demo, Path scenariosDir, boolean secureCookies) {
        this(port, demo, scenariosDir, secureCookies, false);
    }

    /** The same options with another size of the database pool. */
    public ServerOptions withDbConnections(int connections) {
        return new ServerOptions(port, demo, scenariosDir, secureCookies, demoHistory, instances, closingWait, connections);
    }

    /**
     * Two database connections per HTTP event loop, and at least four. Replies that wait for a connection are stored
     * together (group commit), so a few connections carry the load in larger transactions; more connections only add
     * PostgreSQL backends competing for the same cores, and each one must be opened again after the database drops
     * them (measured in README, Operations: 16 connections served fewer replies than 4 on a 2-core machine and took
     * three times as long to recover from a cut).
     */
    public static int defaultDbConnections(int instances) {
        return Math.max(4, 2 * instances);
    }

    /** One HTTP event loop per core the JVM may use. */
    public static int defaultInstances() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
