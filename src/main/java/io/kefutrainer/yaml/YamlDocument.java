package io.kefutrainer.yaml;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.Map;

/**
 * A YAML file read as a JSON tree, with the source position of every node by JSON pointer
 * ("" is the root, "/steps/ask/buyer/0" an item). Keys have their own positions, so an unknown
 * key is reported where the key is written, a wrong value where the value is.
 */
public record YamlDocument(Path file, JsonNode root, Map<String, Position> values, Map<String, Position> keys) {

    public YamlDocument {
        values = Map.copyOf(values);
        keys = Map.copyOf(keys);
    }

    /** Position of the value at this pointer, or of its nearest ancestor that has one. */
    public Position at(String pointer) {
        String p = pointer;
        while (true) {
            Position pos = values.get(p);
            if (pos != null) {
                return pos;
            }
            if (p.isEmpty()) {
                return Position.START;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    /** Position of the key that names the member at this pointer, else of its value. */
    public Position keyAt(String pointer) {
        Position pos = keys.get(pointer);
        return pos != null ? pos : at(pointer);
    }

    public static String child(String pointer, String name) {
        return pointer + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }
}
