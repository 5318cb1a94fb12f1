package io.kefutrainer.yaml;

import java.nio.file.Path;
import java.util.Comparator;

/** One validation message about a content file, printed as `path:line:col: error|warning: message`. */
public record Diagnostic(Path file, Position position, Severity severity, String message) {

    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.file().toString())
            .thenComparing(Diagnostic::position)
            .thenComparing(Diagnostic::severity)
            .thenComparing(Diagnostic::message);

    public static Diagnostic error(Path file, Position position, String message) {
        return new Diagnostic(file, position, Severity.error, message);
    }

    public static Diagnostic warning(Path file, Position position, String message) {
        return new Diagnostic(file, position, Severity.warning, message);
    }

    public boolean isError() {
        return severity == Severity.error;
    }

    public String format() {
        return file + ":" + position.line() + ":" + position.column() + ": " + severity + ": " + message;
    }
}
