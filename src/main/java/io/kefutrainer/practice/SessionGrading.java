package io.kefutrainer.practice;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.scenario.engine.SessionState;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.SessionResult;
import io.kefutrainer.scoring.SessionRubric;
import io.vertx.core.Future;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Grades sessions with the rubric (per-dimension scores, total, pass/fail, tier, must-pass failures) and says how a
 * session ends. Threads: no mutable state; called from any event loop.
 */
final class SessionGrading {
    private final SessionLog log;
    private final Supplier<SessionRubric> rubric;
    private final SessionReplay replay;

    SessionGrading(SessionLog log, Supplier<SessionRubric> rubric, SessionReplay replay) {
        this.log = log;
        this.rubric = rubric;
        this.replay = replay;
    }

    /** The scorecard of an ended session, stored with it or graded now from its events. */
    Future<SessionResult> scorecard(long userId, UUID sessionId, boolean anyOwner) {
        return log.session(sessionId).compose(found -> {
            if (found.isEmpty() || (!anyOwner && found.get().userId() != userId)) {
                return Future.failedFuture(PracticeSessions.notFound());
            }
            if (!found.get().ended()) {
                return Future.failedFuture(new Problem(Problem.Kind.conflict,
                        "the session has not ended yet: its scorecard comes at the end", null));
            }
            return log.scorecard(sessionId).compose(stored -> stored.isPresent()
                    ? Future.succeededFuture(AnnotationsJson.readResult(stored.get()))
                    : log.events(sessionId).map(events -> grade(events, replay.stateFor(found.get(), events).state())));
        });
    }

    /** Grades a session from its events (the trainee's replies carry the scorer's annotations). */
    SessionResult grade(List<SessionEvent> events, SessionState state) {
        List<Annotations> replies = new ArrayList<>();
        for (SessionEvent e : events) {
            if (e.fromTrainee() && e.annotationsJson() != null) {
                replies.add(AnnotationsJson.read(e.annotationsJson()));
            }
        }
        return gradeReplies(replies, state);
    }

    /** Grades a session from the annotations of its replies (the cached state holds them). */
    SessionResult gradeReplies(List<Annotations> replies, SessionState state) {
        return rubric.get().grade(replies, state.outcome(), state.satisfaction(), null);
    }

    /** The ending stored on the session row: where the engine ended, when, and the grade. */
    static SessionLog.Ending ending(SessionState state, OffsetDateTime endedAt, SessionResult grade) {
        return new SessionLog.Ending(state.ending(), outcomeName(state), state.satisfaction(), endedAt, AnnotationsJson.write(grade));
    }

    /** The session row as it reads once ended. */
    static SessionRow ended(SessionRow row, SessionState state, OffsetDateTime endedAt) {
        return new SessionRow(row.id(), row.userId(), row.scenarioId(), row.scenarioTitle(), row.category(), row.difficulty(),
                row.contentVersion(), row.mode(), row.seed(), row.startedAt(), endedAt, state.ending(), outcomeName(state),
                state.satisfaction());
    }

    private static String outcomeName(SessionState state) {
        return state.outcome() == null ? null : state.outcome().name();
    }
}
