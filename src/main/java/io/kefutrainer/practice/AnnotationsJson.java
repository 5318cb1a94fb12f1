package io.kefutrainer.practice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.SessionResult;
import io.kefutrainer.scoring.TypingMetrics;
import io.vertx.core.json.jackson.DatabindCodec;

import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Stored form of annotations and metrics, written with the application's one Jackson mapper (Vert.x's).
 * Every finding and violation of a reply carries an id unique within the reply ("f1", "f2" … for politeness
 * findings, "v1" … for violations, by position), and the verdict is the target "verdict": appeals name them.
 * Ids follow the position in the stored list, so replies stored before ids existed get the same ids on output
 * (and the KPI views, V12, number them the same way with ORDINALITY).
 */
public final class AnnotationsJson {
    public static final String VERDICT = "verdict";

    private static final ObjectReader ANNOTATIONS = DatabindCodec.mapper().readerFor(Annotations.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES); // ids and overruled marks are ours, not the scorer's

    private AnnotationsJson() {
    }

    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            if (value instanceof Annotations) {
                ObjectNode tree = DatabindCodec.mapper().valueToTree(value);
                withIds(tree, Set.of());
                return DatabindCodec.mapper().writeValueAsString(tree);
            }
            return DatabindCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Annotations read(String json) {
        try {
            return ANNOTATIONS.readValue(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String findingId(int index) {
        return "f" + (index + 1);
    }

    public static String violationId(int index) {
        return "v" + (index + 1);
    }

    /** Every target of a reply an appeal may name: the verdict, each finding, each violation. */
    public static Set<String> targets(Annotations a) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(VERDICT);
        for (int i = 0; i < a.politeness().findings().size(); i++) {
            ids.add(findingId(i));
        }
        for (int i = 0; i < a.violations().size(); i++) {
            ids.add(violationId(i));
        }
        return ids;
    }

    /**
     * Stored annotations as the API shows them: ids on every finding and violation (also for replies stored
     * before ids existed), `"overruled":true` on each target a trainer overruled on appeal (the verdict's mark
     * is `politeness.verdictOverruled`). The stored annotation itself stays as the scorer made it.
     */
    public static String presented(String json, Set<String> overruled) {
        try {
            JsonNode node = DatabindCodec.mapper().readTree(json);
            if (node instanceof ObjectNode tree) {
                withIds(tree, overruled);
                return DatabindCodec.mapper().writeValueAsString(tree);
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void withIds(ObjectNode tree, Set<String> overruled) {
        JsonNode politeness = tree.get("politeness");
        if (politeness instanceof ObjectNode p) {
            if (p.get("findings") instanceof ArrayNode findings) {
                mark(findings, "f", overruled);
            }
            if (overruled.contains(VERDICT)) {
                p.put("verdictOverruled", true);
            }
        }
        if (tree.get("violations") instanceof ArrayNode violations) {
            mark(violations, "v", overruled);
        }
    }

    private static void mark(ArrayNode items, String prefix, Set<String> overruled) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof ObjectNode item) {
                String id = prefix + (i + 1);
                // the id first, so a reader sees which item it is before its details
                ObjectNode copy = item.objectNode();
                copy.put("id", id);
                item.fields().forEachRemaining(f -> {
                    if (!f.getKey().equals("id")) {
                        copy.set(f.getKey(), f.getValue());
                    }
                });
                if (overruled.contains(id)) {
                    copy.put("overruled", true);
                }
                items.set(i, copy);
            }
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
