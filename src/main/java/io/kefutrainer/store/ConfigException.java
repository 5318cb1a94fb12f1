package io.kefutrainer.store;

/** A configuration or environment problem the user can fix; the CLI prints its message as one line. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
