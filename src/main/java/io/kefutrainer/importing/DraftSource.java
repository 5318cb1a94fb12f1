package io.kefutrainer.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scrubbed conversation a draft was made from (DIR/drafts/ID.source.json): only placeholders, never the
 * replaced values, so it may be kept beside the draft for the trainer's review and for candidate phrases.
 *
 * @param scrubbed  kinds of personal data replaced in this conversation, with counts (never the values)
 * @param exchanges each buyer burst with the agent's reply and whether that reply scored well
 */
public record DraftSource(String category, Map<String, Integer> scrubbed, List<Drafter.Exchange> exchanges) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public DraftSource {
        scrubbed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scrubbed));
        exchanges = List.copyOf(exchanges);
    }

    static String json(String category, Map<String, Integer> scrubbed, List<Drafter.Exchange> exchanges) {
        ObjectNode root = JSON.createObjectNode();
        root.put("category", category);
        root.set("scrubbed", JSON.valueToTree(scrubbed));
        ArrayNode list = root.putArray("exchanges");
        for (Drafter.Exchange e : exchanges) {
            ObjectNode x = list.addObject();
            e.buyer().forEach(x.putArray("buyer")::add);
            if (e.reply() != null) {
                x.put("reply", e.reply());
            }
            x.put("good", e.goodReply());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The source beside a draft file, or null when there is none (a hand-made draft) or it is unreadable. */
    public static DraftSource besides(Path draft) {
        Path file = fileOf(draft);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            Map<String, Integer> scrubbed = new LinkedHashMap<>();
            root.path("scrubbed").fields().forEachRemaining(f -> scrubbed.put(f.getKey(), f.getValue().asInt()));
            List<Drafter.Exchange> exchanges = new ArrayList<>();
            for (JsonNode x : root.path("exchanges")) {
                List<String> buyer = new ArrayList<>();
                x.path("buyer").forEach(b -> buyer.add(b.asText()));
                exchanges.add(new Drafter.Exchange(buyer, x.hasNonNull("reply") ? x.path("reply").asText() : null,
                        x.path("good").asBoolean(false)));
            }
            return new DraftSource(root.path("category").asText(""), scrubbed, exchanges);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The sidecar file of a draft (whether or not it exists). */
    public static Path fileOf(Path draft) {
        return draft.resolveSibling(draft.getFileName().toString().replaceFirst("\\.ya?ml$", "") + ChatImporter.SOURCE_SUFFIX);
    }
}
