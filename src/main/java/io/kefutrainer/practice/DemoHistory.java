package io.kefutrainer.practice;

import io.kefutrainer.scenario.engine.ReplyContext;
import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.scenario.engine.SessionState;
import io.kefutrainer.scenario.engine.Turn;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.TranscriptTest;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.TypingMetrics;
import io.vertx.core.Future;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Two weeks of past practice for the demo trainees, so 我的进步 and 团队看板 show something on a first start.
 * Each session replays one of a scenario's own test transcripts through the real engine and scorer with a
 * simulated clock (a strong, a middling and a weak trainee), so every number on the pages is computed the same
 * way as for real sessions. Trainees who already have sessions get nothing: `--demo` stays idempotent.
 */
public final class DemoHistory {

    /** How a demo trainee works: seconds to answer, typing speed, and whether they follow the good transcript. */
    public record Profile(String username, int meanResponseS, int typingCpm, double goodPathShare) {
    }

    public static final List<Profile> PROFILES = List.of(
            new Profile("trainee1", 14, 72, 0.9),
            new Profile("trainee2", 35, 55, 0.6),
            new Profile("trainee3", 80, 38, 0.3));

    static final int SESSIONS_PER_TRAINEE = 12;

    private final PracticeService service;

    public DemoHistory(PracticeService service) {
        this.service = service;
    }

    /** Seeds history for a trainee (by id) with a profile, unless they already have sessions; returns how many were added. */
    public Future<Integer> seed(long userId, Profile profile) {
        return service.log().forUser(userId, 1).compose(existing -> {
            if (!existing.isEmpty()) {
                return Future.succeededFuture(0);
            }
            List<Scenario> scenarios = service.catalog().scenarios().values().stream()
                    .filter(s -> !s.tests().isEmpty() && !s.draft()).toList();
            if (scenarios.isEmpty()) {
                return Future.succeededFuture(0);
            }
            Random random = new Random(profile.username().hashCode());
            Future<Integer> chain = Future.succeededFuture(0);
            OffsetDateTime today = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
            for (int i = 0; i < SESSIONS_PER_TRAINEE; i++) {
                Scenario scenario = scenarios.get(random.nextInt(scenarios.size()));
                boolean good = random.nextDouble() < profile.goodPathShare();
                TranscriptTest test = good ? scenario.tests().get(0) : scenario.tests().get(scenario.tests().size() - 1);
                // 02:00 UTC = 10:00 in China, one session per day going back two weeks
                OffsetDateTime start = today.minusDays(SESSIONS_PER_TRAINEE - i).plusHours(2).plusMinutes(random.nextInt(400));
                chain = chain.compose(n -> play(userId, scenario, test, good, start, profile, random).map(x -> n + 1));
            }
            return chain;
        });
    }

    /** The demo trainees' closing replies (结束语): a proper one on the good path, a bare one on the other. */
    static final String GOOD_CLOSING = "感谢亲的支持,还有问题随时找我,祝您购物愉快~";
    static final String BARE_CLOSING = "好的";

    private Future<Void> play(long userId, Scenario scenario, TranscriptTest test, boolean good, OffsetDateTime start,
                              Profile profile, Random random) {
        Turn turn = service.engine().start(scenario, test.seed());
        List<SessionEvent> events = new ArrayList<>(TurnEvents.buyer(turn, 0, start));
        SessionState state = turn.state();
        OffsetDateTime clock = last(events, start);
        for (TranscriptTest.Input input : test.inputs()) {
            if (state.ended()) {
                break;
            }
            int seq = events.size();
            if (input.isSilence()) {
                Turn silent = service.engine().silence(state, input.silenceS());
                clock = clock.plusSeconds(input.silenceS());
                events.add(new SessionEvent(++seq, SessionEvent.SYSTEM, "silence", "", clock, state.step(), null, null, null,
                        null, input.silenceS()));
                events.addAll(TurnEvents.buyer(silent, seq, clock));
                state = silent.state();
                clock = last(events, clock);
                continue;
            }
            long responseMs = responseMs(input.text(), profile, random);
            clock = clock.plus(responseMs, ChronoUnit.MILLIS);
            TypingMetrics metrics = typed(input.text(), responseMs, profile, random);
            ReplyContext context = service.engine().context(state);
            Annotations annotations = service.scorer().score(context.toReplyInput(input.text(), metrics, responseMs));
            Turn next = service.engine().reply(state, annotations, input.text(), clock.toInstant().toEpochMilli());
            events.add(new SessionEvent(++seq, SessionEvent.TRAINEE, "reply", input.text(), clock, context.step(),
                    "demo-" + UUID.randomUUID(), AnnotationsJson.write(metrics), AnnotationsJson.write(annotations),
                    (int) responseMs, null));
            events.addAll(TurnEvents.buyer(next, seq, clock));
            state = next.state();
            clock = last(events, clock);
            if (state.ended() && ScenarioEngine.closingTurn(state)) {
                // the closing turn, as a live session has it: one closing reply (no response time) ends the session
                String text = good ? GOOD_CLOSING : BARE_CLOSING;
                long after = responseMs(text, profile, random);
                clock = clock.plus(after, ChronoUnit.MILLIS);
                TypingMetrics typed = typed(text, after, profile, random);
                Annotations closing = service.scorer().score(ScenarioEngine.closingInput(state, text, typed));
                events.add(new SessionEvent(events.size() + 1, SessionEvent.TRAINEE, ClosingWait.REPLY, text, clock, null,
                        "demo-" + UUID.randomUUID(), AnnotationsJson.write(typed), AnnotationsJson.write(closing), null, null));
            }
        }
        if (!state.ended()) {
            // an unfinished transcript: the buyer gave up waiting, as the silence sweep would have decided
            Turn lost = service.engine().silence(state, 3600);
            int seq = events.size();
            events.add(new SessionEvent(++seq, SessionEvent.SYSTEM, "silence", "", clock.plusHours(1), state.step(), null, null,
                    null, null, 3600));
            events.addAll(TurnEvents.buyer(lost, seq, clock.plusHours(1)));
            state = lost.state();
            clock = last(events, clock.plusHours(1));
        }
        SessionRow row = new SessionRow(UUID.randomUUID(), userId, scenario.id(), scenario.title(), scenario.category(),
                scenario.difficulty(), service.catalog().version(), SessionRow.Mode.practice, test.seed(), start, clock,
                state.ending(), state.outcome() == null ? "lost" : state.outcome().name(), state.satisfaction());
        String scorecard = AnnotationsJson.write(service.grading().grade(events, state));
        return service.log().createEnded(row, events, scorecard);
    }

    private static long responseMs(String text, Profile profile, Random random) {
        long activeMs = activeMs(text, profile);
        long responseMs = Math.max(2000, (long) ((profile.meanResponseS() * (0.5 + random.nextDouble())) * 1000));
        return Math.max(responseMs, activeMs + 1000);
    }

    private static TypingMetrics typed(String text, long responseMs, Profile profile, Random random) {
        long activeMs = activeMs(text, profile);
        return new TypingMetrics(text.length(), han(text), 0, 0, random.nextInt(3), activeMs, responseMs - activeMs);
    }

    private static long activeMs(String text, Profile profile) {
        return Math.max(1000, han(text) * 60_000L / profile.typingCpm());
    }

    private static int han(String text) {
        return (int) text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).count();
    }

    private static OffsetDateTime last(List<SessionEvent> events, OffsetDateTime fallback) {
        OffsetDateTime last = fallback;
        for (SessionEvent e : events) {
            if (e.at().isAfter(last)) {
                last = e.at();
            }
        }
        return last;
    }
}
