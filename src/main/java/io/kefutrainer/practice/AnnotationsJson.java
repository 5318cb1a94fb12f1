package io.kefutrainer.practice;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.SessionResult;
import io.kefutrainer.scoring.TypingMetrics;
import io.vertx.core.json.jackson.DatabindCodec;

import java.io.UncheckedIOException;

/** Stored form of annotations and metrics, written with the application's one Jackson mapper (Vert.x's). */
public final class AnnotationsJson {
    private AnnotationsJson() {
    }

    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return DatabindCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Annotations read(String json) {
        try {
            return DatabindCodec.mapper().readValue(json, Annotations.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SessionResult readResult(String json) {
        try {
            return DatabindCodec.mapper().readValue(json, SessionResult.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TypingMetrics readMetrics(String json) {
        if (json == null) {
            return null;
        }
        try {
            return DatabindCodec.mapper().readValue(json, TypingMetrics.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
