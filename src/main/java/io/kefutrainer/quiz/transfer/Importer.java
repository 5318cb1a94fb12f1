package io.kefutrainer.quiz.transfer;

import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.Position;

import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Reads GIFT or Aiken bytes into questions; the one entry point for the CLI and the trainer page. */
public final class Importer {

    public enum Format { gift, aiken }

    private Importer() {
    }

    /** The format a file name suggests: *.aiken or *.aik are Aiken, anything else GIFT. */
    public static Format guess(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".aiken") || n.endsWith(".aik") ? Format.aiken : Format.gift;
    }

    /**
     * @param category category for questions the file puts in none (GIFT without $CATEGORY, all of Aiken)
     * @param idPrefix prefix for generated question ids
     */
    public static Imported read(Path file, byte[] bytes, Format format, String category, String idPrefix) {
        return read(file, bytes, format, category, idPrefix, Optional.empty());
    }

    /** @param rules rule ids of rules.yaml: a GIFT [rule:] naming another id is an error, as `validate` would say */
    public static Imported read(Path file, byte[] bytes, Format format, String category, String idPrefix,
                                Optional<Set<String>> rules) {
        String text;
        try {
            text = SourceText.decode(bytes);
        } catch (CharacterCodingException e) {
            return new Imported(List.of(), List.of(Diagnostic.error(file, Position.START, "文件不是 UTF-8 文本(请另存为 UTF-8)")));
        }
        return format == Format.aiken ? new AikenParser(file, category, idPrefix).parse(text)
                : new GiftParser(file, category, idPrefix, rules).parse(text);
    }
}
