package io.kefutrainer.support;

import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A script calling the JSON API with bearer tokens, as integrations and load drivers do. */
public final class Api {
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final TestApp app;

    public Api(TestApp app) {
        this.app = app;
    }

    public HttpResponse<String> call(String method, String path, String token, String jsonBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (jsonBody != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        try {
            return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> tokenResponse(String username, String password) {
        return call("POST", "/api/auth/token", null,
                new JsonObject().put("username", username).put("password", password).encode());
    }

    public String token(String username, String password) {
        HttpResponse<String> response = tokenResponse(username, password);
        if (response.statusCode() != 200) {
            throw new AssertionError("sign-in of " + username + " failed: " + response.statusCode() + " " + response.body());
        }
        return new JsonObject(response.body()).getString("token");
    }
}
