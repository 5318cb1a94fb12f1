package io.kefutrainer.problem;

/**
 * A request the domain refuses, with a reason the user can read. One type for every capability (sessions, shifts,
 * exams, accounts, appeals, stored names), mapped to an HTTP status once, in {@code web.ErrorHandler}; the domain
 * never speaks HTTP. No stack trace: it is an answer, not a bug.
 */
public final class Problem extends RuntimeException {

    /** What kind of refusal; the web layer's only mapping is 404 / 409 / 400 / 403. */
    public enum Kind {
        /** the thing asked about does not exist (or is not the caller's to see) */
        not_found,
        /** the request clashes with the state: an ended session, a closed exam, a taken name, no attempts left */
        conflict,
        /** the request itself is malformed or out of range; {@link #field()} names the culprit when known */
        invalid,
        /** the caller may not do this */
        forbidden
    }

    private final Kind kind;
    private final String field;

    public Problem(Kind kind, String message, String field) {
        super(message, null, false, false);
        this.kind = kind;
        this.field = field;
    }

    public Problem(Kind kind, String message) {
        this(kind, message, null);
    }

    public static Problem notFound(String message) {
        return new Problem(Kind.not_found, message);
    }

    public static Problem conflict(String message) {
        return new Problem(Kind.conflict, message);
    }

    public static Problem invalid(String message, String field) {
        return new Problem(Kind.invalid, message, field);
    }

    public static Problem forbidden(String message) {
        return new Problem(Kind.forbidden, message);
    }

    public Kind kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public boolean is(Kind k) {
        return kind == k;
    }
}
