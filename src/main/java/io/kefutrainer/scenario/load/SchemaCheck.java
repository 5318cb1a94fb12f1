package io.kefutrainer.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kefutrainer.scenario.yaml.Diagnostic;
import io.kefutrainer.scenario.yaml.DidYouMean;
import io.kefutrainer.scenario.yaml.Position;
import io.kefutrainer.scenario.yaml.YamlDocument;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a YAML document against a JSON Schema (networknt) and maps each message's instance location
 * back to the line:col of the offending node. Unknown keys are reported at the key, with the closest known key.
 */
public final class SchemaCheck {

    /** The scenario schema; scenarios/schema/scenario.schema.json is the editor copy of this resource. */
    public static final String SCENARIO_SCHEMA = "/io/kefutrainer/scenario/scenario.schema.json";

    private final JsonNode schemaJson;
    private final JsonSchema schema;

    private SchemaCheck(JsonNode schemaJson) {
        this.schemaJson = schemaJson;
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
        this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson, config);
    }

    public static SchemaCheck fromResource(String resource) {
        try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return new SchemaCheck(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Diagnostic> check(YamlDocument doc) {
        List<Diagnostic> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (ValidationMessage m : schema.validate(doc.root())) {
            String pointer = m.getInstanceLocation().toString();
            Diagnostic d = toDiagnostic(doc, pointer, m);
            if (seen.add(d.format())) {
                out.add(d);
            }
        }
        out.sort(Diagnostic.ORDER);
        return out;
    }

    private Diagnostic toDiagnostic(YamlDocument doc, String pointer, ValidationMessage m) {
        String where = pointer.isEmpty() ? "top level" : "'" + pointer.substring(1) + "'";
        switch (m.getType()) {
            case "additionalProperties" -> {
                String key = m.getProperty();
                String childPointer = YamlDocument.child(pointer, key);
                Set<String> known = knownKeys(m);
                String hint = DidYouMean.hint(key, known);
                String list = hint.isEmpty() && !known.isEmpty() ? " (allowed here: " + String.join(", ", known) + ")" : hint;
                return Diagnostic.error(doc.file(), doc.keyAt(childPointer), "unknown key '" + key + "'" + list);
            }
            case "required" -> {
                return Diagnostic.error(doc.file(), doc.at(pointer),
                        "missing required key '" + m.getProperty() + "' in " + where);
            }
            case "enum" -> {
                JsonNode value = m.getInstanceNode();
                List<String> allowed = new ArrayList<>();
                m.getSchemaNode().forEach(n -> allowed.add(n.asText()));
                String text = value == null ? "" : value.asText();
                return Diagnostic.error(doc.file(), doc.at(pointer), "'" + text + "' is not allowed for " + where
                        + "; use one of: " + String.join(", ", allowed) + DidYouMean.hint(text, allowed));
            }
            default -> {
                return Diagnostic.error(doc.file(), doc.at(pointer), where + ": " + stripLocation(m));
            }
        }
    }

    private static String stripLocation(ValidationMessage m) {
        String message = m.getMessage();
        int colon = message.indexOf(": ");
        return colon >= 0 && message.startsWith(m.getInstanceLocation().toString()) ? message.substring(colon + 2) : message;
    }

    /** The `properties` declared next to the additionalProperties keyword that rejected a key. */
    private Set<String> knownKeys(ValidationMessage m) {
        Set<String> keys = new LinkedHashSet<>();
        String location = m.getSchemaLocation().toString();
        int hash = location.indexOf('#');
        if (hash < 0) {
            return keys;
        }
        JsonNode node = schemaJson.at(location.substring(hash + 1));
        // the location ends in /additionalProperties; its parent holds the properties
        String fragment = location.substring(hash + 1);
        int slash = fragment.lastIndexOf('/');
        if (slash >= 0) {
            node = schemaJson.at(fragment.substring(0, slash));
        }
        Iterator<String> names = node.path("properties").fieldNames();
        names.forEachRemaining(keys::add);
        return keys;
    }

}
