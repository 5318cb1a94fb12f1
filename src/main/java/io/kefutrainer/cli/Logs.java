package io.kefutrainer.cli;

/** One-line log records: Vert.x logs through java.util.logging, Flyway and embedded PostgreSQL through SLF4J. */
final class Logs {
    private Logs() {
    }

    static void configure() {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd HH:mm:ss");
        System.setProperty("vertx.disableDnsResolver", "true");
    }
}
