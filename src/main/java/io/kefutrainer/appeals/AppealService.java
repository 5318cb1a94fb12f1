package io.kefutrainer.appeals;

import io.kefutrainer.account.Cohorts;
import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.kefutrainer.practice.SessionReader;
import io.kefutrainer.practice.AnnotationsJson;
import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.problem.Problem;
import io.kefutrainer.practice.SessionRow;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.Outcome;
import io.kefutrainer.scoring.Rubric;
import io.kefutrainer.scoring.SessionResult;
import io.kefutrainer.scoring.SessionRubric;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Appeals (申诉): a trainee disputes one finding, violation or the verdict of a reply; a trainer of the trainee's
 * cohort (or an admin) accepts or rejects it. Accepting overrules that target only and re-grades the session.
 */
public final class AppealService {
    public static final int MAX_REASON = 500;
    public static final int MAX_COMMENT = 1000;
    public static final Set<String> STATUSES = Set.of(AppealRow.OPEN, AppealRow.ACCEPTED, AppealRow.REJECTED);

    private final AppealLog store;
    private final SessionReader practice;
    private final Cohorts cohorts;
    private final Supplier<SessionRubric> rubric;
    private final Supplier<Rubric.PolitenessParams> politeness;

    public AppealService(AppealLog store, SessionReader practice, Cohorts cohorts, Supplier<SessionRubric> rubric,
                         Supplier<Rubric.PolitenessParams> politeness) {
        this.store = store;
        this.practice = practice;
        this.cohorts = cohorts;
        this.rubric = rubric;
        this.politeness = politeness;
    }

