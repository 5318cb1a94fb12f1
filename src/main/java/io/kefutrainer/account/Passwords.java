package io.kefutrainer.account;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.security.SecureRandom;

/**
 * argon2id with OWASP's minimum parameters (19 MiB, 2 iterations, 1 lane). Hashing costs tens of
 * milliseconds on purpose: callers run it on a worker thread, never on the event loop.
 */
public final class Passwords {

    private static final Argon2PasswordEncoder ENCODER = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    private static final SecureRandom RANDOM = new SecureRandom();
    // Letters and digits that cannot be mistaken for each other when read aloud or copied from paper.
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    /** Compared against when the user does not exist, so a wrong name costs as long as a wrong password. */
    private static final String DUMMY_HASH = ENCODER.encode("kefu-trainer-dummy-password");

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private Passwords() {
    }

    public static String hash(String password) {
        return ENCODER.encode(password);
    }

    public static boolean matches(String password, String hash) {
        if (password == null || password.length() > MAX_LENGTH) {
            return false;
        }
        return ENCODER.matches(password, hash == null ? DUMMY_HASH : hash);
    }

    /** A random password for new accounts and the first admin. */
    public static String generate() {
        StringBuilder sb = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** Null when acceptable, else the reason in Chinese for the form. */
    public static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "密码至少 " + MIN_LENGTH + " 位";
        }
        if (password.length() > MAX_LENGTH) {
            return "密码最多 " + MAX_LENGTH + " 位";
        }
        return null;
    }
}
