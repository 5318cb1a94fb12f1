package io.kefutrainer.web;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads request bodies as JSON objects and their fields, failing with a 400 that names the field. */
public final class JsonBodies {
    private JsonBodies() {
    }

    /**
     * Route handler for JSON routes that change state: a body sent with another content type (a form, text/plain,
     * XML…) is refused with 415 before anything reads it. A body without a content type is read as JSON.
     */
    static void requireJsonContentType(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        boolean hasBody = ctx.body() != null && ctx.body().length() > 0;
        if (type != null && !isJson(type) && (hasBody || isForm(type))) {
            ctx.fail(new HttpError(415, "send the body as JSON with Content-Type: application/json"));
            return;
        }
        ctx.next();
    }

    /** Forms are decoded by the body handler into attributes, so their body looks empty here. */
    private static boolean isForm(String contentType) {
        String media = contentType.strip().toLowerCase(java.util.Locale.ROOT);
        return media.startsWith("multipart/") || media.startsWith("application/x-www-form-urlencoded");
    }

    private static boolean isJson(String contentType) {
        String media = contentType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        return media.equals("application/json") || media.startsWith("application/") && media.endsWith("+json");
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
