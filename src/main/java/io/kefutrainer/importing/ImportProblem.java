package io.kefutrainer.importing;

import java.nio.file.Path;

/** A bad row or line of an import file: printed as `FILE:LINE: message`. */
public record ImportProblem(Path file, int line, String message) {

    public String format() {
        return file + ":" + line + ": " + message;
    }
}
