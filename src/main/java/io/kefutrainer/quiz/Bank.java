package io.kefutrainer.quiz;

import java.nio.file.Path;
import java.util.List;

/** The questions of one bank file. */
public record Bank(Path file, List<Question> questions) {
    public Bank {
        questions = List.copyOf(questions);
    }
}
