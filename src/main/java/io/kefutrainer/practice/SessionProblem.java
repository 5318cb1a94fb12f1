package io.kefutrainer.practice;

/** A request about a session that cannot be served; the web layer maps the kind to 404, 409 or 400. */
public final class SessionProblem extends RuntimeException {
    public enum Kind { not_found, ended, invalid }

    private final Kind kind;
    private final String field;

    public SessionProblem(Kind kind, String message, String field) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }
}
