package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.account.Hashing;
import io.kefutrainer.appeals.AppealService;
import io.kefutrainer.practice.PracticeService;
import io.kefutrainer.practice.ShiftService;
import io.kefutrainer.progress.Progress;
import io.kefutrainer.quiz.exam.ExamService;
import io.kefutrainer.quiz.exam.MistakeBook;
import io.kefutrainer.quiz.practice.PracticeQuizzes;
import io.kefutrainer.quiz.practice.Publishing;
import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.store.AppealStore;
import io.kefutrainer.store.CohortStore;
import io.kefutrainer.store.DbConfig;
import io.kefutrainer.store.Housekeeping;
import io.kefutrainer.store.KpiStore;
import io.kefutrainer.store.LoginThrottle;
import io.kefutrainer.store.PracticeQuizStore;
import io.kefutrainer.store.PracticeStore;
import io.kefutrainer.store.QuickPhraseStore;
import io.kefutrainer.store.QuizStore;
import io.kefutrainer.store.ShiftStore;
import io.kefutrainer.store.TokenStore;
import io.kefutrainer.store.TraineeHistoryStore;
import io.kefutrainer.store.UserStore;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

/**
 * What every verticle of the process shares, built once by {@link Server#start}: the pool, the stores, the services
 * and the live content. Stores and services hold no per-request state; the few caches they keep are thread-safe
 * and say who writes them (PracticeService's live-session cache and live channels, TokenStore's look-ups,
 * ContentScorer's memos, LiveContent's snapshots). Anything confined to one event loop (routers, session
 * handlers, template engines, SSE streams) is built per HTTP verticle instance instead.
 *
 * @param db when given, the background verticle LISTENs for other instances' session events
 */
record Services(Vertx vertx, Pool pool, DbConfig db, ServerOptions options, LiveContent content, UserStore users,
                CohortStore cohorts, TokenStore tokens, Hashing hashing, LoginThrottle throttle, PracticeStore practiceStore,
                PracticeService practice, AppealService appeals, QuickPhraseStore phrases, ShiftStore shiftStore,
                ShiftService shifts, QuizStore quizStore, ExamService exams, KpiStore kpiStore,
                TraineeHistoryStore history, Progress progress, MistakeBook mistakes, PracticeQuizzes practiceQuizzes, Publishing publishing,
                Housekeeping housekeeping) {

    static Services create(Vertx vertx, Pool pool, DbConfig db, ServerOptions options, LiveContent content) {
        UserStore users = new UserStore(pool);
        CohortStore cohorts = new CohortStore(pool);
        PracticeStore practiceStore = new PracticeStore(pool);
        PracticeService practice = new PracticeService(vertx, practiceStore, content::catalog, content::scorer,
                content::rubric, new ScenarioEngine(content.engineSettings()), options.closingWait());
        AppealService appeals = new AppealService(new AppealStore(pool),
                practiceStore, cohorts, content::rubric, content::politeness);
        ShiftStore shiftStore = new ShiftStore(pool);
        ShiftService shifts = new ShiftService(vertx, shiftStore, practice, content::catalog, java.time.Instant::now);
        QuizStore quizStore = new QuizStore(pool);
        KpiStore kpiStore = new KpiStore(pool);
        TraineeHistoryStore history = new TraineeHistoryStore(pool);
        PracticeQuizStore practiceQuizStore = new PracticeQuizStore(pool);
        PracticeQuizzes practiceQuizzes = new PracticeQuizzes(practiceQuizStore, practiceQuizStore, content::quiz);
        return new Services(vertx, pool, db, options, content, users, cohorts, new TokenStore(pool), new Hashing(vertx),
                new LoginThrottle(pool), practiceStore, practice, appeals, new QuickPhraseStore(pool), shiftStore, shifts,
                quizStore, new ExamService(vertx, quizStore, content::quiz, practiceQuizzes::exams), kpiStore,
                history, new Progress(kpiStore, history, content::kpi), new MistakeBook(quizStore, content::quiz), practiceQuizzes,
                new Publishing(practiceQuizStore, cohorts, content::quiz), new Housekeeping(pool));
    }
}
