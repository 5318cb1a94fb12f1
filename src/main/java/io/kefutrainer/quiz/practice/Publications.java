package io.kefutrainer.quiz.practice;

import io.vertx.core.Future;

import java.util.List;

/** Where bank publications (练习/考试 per cohort) are kept (store.PracticeQuizStore). */
public interface Publications {

    /** Every publication, banks in name order, everyone before cohorts. */
    Future<List<Publication>> publications();

    /** Publishes (or re-publishes with another mode or settings) a bank to a cohort, or to everyone when null. */
    Future<Void> publish(String bank, Long cohortId, Publication.Mode mode, int minutes, double passMark, int attempts, long by);

    /** True when there was such a publication. */
    Future<Boolean> unpublish(String bank, Long cohortId);

    /** The cohorts a user belongs to, which decide the publications that reach them. */
    Future<List<Long>> cohortIds(long userId);
}
