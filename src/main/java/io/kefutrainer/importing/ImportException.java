package io.kefutrainer.importing;

import java.util.List;

/** An import file with bad rows: nothing is written, every problem is reported. */
public final class ImportException extends Exception {
    private final List<ImportProblem> problems;

    public ImportException(List<ImportProblem> problems) {
        super(problems.isEmpty() ? "import failed" : problems.get(0).format());
        this.problems = List.copyOf(problems);
    }

    public ImportException(ImportProblem problem) {
        this(List.of(problem));
    }

    public List<ImportProblem> problems() {
        return problems;
    }
}
