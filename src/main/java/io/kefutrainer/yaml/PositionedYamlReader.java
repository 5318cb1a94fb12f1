package io.kefutrainer.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one YAML file into a JSON tree plus the position of every node, and turns every problem
 * (not UTF-8, YAML syntax, duplicate keys, alias bombs) into a positioned {@link Diagnostic}
 * instead of an exception. Uses SnakeYAML's node API because only nodes keep their start marks.
 * Shared by scenario files and, later, quiz banks: anything that wants `path:line:col` errors.
 */
public final class PositionedYamlReader {

    /** Parse result: the document when readable, and the problems found while reading it. */
    public record Result(Optional<YamlDocument> document, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    // Content files are a few KB; these limits only stop hostile or broken input from eating the JVM.
    private static final int MAX_NODES = 200_000;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_BYTES = 2 * 1024 * 1024;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public Result read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                return fatal(file, Position.START, "文件太大(超过 " + MAX_BYTES / 1024 + " KB)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return fatal(file, Position.START, "读不了这个文件:" + e.getMessage());
        }
        return read(file, bytes);
    }

    public Result read(Path file, byte[] bytes) {
        try {
            Decoded decoded = decodeUtf8(bytes);
            if (decoded.errorAt != null) {
                return fatal(file, decoded.errorAt, "文件不是 UTF-8 文本(是二进制文件,或用了 GBK 等其他编码?请另存为 UTF-8)");
            }
            return parse(file, decoded.text);
        } catch (RuntimeException | StackOverflowError e) {
            // Whatever SnakeYAML or the tree building throws, the caller gets a message, never a stack trace.
            return fatal(file, Position.START, "无法读取 YAML:" + e);
        }
    }

    private Result parse(Path file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowDuplicateKeys(true); // checked below, with positions
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            YamlSyntax.Problem problem = YamlSyntax.explain(text, e);
            return fatal(file, problem.at(), problem.message());
        } catch (ReaderException e) {
            return fatal(file, positionOfCodePoint(text, e.getPosition()),
                    String.format("字符 U+%04X 不能出现在 YAML 里(是二进制数据或复制进来的控制字符?)", e.getCodePoint()));
        } catch (RuntimeException e) {
            return fatal(file, Position.START, "YAML 错误:" + firstLine(e.getMessage()));
        }
        if (root == null) {
            return fatal(file, Position.START, "文件是空的");
        }
        Builder builder = new Builder(file);
        JsonNode tree = builder.convert(root, "", 0);
        if (tree == null) {
            return new Result(Optional.empty(), builder.diagnostics);
        }
        YamlDocument doc = new YamlDocument(file, tree, builder.values, builder.keys);
        return new Result(Optional.of(doc), builder.diagnostics);
    }

    private static final class Builder {
        final Path file;
        final Map<String, Position> values = new HashMap<>();
        final Map<String, Position> keys = new HashMap<>();
        final List<Diagnostic> diagnostics = new ArrayList<>();
        int nodes;

        Builder(Path file) {
            this.file = file;
        }

        /** Returns null after a fatal problem (already reported). */
        JsonNode convert(Node node, String pointer, int depth) {
            if (++nodes > MAX_NODES || depth > MAX_DEPTH) {
                if (diagnostics.stream().noneMatch(Diagnostic::isError)) {
                    diagnostics.add(Diagnostic.error(file, position(node.getStartMark()),
                            "文件内容太多或嵌套太深(是不是有循环引用?)"));
                }
                return null;
            }
            values.put(pointer, position(node.getStartMark()));
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                ArrayNode array = JSON.arrayNode();
                List<Node> items = sequence.getValue();
                for (int i = 0; i < items.size(); i++) {
                    JsonNode item = convert(items.get(i), YamlDocument.child(pointer, i), depth + 1);
                    if (item == null) {
                        return null;
                    }
                    array.add(item);
                }
                return array;
            }
            MappingNode mapping = (MappingNode) node;
            ObjectNode object = JSON.objectNode();
            for (NodeTuple tuple : mapping.getValue()) {
                Node keyNode = tuple.getKeyNode();
                Position keyPos = position(keyNode.getStartMark());
                if (!(keyNode instanceof ScalarNode keyScalar)) {
                    diagnostics.add(Diagnostic.error(file, keyPos, "键必须是普通文字,不能是列表或映射"));
                    continue;
                }
                String key = keyScalar.getValue();
                String childPointer = YamlDocument.child(pointer, key);
                if (object.has(key)) {
                    diagnostics.add(Diagnostic.error(file, keyPos,
                            "键 '" + key + "' 重复了(第一次写在第 " + keys.get(childPointer).line() + " 行):删掉一个,或者给它换个名字"));
                    continue;
                }
                keys.put(childPointer, keyPos);
                JsonNode value = convert(tuple.getValueNode(), childPointer, depth + 1);
                if (value == null) {
                    return null;
                }
                object.set(key, value);
            }
            return object;
        }
    }

    private static JsonNode scalar(ScalarNode scalar) {
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        try {
            if (Tag.NULL.equals(tag)) {
                return JSON.nullNode();
            }
            if (Tag.BOOL.equals(tag)) {
                String v = value.toLowerCase();
                return JSON.booleanNode(v.equals("true") || v.equals("yes") || v.equals("on"));
            }
            if (Tag.INT.equals(tag)) {
                String digits = value.replace("_", "");
                if (digits.matches("[-+]?[0-9]+")) {
                    BigInteger big = new BigInteger(digits);
                    return big.bitLength() < 63 ? JSON.numberNode(big.longValue()) : JSON.numberNode(big);
                }
            }
            if (Tag.FLOAT.equals(tag)) {
                String digits = value.replace("_", "");
                if (digits.matches("[-+]?([0-9]*\\.?[0-9]+|[0-9]+\\.)([eE][-+]?[0-9]+)?")) {
                    return JSON.numberNode(Double.parseDouble(digits));
                }
            }
        } catch (NumberFormatException e) {
            // falls through: an odd number literal is kept as text and the schema reports its type
        }
        return JSON.textNode(value);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "未知问题";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static Position position(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static Result fatal(Path file, Position position, String message) {
        return new Result(Optional.empty(), List.of(Diagnostic.error(file, position, message)));
    }

    static Position positionOfCodePoint(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePointIndex; seen++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Position(line, column);
    }

    private record Decoded(String text, Position errorAt) {
    }

    /** Strict UTF-8 decoding that tells where the first bad byte is. */
    private static Decoded decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            return new Decoded(null, positionOfCodePoint(before, before.codePointCount(0, before.length())));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new Decoded(text, null);
    }
}
