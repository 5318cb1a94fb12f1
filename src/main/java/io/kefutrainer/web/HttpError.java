package io.kefutrainer.web;

/**
 * A request the server refuses, with the status and a reason for the caller. Thrown or passed to
 * ctx.fail(..); {@link ErrorHandler} turns it into a JSON body or an error page.
 */
public final class HttpError extends RuntimeException {
    private final int status;
    private final String field;

    public HttpError(int status, String message) {
        this(status, message, null);
    }

    public HttpError(int status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }

    public static HttpError badRequest(String message, String field) {
        return new HttpError(400, message, field);
    }
}
