package io.kefutrainer.bench;

import io.kefutrainer.account.Passwords;
import io.kefutrainer.store.BenchChatStore;
import io.kefutrainer.store.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The virtual trainees' accounts and bearer tokens.
 *
 * Signing in: the login throttle counts only failed attempts (per user and per address), so correct passwords
 * from one address are never throttled; but each sign-in costs an argon2 verification (tens of ms of CPU), which is
 * not what this bench measures. So a sample signs in through POST /api/auth/token with its password, and the other
 * trainees get bearer tokens minted with the server's TokenStore, the same rows the endpoint writes.
 */
final class TraineeAccounts {

    private TraineeAccounts() {
    }

    /** N trainee accounts in one statement (one argon2 hash shared by all), then their bearer tokens, in order. */
    static List<String> create(Vertx vertx, BenchChatStore store, String host, int port, String run, int trainees,
                               int signInSample) throws Exception {
        String password = "bench-" + UUID.randomUUID();
        String hash = Passwords.hash(password);
        String[] names = new String[trainees];
        for (int i = 0; i < trainees; i++) {
            names[i] = "bench" + run + "_" + i;
        }
        List<Long> ids = store.createTrainees(names, hash).await(60, TimeUnit.SECONDS);
        long t0 = System.currentTimeMillis();
        int sample = Math.min(signInSample, trainees);
        List<String> tokens = new ArrayList<>();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port));
        for (int i = 0; i < sample; i++) {
            String body = new JsonObject().put("username", names[i]).put("password", password).encode();
            Buffer answer = client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/auth/token")
                            .putHeader("Content-Type", "application/json").setTimeout(30_000))
                    .compose(req -> req.send(body))
                    .compose(res -> res.statusCode() == 200 ? res.body()
                            : res.body().compose(b -> Future.failedFuture("sign-in answered " + res.statusCode() + " " + b)))
                    .await(60, TimeUnit.SECONDS);
            tokens.add(new JsonObject(answer).getString("token"));
        }
        client.close();
        long signInMs = System.currentTimeMillis() - t0;
        TokenStore tokenStore = store.tokens();
        List<Future<TokenStore.Issued>> minted = new ArrayList<>();
        for (int i = sample; i < trainees; i++) {
            minted.add(tokenStore.issue(ids.get(i), Duration.ofHours(2)));
        }
        Future.all(minted).await(120, TimeUnit.SECONDS);
        minted.forEach(f -> tokens.add(f.result().token()));
        System.out.printf("accounts: %d trainees; %d signed in through /api/auth/token (%.0f ms each), %d tokens minted%n",
                trainees, sample, sample == 0 ? 0.0 : (double) signInMs / sample, trainees - sample);
        return tokens;
    }
}
