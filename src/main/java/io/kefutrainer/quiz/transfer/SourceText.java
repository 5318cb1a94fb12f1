package io.kefutrainer.quiz.transfer;

import io.kefutrainer.yaml.Position;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A block of source lines joined with '\n' that still knows where each character came from. */
final class SourceText {
    private final StringBuilder text = new StringBuilder();
    private final List<int[]> lineStarts = new ArrayList<>(); // {offset in text, line number}

    void addLine(int lineNumber, String line) {
        if (text.length() > 0) {
            text.append('\n');
        }
        lineStarts.add(new int[]{text.length(), lineNumber});
        text.append(line);
    }

    boolean isEmpty() {
        return lineStarts.isEmpty();
    }

    String text() {
        return text.toString();
    }

    int firstLine() {
        return lineStarts.get(0)[1];
    }

    Position at(int offset) {
        int[] start = lineStarts.get(0);
        for (int[] ls : lineStarts) {
            if (ls[0] <= offset) {
                start = ls;
            }
        }
        return new Position(start[1], offset - start[0] + 1);
    }

    /** Strict UTF-8 (a BOM is dropped); a file in another encoding is an error, not mojibake questions. */
    static String decode(byte[] bytes) throws CharacterCodingException {
        String s = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static String[] lines(String text) {
        return text.split("\\r?\\n|\\r", -1);
    }
}
