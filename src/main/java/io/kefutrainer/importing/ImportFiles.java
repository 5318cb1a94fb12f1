package io.kefutrainer.importing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an import file as UTF-8 text, with or without a BOM (Excel writes one), refusing other encodings. */
final class ImportFiles {
    private ImportFiles() {
    }

    static String text(Path file) throws IOException, ImportException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new ImportException(new ImportProblem(file, 1, "不是 UTF-8 编码:请在 Excel/WPS 里另存为「CSV UTF-8」"));
        }
    }
}
