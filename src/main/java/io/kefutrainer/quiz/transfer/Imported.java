package io.kefutrainer.quiz.transfer;

import io.kefutrainer.quiz.Question;
import io.kefutrainer.yaml.Diagnostic;

import java.util.List;

/** What an import read: the questions, and every broken question's problem at its line and column. */
public record Imported(List<Question> questions, List<Diagnostic> errors) {
    public Imported {
        questions = List.copyOf(questions);
        errors = List.copyOf(errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
