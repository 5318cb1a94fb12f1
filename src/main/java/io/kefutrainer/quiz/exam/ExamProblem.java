package io.kefutrainer.quiz.exam;

/** Why an exam request is refused; the web layer maps the kind to a status. */
public final class ExamProblem extends RuntimeException {

    public enum Kind { notFound, invalid, closed, noAttemptsLeft, forbidden }

    private final Kind kind;
    private final String field;

    public ExamProblem(Kind kind, String message) {
        this(kind, message, null);
    }

    public ExamProblem(Kind kind, String message, String field) {
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
