package io.kefutrainer.content;

import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.Vocabulary;
import io.kefutrainer.scoring.KpiTargets;
import io.kefutrainer.scoring.Rubric;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.ScoringContent;
import io.kefutrainer.scoring.SessionRubric;
import io.kefutrainer.typing.TypingContent;

import java.nio.file.Path;

/**
 * One version of the trainer content, replaced whole on reload, so a reader sees the scenarios, scorer, words, quiz
 * banks and typing phrases of one moment. Each part keeps its last good version when an edit breaks it.
 *
 * @param scoringError why the last reload of the scoring content failed (the scorer is the last good one), or null
 * @param quizChecked  the quiz files as last read, errors included; may be newer than {@code quiz}
 */
public record ContentSnapshot(CatalogSnapshot catalog, Scoring scoring, String scoringError, Vocabulary vocabulary,
                              QuizContent quiz, QuizContent quizChecked, TypingContent typing) {

    /** The scoring side of one content version: the compiled scorer, the session rubric and what pages read beside. */
    public record Scoring(Scorer scorer, SessionRubric rubric, KpiTargets kpi, Rubric.PolitenessParams politeness,
                          LiveContent.AppealFlag appealFlag) {
        static Scoring load(Path dir) {
            ScoringContent content = ScoringFiles.load(dir);
            return new Scoring(Scorer.create(content), SessionRubric.of(content), content.kpi(), content.rubric().politeness(),
                    LiveContent.AppealFlag.read(dir.resolve("kpi.yaml")));
        }
    }

    ContentSnapshot withQuiz(QuizContent inUse, QuizContent checked) {
        return new ContentSnapshot(catalog, scoring, scoringError, vocabulary, inUse, checked, typing);
    }
}
