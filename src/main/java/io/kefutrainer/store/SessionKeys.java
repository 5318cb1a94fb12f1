package io.kefutrainer.store;

/** Keys of what a browser session holds; the session table indexes the user id for sign-out everywhere. */
public final class SessionKeys {
    public static final String USER_ID = "uid";
    public static final String CSRF = "csrf";

    private SessionKeys() {
    }
}
