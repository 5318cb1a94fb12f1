package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.account.User;
import io.kefutrainer.appeals.AppealRow;
import io.kefutrainer.appeals.AppealService;
import io.kefutrainer.appeals.AppealTargets;
import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.practice.SessionRow;
import io.kefutrainer.progress.SessionFacts;
import io.kefutrainer.progress.TraineeHistory;
import io.kefutrainer.scenario.Vocabulary;
import io.kefutrainer.store.PracticeStore;
import io.kefutrainer.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** A practice session's transcript page, for its trainee (我的进步) and for their trainers and managers (团队看板). */
final class TranscriptPages {
    private final Pages pages;
    private final ProgressAccess access;
    private final TraineeHistory history;
    private final UserStore users;
    private final PracticeStore practice;
    private final LiveContent content;
    private final AppealService appeals;

    TranscriptPages(Pages pages, ProgressAccess access, TraineeHistory history, UserStore users, PracticeStore practice,
                    LiveContent content, AppealService appeals) {
        this.pages = pages;
        this.access = access;
        this.history = history;
        this.users = users;
        this.practice = practice;
        this.content = content;
        this.appeals = appeals;
    }

    void myTranscript(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        transcript(ctx, id -> practice.session(id).map(found -> found.filter(s -> s.userId() == user.id())), "/progress", true);
    }

    void sessionPage(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        transcript(ctx, id -> practice.session(id).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(found);
            }
            return access.canSee(user, found.get().userId()).map(ok -> {
                if (!ok) {
                    throw new HttpError(403, "您只能查看自己批次学员的对话");
                }
                return found;
            });
        }), "/dashboard/trainees/", false);
    }

    /** A session's transcript with each finding on the words that caused it, and the KPI facts of the session. */
    private void transcript(RoutingContext ctx, Function<UUID, Future<Optional<SessionRow>>> find,
                            String back, boolean own) {
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw new HttpError(404, "没有这次练习");
        }
        find.apply(id).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new HttpError(404, "没有这次练习"));
            }
            var session = found.get();
            Vocabulary words = content.vocabulary();
            return Future.all(practice.events(id), history.session(id), users.byId(session.userId()), appeals.forSession(id)).map(all -> {
                List<SessionEvent> events = all.resultAt(0);
                Optional<SessionFacts> facts = all.resultAt(1);
                Optional<User> trainee = all.resultAt(2);
                Map<String, Object> model = new HashMap<>();
                model.put("title", session.scenarioTitle());
                model.put("session", session);
                model.put("categoryLabel", words.category(session.category()));
                model.put("outcomeLabel", words.outcome(session.outcome()));
                model.put("facts", facts.orElse(null));
                model.put("trainee", trainee.orElse(null));
                model.put("back", back.endsWith("/") ? back + session.userId() : back);
                JsonObject labels = content.catalog().scenario(session.scenarioId()).map(PracticeJson::factLabels)
                        .orElseGet(JsonObject::new);
                model.put("lines", TranscriptLines.lines(events, labels, words));
                // 申诉: the owner may appeal each reply's verdict, violations and costly findings (in 考核 only after the end)
                List<AppealRow> sessionAppeals = all.resultAt(3);
                Map<String, List<AppealTargets.Target>> targets = new HashMap<>();
                for (SessionEvent e : events) {
                    if (e.fromTrainee() && e.annotationsJson() != null) {
                        targets.put(String.valueOf(e.seq()), AppealTargets.of(e.text(), e.annotationsJson(), words,
                                sessionAppeals.stream().filter(a -> a.replySeq() == e.seq()).toList()));
                    }
                }
                boolean hideFindings = session.mode() == SessionRow.Mode.exam && !session.ended();
                model.put("appealTargets", hideFindings ? Map.of() : targets);
                model.put("canAppeal", own && !hideFindings);
                return model;
            });
        }).onSuccess(model -> pages.render(ctx, "transcript", model)).onFailure(ctx::fail);
    }
}
