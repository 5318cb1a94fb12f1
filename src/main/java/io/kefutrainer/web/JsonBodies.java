package io.kefutrainer.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies as JSON objects and their fields, failing with a 400 that names the field. */
public final class JsonBodies {
    private JsonBodies() {
    }

    public static JsonObject object(RoutingContext ctx) {
        try {
            if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
                throw HttpError.badRequest("body must be a JSON object", null);
            }
            Object value = ctx.body().asJsonObject();
            if (value == null) {
                throw HttpError.badRequest("body must be a JSON object", null);
            }
            return (JsonObject) value;
        } catch (DecodeException | ClassCastException e) {
            throw HttpError.badRequest("body must be a JSON object", null);
        }
    }

    public static String string(JsonObject json, String field, int maxLength) {
        Object value = json.getValue(field);
        if (!(value instanceof String s) || s.isBlank()) {
            throw HttpError.badRequest(field + " is required and must be a non-empty string", field);
        }
        if (s.length() > maxLength) {
            throw HttpError.badRequest(field + " is longer than " + maxLength + " characters", field);
        }
        return s;
    }
}
