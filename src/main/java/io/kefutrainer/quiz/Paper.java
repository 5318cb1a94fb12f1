package io.kefutrainer.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The questions one attempt got, in the order shown, each with the order its options are shown in.
 * Stored with the attempt so a refresh shows the same paper and grading maps display positions back.
 */
public record Paper(List<Item> items) {

    /**
     * @param order display position → index in the bank's list (choices for single/multiple, distinct
     *              answers for matching); empty for types without options
     */
    public record Item(String questionId, List<Integer> order) {
        public Item {
            order = List.copyOf(order);
        }
    }

    public Paper {
        items = List.copyOf(items);
    }

    public static Paper draw(Exam exam, QuizContent content, Random random) {
        if (!exam.fixed().isEmpty()) {
            List<Question> asked = exam.fixed().stream().map(content::question).flatMap(java.util.Optional::stream).toList();
            return of(asked, exam.shuffleQuestions(), exam.shuffleOptions(), random);
        }
        List<Question> all = new ArrayList<>(content.questions().values());
        Set<String> taken = new HashSet<>();
        List<Question> drawn = new ArrayList<>();
        for (DrawRule rule : exam.draw()) {
            List<Question> pool = new ArrayList<>(all.stream().filter(rule::matches).filter(q -> !taken.contains(q.id())).toList());
            Collections.shuffle(pool, random);
            for (Question q : pool.subList(0, Math.min(rule.count(), pool.size()))) {
                taken.add(q.id());
                drawn.add(q);
            }
        }
        return of(drawn, exam.shuffleQuestions(), exam.shuffleOptions(), random);
    }

    /** A paper of these questions (an exam's draw, or a practice run through a bank). */
    public static Paper of(List<Question> questions, boolean shuffleQuestions, boolean shuffleOptions, Random random) {
        List<Question> drawn = new ArrayList<>(questions);
        if (shuffleQuestions) {
            Collections.shuffle(drawn, random);
        }
        List<Item> items = new ArrayList<>();
        for (Question q : drawn) {
            int n = optionCount(q);
            List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
            // true/false keeps 正确/错误 in place: shuffling two fixed labels only confuses
            if (shuffleOptions && q.type() != QuestionType.true_false) {
                Collections.shuffle(order, random);
            }
            items.add(new Item(q.id(), order));
        }
        return new Paper(items);
    }

    static int optionCount(Question q) {
        switch (q.type()) {
            case single:
            case multiple:
                return q.choices().size();
            case matching:
                return q.matchAnswers().size();
            default:
                return 0;
        }
    }
}
