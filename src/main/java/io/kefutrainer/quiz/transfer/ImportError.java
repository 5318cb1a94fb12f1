package io.kefutrainer.quiz.transfer;

/** A problem in one question; `offset` is where in the question's block it was found. */
final class ImportError extends Exception {
    final int offset;

    ImportError(int offset, String message) {
        super(message, null, false, false);
        this.offset = offset;
    }
}
