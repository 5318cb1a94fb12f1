package io.kefutrainer.cli;

import io.kefutrainer.store.ConfigException;

/** Turns any failure into the one line a user reads: the reason, without a stack trace. */
final class UserErrors {
    private UserErrors() {
    }

    static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConfigException) {
                return oneLine(c.getMessage());
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // Not a user error: name the exception so the report is useful, still on one line.
        String message = root.getMessage() != null ? root.getMessage() : "";
        return oneLine(root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