    /** Files an appeal on one target of one of the caller's replies; returns its id. */
    public Future<Long> file(User user, UUID sessionId, int replySeq, String target, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            return Future.failedFuture(invalid("reason is required", "reason"));
        }
        if (why.codePointCount(0, why.length()) > MAX_REASON) {
            return Future.failedFuture(invalid("reason is longer than " + MAX_REASON + " characters", "reason"));
        }
        return practice.session(sessionId).compose(found -> {
            if (found.isEmpty() || found.get().userId() != user.id()) {
                return Future.failedFuture(new Problem(Problem.Kind.not_found, "no such session", null));
            }
            SessionRow session = found.get();
            if (session.mode() == SessionRow.Mode.exam && !session.ended()) {
                return Future.failedFuture(new Problem(Problem.Kind.conflict,
                        "in exam mode (考核) an appeal is possible only after the session has ended", null));
            }
            return practice.events(sessionId).compose(events -> {
                SessionEvent reply = events.stream().filter(e -> e.seq() == replySeq && e.fromTrainee() && e.annotationsJson() != null)
                        .findFirst().orElse(null);
                if (reply == null) {
                    return Future.failedFuture(invalid("no reply " + replySeq + " with findings in this session", "replyId"));
                }
                Annotations a = AnnotationsJson.read(reply.annotationsJson());
                if (target == null || !AnnotationsJson.targets(a).contains(target)) {
                    return Future.failedFuture(invalid("unknown target '" + target + "': one of "
                            + String.join(", ", AnnotationsJson.targets(a)), "target"));
                }
                return store.insert(sessionId, replySeq, target, user.id(), why, disputed(reply.annotationsJson(), target).encode(),
                        session.contentVersion());
            });
        });
    }

    /** The disputed item as the API shows it: a finding or violation with its id (and kind), or the verdict. */
    static JsonObject disputed(String annotationsJson, String target) {
        JsonObject a = new JsonObject(AnnotationsJson.presented(annotationsJson, Set.of()));
        JsonObject politeness = a.getJsonObject("politeness");
        if (AnnotationsJson.VERDICT.equals(target)) {
            return new JsonObject().put("id", target).put("kind", "verdict").put("verdict", politeness.getString("verdict"))
                    .put("score", politeness.getValue("score"));
        }
        for (Object o : politeness.getJsonArray("findings", new JsonArray())) {
            JsonObject f = (JsonObject) o;
            if (target.equals(f.getString("id"))) {
                return f.copy().put("kind", "finding");
            }
        }
        for (Object o : a.getJsonArray("violations", new JsonArray())) {
            JsonObject v = (JsonObject) o;
            if (target.equals(v.getString("id"))) {
                return v.copy().put("kind", "violation");
            }
        }
        throw new IllegalArgumentException("no target " + target);
    }

    /** Trainees see their own appeals; trainers and managers their cohorts'; admins all. */
    public Future<List<AppealRow>> list(User user, String status, String ruleOrEntry) {
        if (status != null && !STATUSES.contains(status)) {
            return Future.failedFuture(invalid("status must be open, accepted or rejected", "status"));
        }
        Long trainee = user.role() == Role.trainee ? user.id() : null;
        Long staff = user.role() == Role.trainer || user.role() == Role.manager ? user.id() : null;
        return store.list(trainee, staff, status, ruleOrEntry, 500);
    }

    public Future<List<AppealRow>> forSession(UUID sessionId) {
        return store.forSession(sessionId);
    }

    public Future<Map<Integer, Set<String>>> overruled(UUID sessionId) {
        return store.overruled(sessionId);
    }

    public Future<List<AppealRow>> takeUnseenDecisions(long traineeId) {
        return store.takeUnseenDecisions(traineeId);
    }

    /** A trainer of the trainee's cohort, or an admin, decides; another trainer does not see the appeal (404). */
    public Future<AppealRow> decide(User user, long id, boolean accept, String comment) {
        String note = comment == null ? "" : comment.strip();
        if (note.codePointCount(0, note.length()) > MAX_COMMENT) {
            return Future.failedFuture(invalid("comment is longer than " + MAX_COMMENT + " characters", "comment"));
        }
        return store.byId(id).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new Problem(Problem.Kind.not_found, "no such appeal", null));
            }
            Future<Boolean> visible = user.role() == Role.admin ? Future.succeededFuture(true)
                    : cohorts.sharesCohort(user.id(), found.get().userId());
            return visible.compose(ok -> ok
                    ? store.decide(id, user.id(), accept, note, this::regrade).compose(x -> store.byId(id)).map(r -> r.orElseThrow())
                    : Future.failedFuture(new Problem(Problem.Kind.not_found, "no such appeal", null)));
        });
    }

    /** Appeals made / accepted per trainee and per rule or entry, with the rules and entries to flag. */
    public Future<Map<String, List<AppealCounts.Row>>> counts(List<Long> traineeIds, double flagShare, int flagMinDecided) {
        return store.counts(traineeIds).map(c -> AppealCounts.of(c, flagShare, flagMinDecided));
    }

    /** The calibration set as the caller may see it: a trainer their cohorts' replies, an admin all. */
    public Future<List<CalibrationSet.Item>> calibrationSet(User user) {
        return store.calibrationRows(user.role() == Role.admin ? null : user.id())
                .map(rows -> CalibrationSet.items(rows, politeness.get()));
    }

    /** A trainer labels one reply directly: the right verdict and violation categories. */
    public Future<Void> label(User user, UUID sessionId, int replySeq, String verdict, List<String> violations) {
        if (verdict == null || !Set.of("polite", "neutral", "impolite").contains(verdict)) {
            return Future.failedFuture(invalid("verdict must be polite, neutral or impolite", "verdict"));
        }
        for (String v : violations) {
            if (!io.kefutrainer.scoring.Calibration.CATEGORIES.contains(v)) {
                return Future.failedFuture(invalid("unknown violation category '" + v + "'", "violations"));
            }
        }
        return practice.session(sessionId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new Problem(Problem.Kind.not_found, "no such session", null));
            }
            Future<Boolean> visible = user.role() == Role.admin ? Future.succeededFuture(true)
                    : cohorts.sharesCohort(user.id(), found.get().userId());
            return visible.compose(ok -> ok ? store.label(sessionId, replySeq, verdict, violations, user.id())
                    : Future.failedFuture(new Problem(Problem.Kind.not_found, "no such session", null)));
        });
    }

    /** The session graded again on its replies with every overruled target taken out (rubric of the current content). */
    String regrade(String outcome, Integer satisfaction, List<AppealLog.StoredReply> replies, Map<Integer, Set<String>> overruled) {
        Rubric.PolitenessParams params = politeness.get();
        List<Annotations> effective = new ArrayList<>();
        for (AppealLog.StoredReply r : replies) {
            effective.add(Overrule.apply(AnnotationsJson.read(r.annotationsJson()), overruled.getOrDefault(r.seq(), Set.of()), params));
        }
        SessionResult result = rubric.get().grade(effective, outcome == null ? null : Outcome.valueOf(outcome), satisfaction, null);
        return AnnotationsJson.write(result);
    }

    private static Problem invalid(String message, String field) {
        return new Problem(Problem.Kind.invalid, message, field);
    }
}
