package io.kefutrainer.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** Each trainee's quick phrases (快捷短语), stored as one ordered list per user. */
public final class QuickPhraseStore {

    private final Pool pool;

    public QuickPhraseStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * The user's phrases. A user who has none yet gets the defaults, stored on the spot so that later edits
     * start from what was shown; a second caller racing the first keeps whichever row won.
     */
    public Future<List<String>> phrases(long userId, Supplier<List<String>> defaults) {
        return pool.preparedQuery("SELECT phrases FROM quick_phrases WHERE user_id = $1").execute(Tuple.of(userId))
                .compose(rows -> {
                    if (rows.size() > 0) {
                        return Future.succeededFuture(toList(rows.iterator().next().getArrayOfStrings(0)));
                    }
                    String[] seed = defaults.get().toArray(String[]::new);
                    return pool.preparedQuery("INSERT INTO quick_phrases (user_id, phrases) VALUES ($1, $2)"
                                    + " ON CONFLICT (user_id) DO UPDATE SET user_id = EXCLUDED.user_id"
                                    + " RETURNING phrases")
                            .execute(Tuple.of(userId).addArrayOfString(seed))
                            .map(inserted -> toList(inserted.iterator().next().getArrayOfStrings(0)));
                });
    }

    public Future<Void> replace(long userId, List<String> phrases) {
        return pool.preparedQuery("INSERT INTO quick_phrases (user_id, phrases, updated_at) VALUES ($1, $2, now())"
                        + " ON CONFLICT (user_id) DO UPDATE SET phrases = EXCLUDED.phrases, updated_at = now()")
                .execute(Tuple.of(userId).addArrayOfString(phrases.toArray(String[]::new))).mapEmpty();
    }

    private static List<String> toList(String[] array) {
        return array == null ? List.of() : List.copyOf(Arrays.asList(array));
    }
}
