package io.kefutrainer.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.DidYouMean;
import io.kefutrainer.yaml.Position;
import io.kefutrainer.yaml.YamlDocument;

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
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER)
                .locale(java.util.Locale.SIMPLIFIED_CHINESE).build();
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
        String where = pointer.isEmpty() ? "顶层" : "'" + pointer.substring(1) + "'";
        switch (m.getType()) {
            case "additionalProperties" -> {
                String key = m.getProperty();
                String childPointer = YamlDocument.child(pointer, key);
                Set<String> known = knownKeys(m);
                if (looksSplitByComma(doc, childPointer, key)) {
                    return Diagnostic.error(doc.file(), doc.keyAt(childPointer), "'" + key + "' 不是键:{…} 里的英文逗号 ',' "
                            + "把前面的文字切开了。文字里有逗号时,用中文逗号 ',' 或给整段文字加引号(如 label: \"不要承诺包邮, 运费买家出\")");
                }
                String hint = DidYouMean.hint(key, known);
                String list = hint.isEmpty() && !known.isEmpty() ? "(这里可以用的键:" + String.join(", ", known) + ")" : hint;
                return Diagnostic.error(doc.file(), doc.keyAt(childPointer), "不认识的键 '" + key + "'" + list);
            }
            case "required" -> {
                return Diagnostic.error(doc.file(), doc.at(pointer),
                        "缺少必填的键 '" + m.getProperty() + "'(在 " + where + " 里)");
            }
            case "enum" -> {
                JsonNode value = m.getInstanceNode();
                List<String> allowed = new ArrayList<>();
                m.getSchemaNode().forEach(n -> allowed.add(n.asText()));
                String text = value == null ? "" : value.asText();
                return Diagnostic.error(doc.file(), doc.at(pointer), where + " 不能写 '" + text
                        + "';可选:" + String.join(", ", allowed) + DidYouMean.hint(text, allowed));
            }
            case "type" -> {
                JsonNode value = m.getInstanceNode();
                String expected = m.getSchemaNode() == null ? "" : typeNames(m.getSchemaNode());
                return Diagnostic.error(doc.file(), doc.at(pointer), where + " 应该是" + expected + ",现在写的是"
                        + (value == null ? "?" : typeName(value.getNodeType().name().toLowerCase())));
            }
            case "pattern" -> {
                JsonNode value = m.getInstanceNode();
                String text = value == null ? "" : value.asText();
                return Diagnostic.error(doc.file(), doc.at(pointer), where + " 写成了 '" + text
                        + "':这里只能用" + (pointer.endsWith("/id") || pointer.equals("/id") ? "小写字母、数字、- 和 _(以字母或数字开头)"
                        : "字母、汉字、数字、- 和 _,不能有空格和标点"));
            }
            case "minLength", "minItems", "minProperties" -> {
                return Diagnostic.error(doc.file(), doc.at(pointer), where + " 不能是空的");
            }
            default -> {
                return Diagnostic.error(doc.file(), doc.at(pointer), where + ":" + stripLocation(m));
            }
        }
    }

    /**
     * An unknown key with no value inside a one-line {…} whose name is not key-like: an ASCII comma in
     * the text before it ended that text early ({label: 不要说, 因为…} gives the key "因为…").
     */
    private static boolean looksSplitByComma(YamlDocument doc, String pointer, String key) {
        JsonNode value = doc.root().at(pointer);
        return value.isNull() && !key.matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    private static String typeNames(JsonNode types) {
        List<String> names = new ArrayList<>();
        if (types.isArray()) {
            types.forEach(t -> names.add(typeName(t.asText())));
        } else {
            names.add(typeName(types.asText()));
        }
        return String.join("或", names);
    }

    private static String typeName(String jsonType) {
        return switch (jsonType) {
            case "string" -> "文字";
            case "integer" -> "整数";
            case "number" -> "数字";
            case "boolean" -> "true/false";
            case "array" -> "列表([…] 或每行 - 开头)";
            case "object" -> "一组 键: 值";
            case "null" -> "空值";
            default -> jsonType;
        };
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
