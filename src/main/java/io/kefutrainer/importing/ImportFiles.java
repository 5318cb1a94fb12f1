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

    /** Offsets where each line of the text starts (line 1 at offset 0). */
    static int[] lineStarts(String text) {
        java.util.List<Integer> starts = new java.util.ArrayList<>(java.util.List.of(0));
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The 1-based line of a character offset: blank lines and quoted line breaks before it counted. */
    static int lineAt(int[] lineStarts, long offset) {
        int i = java.util.Arrays.binarySearch(lineStarts, (int) offset);
        return (i >= 0 ? i : -i - 2) + 1;
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
