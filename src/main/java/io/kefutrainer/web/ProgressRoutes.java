package io.kefutrainer.web;

import io.kefutrainer.account.Cohort;
import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.kefutrainer.content.LiveContent;
import io.kefutrainer.practice.AnnotationsJson;
import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.progress.KpiCsv;
import io.kefutrainer.progress.Kpis;
import io.kefutrainer.progress.Period;
import io.kefutrainer.progress.Progress;
import io.kefutrainer.progress.Readiness;
import io.kefutrainer.progress.SessionFacts;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scoring.KpiTargets;
import io.kefutrainer.store.CohortStore;
import io.kefutrainer.store.PracticeStore;
import io.kefutrainer.store.ProgressStore;
import io.kefutrainer.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Progress and KPI scorecards: the trainee's 我的进步, the manager's 团队看板 with drill-down to a transcript,
 * the KPI API and the CSV export. Trainees see only themselves, trainers and managers only their cohorts,
 * admins everything.
 */
final class ProgressRoutes {
    static final Set<Role> STAFF = RouteTable.roles(Role.trainer, Role.manager, Role.admin);
    static final Set<Role> DASHBOARD = RouteTable.roles(Role.manager, Role.admin);
    static final Set<Role> TRAINEES = RouteTable.roles(Role.trainee);

    private final Pages pages;
    private final Progress progress;
    private final ProgressStore store;
    private final CohortStore cohorts;
    private final UserStore users;
    private final PracticeStore practice;
    private final LiveContent content;
    private final io.kefutrainer.appeals.AppealService appeals;
    private final io.kefutrainer.quiz.practice.PracticeQuizzes quizzes;

    ProgressRoutes(Pages pages, Progress progress, ProgressStore store, CohortStore cohorts, UserStore users,
                   PracticeStore practice, LiveContent content, io.kefutrainer.appeals.AppealService appeals,
                   io.kefutrainer.quiz.practice.PracticeQuizzes quizzes) {
        this.appeals = appeals;
        this.quizzes = quizzes;
        this.pages = pages;
        this.progress = progress;
        this.store = store;
        this.cohorts = cohorts;
        this.users = users;
        this.practice = practice;
        this.content = content;
    }

    void register(RouteTable table) {
        table.api(HttpMethod.GET, "/api/cohorts", RouteTable.SIGNED_IN, this::myCohorts);
        table.api(HttpMethod.GET, "/api/cohorts/:id/kpis", STAFF, this::cohortKpis);
        table.api(HttpMethod.GET, "/api/cohorts/:id/kpis.csv", STAFF, this::cohortCsv);
        table.api(HttpMethod.GET, "/api/trainees/:id/kpis", RouteTable.SIGNED_IN, this::traineeKpis);
        table.page(HttpMethod.GET, "/progress", TRAINEES, this::myProgress);
        table.page(HttpMethod.GET, "/progress/sessions/:id", TRAINEES, this::myTranscript);
        table.page(HttpMethod.GET, "/dashboard", DASHBOARD, this::dashboard);
        table.page(HttpMethod.GET, "/dashboard/trainees/:id", DASHBOARD, this::traineePage);
        table.page(HttpMethod.GET, "/dashboard/sessions/:id", DASHBOARD, this::sessionPage);
    }

    // ---- API

    private void myCohorts(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        Future<List<Cohort>> list = user.role() == Role.admin ? cohorts.list() : cohorts.forMember(user.id());
        list.onSuccess(all -> {
            JsonArray array = new JsonArray();
            all.forEach(c -> array.add(new JsonObject().put("id", c.id()).put("name", c.name())
                    .put("description", c.description()).put("trainees", c.trainees())));
            json(ctx, array.encode());
        }).onFailure(ctx::fail);
    }

    private void cohortKpis(RoutingContext ctx) {
        Period period = period(ctx);
        cohortReport(ctx, period).onSuccess(report -> json(ctx, cohortJson(report).encode())).onFailure(ctx::fail);
    }

    private void cohortCsv(RoutingContext ctx) {
        Period period = period(ctx);
        cohortReport(ctx, period).onSuccess(report -> {
            String name = "kpi-cohort-" + report.cohort().id() + ".csv";
            ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                    .putHeader("Cache-Control", "no-store")
                    .end(KpiCsv.write(report));
        }).onFailure(ctx::fail);
    }

    private void traineeKpis(RoutingContext ctx) {
        Period period = period(ctx);
        visibleTrainee(ctx).compose(trainee -> progress.trainee(trainee, period))
                .onSuccess(report -> json(ctx, traineeJson(report).encode()))
                .onFailure(ctx::fail);
    }

    // ---- pages

    private void myProgress(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        Period period = period(ctx);
        progress.trainee(user, period).compose(report -> Future.all(store.violatedRules(user.id(), Progress.RECENT_SESSIONS),
                                quizzes.visibleTo(user.id()))
                        .map(all -> traineeModel(report, "我的进步", "/progress/sessions/", all.resultAt(0), practiceBanks(all.resultAt(1)))))
                // 申诉 decided since the trainee last looked: told once here
                .compose(model -> appeals.takeUnseenDecisions(user.id()).map(decided -> {
                    model.put("decidedAppeals", decided);
                    return model;
                }))
                .onSuccess(model -> pages.render(ctx, "progress", model)).onFailure(ctx::fail);
    }

    private void traineePage(RoutingContext ctx) {
        Period period = period(ctx);
        visibleTrainee(ctx).compose(trainee -> progress.trainee(trainee, period))
                .compose(report -> store.violatedRules(report.trainee().id(), Progress.RECENT_SESSIONS)
                        .map(rules -> traineeModel(report, report.trainee().displayName() + " 的记分卡", "/dashboard/sessions/", rules,
                                Set.of())))
                .onSuccess(model -> pages.render(ctx, "progress", model))
                .onFailure(ctx::fail);
    }

    private void dashboard(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        Period period = period(ctx);
        Future<List<Cohort>> mine = user.role() == Role.admin ? cohorts.list() : cohorts.forMember(user.id());
        mine.compose(list -> {
            if (list.isEmpty()) {
                return Future.succeededFuture(Map.<String, Object>of("cohorts", list, "title", "团队看板"));
            }
            String wanted = ctx.request().getParam("cohort");
            Cohort chosen = list.stream().filter(c -> String.valueOf(c.id()).equals(wanted)).findFirst().orElse(list.get(0));
            return cohorts.members(chosen.id())
                    .compose(members -> progress.cohort(chosen, trainees(members), period))
                    .compose(report -> comparison(list, report, period).map(rows -> {
                        Map<String, Object> model = dashboardModel(list, report);
                        model.put("comparison", rows);
                        return model;
                    }))
                    // 申诉 per trainee and per rule / entry (all time), rules or entries trainers should look at flagged
                    .compose(model -> cohorts.members(chosen.id()).compose(members -> {
                        LiveContent.AppealFlag flag = content.appealFlag();
                        List<User> trainees = trainees(members);
                        return appeals.counts(trainees.stream().map(User::id).toList(), flag.acceptedShare(), flag.minDecided())
                                .map(counts -> {
                                    Map<String, String> names = new HashMap<>();
                                    trainees.forEach(t -> names.put(String.valueOf(t.id()), t.displayName()));
                                    model.put("appealTrainees", counts.get("trainees"));
                                    model.put("appealKeys", counts.get("keys"));
                                    model.put("appealNames", names);
                                    model.put("appealFlagShare", Math.round(flag.acceptedShare() * 100));
                                    return model;
                                });
                    }));
        }).onSuccess(model -> pages.render(ctx, "dashboard", model)).onFailure(ctx::fail);
    }

    /** Most cohorts a comparison shows (each one is a KPI query). */
    static final int COMPARED_COHORTS = 8;

    /** 批次对比: each of the caller's cohorts (the chosen one from its report) with its KPIs over the period. */
    private Future<List<Map<String, Object>>> comparison(List<Cohort> list, Progress.CohortReport report, Period period) {
        List<Future<Map<String, Object>>> rows = new ArrayList<>();
        for (Cohort c : list.subList(0, Math.min(COMPARED_COHORTS, list.size()))) {
            Future<Map<String, Object>> row = c.id() == report.cohort().id()
                    ? Future.succeededFuture(comparisonRow(c, report.trainees().size(), report.total(), report.targets(), true))
                    : cohorts.members(c.id()).compose(members -> {
                        List<User> trainees = trainees(members);
                        return progress.cohortTotal(trainees, period)
                                .map(k -> comparisonRow(c, trainees.size(), k, report.targets(), false));
                    });
            rows.add(row);
        }
        return Future.all(rows).map(all -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                out.add(all.resultAt(i));
            }
            return out;
        });
    }

    private static Map<String, Object> comparisonRow(Cohort c, int trainees, Kpis k, KpiTargets targets, boolean chosen) {
        Map<String, Object> m = new HashMap<>();
        m.put("cohort", c);
        m.put("trainees", trainees);
        m.put("sessions", k.sessions());
        m.put("cells", cells(k, targets));
        m.put("chosen", chosen);
        return m;
    }

    private void myTranscript(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        transcript(ctx, id -> practice.session(id).map(found -> found.filter(s -> s.userId() == user.id())), "/progress", true);
    }

    private void sessionPage(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        transcript(ctx, id -> practice.session(id).compose(found -> {
            if (found.isEmpty()) {
                return Future.succeededFuture(found);
            }
            return canSee(user, found.get().userId()).map(ok -> {
                if (!ok) {
                    throw new HttpError(403, "您只能查看自己批次学员的对话");
                }
                return found;
            });
        }), "/dashboard/trainees/", false);
    }

    /** A session's transcript with each finding on the words that caused it, and the KPI facts of the session. */
    private void transcript(RoutingContext ctx, java.util.function.Function<UUID, Future<Optional<io.kefutrainer.practice.SessionRow>>> find,
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
            io.kefutrainer.scenario.Vocabulary words = content.vocabulary();
            return Future.all(practice.events(id), store.session(id), users.byId(session.userId()), appeals.forSession(id)).map(all -> {
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
                JsonObject labels = content.catalog().scenario(session.scenarioId()).map(PracticeRoutes::factLabels)
                        .orElseGet(JsonObject::new);
                model.put("lines", lines(events, labels, words));
                // 申诉: the owner may appeal each reply's verdict, violations and costly findings (in 考核 only after the end)
                List<io.kefutrainer.appeals.AppealRow> sessionAppeals = all.resultAt(3);
                Map<String, List<io.kefutrainer.appeals.AppealTargets.Target>> targets = new HashMap<>();
                for (SessionEvent e : events) {
                    if (e.fromTrainee() && e.annotationsJson() != null) {
                        targets.put(String.valueOf(e.seq()), io.kefutrainer.appeals.AppealTargets.of(e.text(), e.annotationsJson(), words,
                                sessionAppeals.stream().filter(a -> a.replySeq() == e.seq()).toList()));
                    }
                }
                boolean hideFindings = session.mode() == io.kefutrainer.practice.SessionRow.Mode.exam && !session.ended();
                model.put("appealTargets", hideFindings ? Map.of() : targets);
                model.put("canAppeal", own && !hideFindings);
                return model;
            });
        }).onSuccess(model -> pages.render(ctx, "transcript", model)).onFailure(ctx::fail);
    }

    /** One line of a transcript page. */
    public record Line(int seq, String from, String kind, String at, List<Highlights.Segment> segments, Double responseS,
                       boolean late, List<String> notes) {
    }

    static List<Line> lines(List<SessionEvent> events, JsonObject factLabels, io.kefutrainer.scenario.Vocabulary words) {
        List<Line> lines = new ArrayList<>();
        java.time.OffsetDateTime roundStart = null;
        for (SessionEvent e : events) {
            String at = e.at().atZoneSameInstant(Period.SHOP_ZONE).toLocalTime().withNano(0).toString();
            if (e.fromBuyer()) {
                if (roundStart == null && !"ending".equals(e.kind())) {
                    roundStart = e.at();
                }
                lines.add(new Line(e.seq(), "buyer", e.kind(), at, List.of(new Highlights.Segment(e.text(), "plain", "")), null, false, List.of()));
            } else if (e.fromTrainee()) {
                Double response = roundStart == null ? null
                        : Math.max(0, (e.at().toInstant().toEpochMilli() - roundStart.toInstant().toEpochMilli()) / 1000.0);
                roundStart = null;
                List<Highlights.Segment> segments = List.of(new Highlights.Segment(e.text(), "plain", ""));
                List<String> notes = new ArrayList<>();
                int pasted = PracticeRoutes.pastedChars(e);
                if (pasted > 0) {
                    notes.add("粘贴 " + pasted + " 字(不计入打字速度)");
                }
                if (e.annotationsJson() != null) {
                    var a = AnnotationsJson.read(e.annotationsJson());
                    segments = Highlights.of(e.text(), a, words);
                    a.violations().forEach(v -> notes.add("违规 · " + words.violation(v.category())
                            + (v.advice() == null ? "" : ":" + v.advice())));
                    a.politeness().findings().stream().filter(f -> f.advice() != null)
                            .forEach(f -> notes.add(Highlights.note(f, words)));
                    if (!a.facts().missing().isEmpty()) {
                        notes.add("缺少要点:" + String.join("、", a.facts().missing().stream()
                                .map(id -> factLabels.getString(id, id)).toList()));
                    }
                    if (!a.facts().said().isEmpty()) {
                        notes.add("不该说:" + String.join("、", a.facts().said().stream()
                                .map(id -> factLabels.getString(id, id)).toList()));
                    }
                }
                lines.add(new Line(e.seq(), "trainee", e.kind(), at, segments, response, response != null && response > 180, notes));
            } else if (e.isNotice()) {
                lines.add(new Line(e.seq(), "system", e.kind(), at,
                        List.of(new Highlights.Segment(e.text(), "plain", "")), null, false, List.of()));
            } else if ("silence".equals(e.kind()) && e.silenceS() != null) {
                lines.add(new Line(e.seq(), "system", e.kind(), at,
                        List.of(new Highlights.Segment("买家已等待 " + e.silenceS() + " 秒", "plain", "")), null, false, List.of()));
            }
        }
        return lines;
    }

    // ---- access

    private Future<Progress.CohortReport> cohortReport(RoutingContext ctx, Period period) {
        User user = CurrentUser.require(ctx);
        long id = longParam(ctx, "id");
        return cohorts.byId(id).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new HttpError(404, "no such cohort"));
            }
            return cohorts.members(id).compose(members -> {
                boolean member = members.stream().anyMatch(m -> m.id() == user.id());
                if (user.role() != Role.admin && !member) {
                    return Future.failedFuture(new HttpError(403, "you may only see the cohorts you run"));
                }
                return progress.cohort(found.get(), trainees(members), period);
            });
        });
    }

    /** The trainee of the path, if the caller may see them: themselves, their cohorts' trainees, or anyone for admin. */
    private Future<User> visibleTrainee(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        long id = longParam(ctx, "id");
        return users.byId(id).compose(found -> {
            if (found.isEmpty() || found.get().role() != Role.trainee) {
                return Future.failedFuture(new HttpError(404, "no such trainee"));
            }
            return canSee(user, id).compose(ok -> ok ? Future.succeededFuture(found.get())
                    : Future.failedFuture(new HttpError(403, user.role() == Role.trainee
                    ? "trainees may only see their own progress" : "you may only see the trainees of your cohorts")));
        });
    }

    private Future<Boolean> canSee(User user, long traineeId) {
        if (user.id() == traineeId || user.role() == Role.admin) {
            return Future.succeededFuture(true);
        }
        if (user.role() == Role.trainee) {
            return Future.succeededFuture(false);
        }
        return cohorts.sharesCohort(user.id(), traineeId);
    }

    private static List<User> trainees(List<User> members) {
        return members.stream().filter(u -> u.role() == Role.trainee).toList();
    }

    private static long longParam(RoutingContext ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new HttpError(404, "not found");
        }
    }

    /** ?from=YYYY-MM-DD&to=YYYY-MM-DD, both optional, shop days; `to` is included. */
    static Period period(RoutingContext ctx) {
        LocalDate from = date(ctx, "from");
        LocalDate to = date(ctx, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw HttpError.badRequest("to must not be before from", "to");
        }
        return new Period(from, to);
    }

    private static LocalDate date(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw HttpError.badRequest(name + " must be a date like 2025-03-01", name);
        }
    }

    // ---- JSON

    static JsonObject cohortJson(Progress.CohortReport r) {
        JsonArray trainees = new JsonArray();
        for (Progress.TraineeRow row : r.trainees()) {
            trainees.add(kpisJson(row.kpis()).put("id", row.trainee().id()).put("name", row.trainee().displayName())
                    .put("username", row.trainee().username()).put("readiness", readinessJson(row.readiness())));
        }
        return new JsonObject()
                .put("cohort", new JsonObject().put("id", r.cohort().id()).put("name", r.cohort().name()))
                .put("period", periodJson(r.period()))
                .put("targets", targetsJson(r.targets()))
                .put("trainees", trainees)
                .put("total", kpisJson(r.total()))
                .put("trend", trendJson(r.trend()));
    }

    static JsonObject traineeJson(Progress.TraineeReport r) {
        JsonObject byCategory = new JsonObject();
        r.byCategory().forEach((k, v) -> byCategory.put(k, kpisJson(v)));
        JsonArray sessions = new JsonArray();
        r.recent().forEach(s -> sessions.add(sessionJson(s)));
        return kpisJson(r.kpis())
                .put("id", r.trainee().id()).put("name", r.trainee().displayName()).put("username", r.trainee().username())
                .put("period", periodJson(r.period()))
                .put("targets", targetsJson(r.targets()))
                .put("readiness", readinessJson(r.readiness()))
                .put("byCategory", byCategory)
                .put("trend", trendJson(r.trend()))
                .put("recentSessions", sessions);
    }

    /** One session's KPI facts: what the trainee's numbers add up, with the transcript to check them against. */
    static JsonObject sessionJson(SessionFacts s) {
        return new JsonObject().put("id", s.id().toString()).put("scenarioId", s.scenarioId()).put("title", s.title())
                .put("category", s.category()).put("mode", s.mode())
                .put("startedAt", PracticeRoutes.time(s.startedAt())).put("endedAt", PracticeRoutes.time(s.endedAt()))
                .put("outcome", s.outcome()).put("satisfaction", s.satisfaction()).put("politeness", s.politeness())
                .put("rules", s.rules()).put("total", s.total()).put("passed", s.passed()).put("tier", s.tier())
                .put("rounds", s.rounds()).put("answeredRounds", s.answered()).put("roundsIn3m", s.in3m())
                .put("responseSSum", s.responseSSum()).put("firstResponseS", s.firstResponseS())
                .put("buyerMessages", s.buyerMessages()).put("replies", s.replies()).put("violations", s.violations())
                .put("forbidden", s.forbidden()).put("typedCpm", new JsonArray(new ArrayList<>(s.typedCpm())));
    }

    static JsonObject kpisJson(Kpis k) {
        JsonObject json = new JsonObject().put("sessions", k.sessions());
        k.values().forEach(json::put);
        return json.put("counts", JsonObject.mapFrom(k.counts()));
    }

    private static JsonObject readinessJson(Readiness r) {
        return JsonObject.mapFrom(r);
    }

    private static JsonObject periodJson(Period p) {
        return new JsonObject().put("from", p.from() == null ? null : p.from().toString())
                .put("to", p.to() == null ? null : p.to().toString());
    }

    static JsonObject targetsJson(KpiTargets t) {
        JsonObject json = new JsonObject();
        t.targets().forEach((key, target) -> json.put(key, new JsonObject().put("kpi", Readiness.KPI_OF_KEY.get(key))
                .put("label", target.label()).put("unit", target.unit()).put("min", target.min()).put("max", target.max())));
        return json;
    }

    private static JsonArray trendJson(Map<String, Kpis> trend) {
        JsonArray array = new JsonArray();
        trend.forEach((day, k) -> array.add(kpisJson(k).put("day", day)));
        return array;
    }

    private static void json(RoutingContext ctx, String body) {
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body);
    }

    // ---- page models

    /** A KPI cell of a page: value as text and its state against the target (ok, warn, bad, none). */
    public record Cell(String key, String label, String unit, String text, String state, String target) {
    }

    /** The KPI columns of the pages, by API name; each one's label and unit come from kpi.yaml (KpiTargets.names). */
    private static final List<String> COLUMNS = List.of("firstResponseS", "avgResponseS", "replyRate3m", "typingCpm",
            "answerRatio", "conversionRate", "resolutionRate", "satisfaction", "violationsPer100", "forbiddenPer100",
            "politenessScore", "rulesScore", "quizScore");

    static List<Cell> cells(Kpis k, KpiTargets targets) {
        Map<String, KpiTargets.Target> byKpi = new HashMap<>();
        targets.targets().forEach((key, t) -> {
            String kpi = Readiness.KPI_OF_KEY.get(key);
            if (kpi != null) {
                byKpi.put(kpi, t);
            }
        });
        Map<String, Double> values = k.values();
        List<Cell> cells = new ArrayList<>();
        for (String c : COLUMNS) {
            Double v = values.get(c);
            KpiTargets.Target t = byKpi.get(c);
            cells.add(new Cell(c, targets.label(c), targets.unit(c), v == null ? "—" : format(v), state(v, t), t == null ? "" : Readiness.describe(t)));
        }
        return cells;
    }

    /** A column header: the KPI's label with its unit (a label that already says its unit, e.g. 礼貌分, keeps it bare). */
    static String header(KpiTargets targets, String kpi) {
        String label = targets.label(kpi);
        String unit = targets.unit(kpi);
        return unit.isEmpty() || label.endsWith(unit) ? label : label + "(" + unit + ")";
    }

    /** Green when the target is met, amber within 10 % of it (or of 10 units for a zero target), red beyond. */
    static String state(Double v, KpiTargets.Target t) {
        if (v == null) {
            return "none";
        }
        if (t == null) {
            return "plain";
        }
        if (t.met(v)) {
            return "ok";
        }
        double bound = t.min() != null && v < t.min() ? t.min() : t.max();
        double slack = Math.max(Math.abs(bound) * 0.1, bound == 0 ? 1 : 0);
        return Math.abs(v - bound) <= slack ? "warn" : "bad";
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    private Map<String, Object> dashboardModel(List<Cohort> list, Progress.CohortReport report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Progress.TraineeRow row : report.trainees()) {
            Map<String, Object> m = new HashMap<>();
            m.put("trainee", row.trainee());
            m.put("sessions", row.kpis().sessions());
            m.put("cells", cells(row.kpis(), report.targets()));
            m.put("readiness", row.readiness());
            rows.add(m);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("title", "团队看板");
        model.put("cohorts", list);
        model.put("cohort", report.cohort());
        model.put("from", report.period().from() == null ? "" : report.period().from().toString());
        model.put("to", report.period().to() == null ? "" : report.period().to().toString());
        // units in the headers, so a cell is a bare number (and the table fits)
        model.put("headers", COLUMNS.stream().map(c -> header(report.targets(), c)).toList());
        model.put("rows", rows);
        model.put("total", cells(report.total(), report.targets()));
        model.put("totalSessions", report.total().sessions());
        model.put("ready", report.trainees().stream().filter(r -> r.readiness().ready()).count());
        model.put("trendJson", trendChart(report.trend(), report.targets()).encode());
        model.put("distributionJson", distribution(report).encode());
        model.put("lastSessions", report.targets().lastSessions());
        return model;
    }

    /** The banks a trainee may practise (推荐测验 links to them). */
    private static Set<String> practiceBanks(Map<String, io.kefutrainer.quiz.practice.Publication> visible) {
        Set<String> banks = new java.util.HashSet<>();
        visible.forEach((bank, p) -> {
            if (p.mode() == io.kefutrainer.quiz.practice.Publication.Mode.practice) {
                banks.add(bank);
            }
        });
        return banks;
    }

    private Map<String, Object> traineeModel(Progress.TraineeReport report, String title, String sessionLink,
                                             Map<String, Long> violatedRules, Set<String> practiceBanks) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("trainee", report.trainee());
        model.put("period", report.period());
        model.put("cells", cells(report.kpis(), report.targets()));
        model.put("sessions", report.kpis().sessions());
        model.put("readiness", report.readiness());
        model.put("recent", report.recent().stream().map(this::sessionRow).toList());
        model.put("from", report.period().from() == null ? "" : report.period().from().toString());
        model.put("to", report.period().to() == null ? "" : report.period().to().toString());
        model.put("sessionLink", sessionLink);
        // the trainee's own page links to practice and exams; a manager's or trainer's view of it may not open those
        model.put("own", sessionLink.startsWith("/progress/"));
        model.put("trendJson", trendChart(report.trend(), report.targets()).encode());
        model.put("weak", weakest(report));
        model.put("quizzes", recommendedQuizzes(violatedRules, practiceBanks));
        model.put("examPassed", report.readiness().unmet().stream().noneMatch(u -> Readiness.EXAM_KEY.equals(u.key())));
        model.put("tiers", tiers(report.recent()));
        model.put("mistakes", report.recent().stream().filter(s -> s.violations() > 0 || s.forbidden() > 0).limit(5)
                .map(this::sessionRow).toList());
        return model;
    }

    private static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A recent session as a page shows it, with the facts its KPIs are computed from. */
    private Map<String, Object> sessionRow(SessionFacts s) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", s.id().toString());
        m.put("title", s.title());
        m.put("category", s.category());
        m.put("when", s.startedAt().atZoneSameInstant(Period.SHOP_ZONE).format(WHEN));
        m.put("outcome", s.outcome() == null ? "" : content.vocabulary().outcome(s.outcome()));
        m.put("categoryLabel", content.vocabulary().category(s.category()));
        m.put("satisfaction", s.satisfaction() == null ? "—" : String.valueOf(s.satisfaction()));
        // a buyer nobody answered has no grade: say so rather than a bare dash
        m.put("total", s.total() != null ? format(s.total()) : s.replies() == 0 ? "未回复,不评分" : "—");
        m.put("tier", s.tier() == null ? "" : s.tier());
        m.put("rounds", s.rounds() + " 轮 / " + s.in3m() + " 轮3分钟内");
        m.put("replies", String.valueOf(s.replies()));
        m.put("violations", s.violations());
        m.put("forbidden", s.forbidden());
        return m;
    }

    /** Sessions per tier among the recent ones (金牌/银牌/铜牌/未评级). */
    private static Map<String, Long> tiers(List<SessionFacts> recent) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (SessionFacts s : recent) {
            counts.merge(s.tier() == null ? "未评级" : s.tier(), 1L, Long::sum);
        }
        return counts;
    }

    /** A weak category: its mean politeness+rules score and scenarios of it to practise. */
    public record Weak(String category, String score, List<CatalogSnapshot.Summary> scenarios) {
    }

    /** The two categories with the lowest mean of politeness and rules scores, each with up to three scenarios. */
    private List<Weak> weakest(Progress.TraineeReport report) {
        List<Map.Entry<String, Kpis>> scored = new ArrayList<>();
        report.byCategory().forEach((cat, k) -> {
            if (k.politenessScore() != null && k.rulesScore() != null) {
                scored.add(Map.entry(cat, k));
            }
        });
        scored.sort(Comparator.comparingDouble(e -> e.getValue().politenessScore() + e.getValue().rulesScore()));
        List<CatalogSnapshot.Summary> all = content.catalog().summaries();
        List<Weak> weak = new ArrayList<>();
        for (Map.Entry<String, Kpis> e : scored.subList(0, Math.min(2, scored.size()))) {
            double mean = (e.getValue().politenessScore() + e.getValue().rulesScore()) / 2;
            weak.add(new Weak(content.vocabulary().category(e.getKey()), format(mean), all.stream().filter(s -> s.category().equals(e.getKey())).limit(3).toList()));
        }
        return weak;
    }

    /**
     * A quiz topic to practise: its category in the question banks (the last part of `path`), the rules it covers and
     * how often they were broken; `bank` is the practice bank to open for it ("" when none is open to the trainee).
     */
    public record QuizTip(String category, String path, String rules, long violations, int questions, String bank) {
    }

    /**
     * The question-bank categories whose questions cite the platform rules the trainee broke recently (rule ids in
     * the annotations and in the questions' `rules`), most broken first, each with the practice bank that has the
     * most questions in it.
     */
    private List<QuizTip> recommendedQuizzes(Map<String, Long> violatedRules, Set<String> practiceBanks) {
        if (violatedRules.isEmpty()) {
            return List.of();
        }
        io.kefutrainer.quiz.QuizContent quiz = content.quiz();
        Map<String, long[]> byCategory = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> rulesOf = new LinkedHashMap<>();
        violatedRules.forEach((rule, times) -> {
            for (io.kefutrainer.quiz.Question q : quiz.questions().values()) {
                if (q.rules().contains(rule)) {
                    // every level of the question's category, as the path down to it ("售后", "售后/七天无理由")
                    for (int level = 1; level <= q.category().size(); level++) {
                        String category = String.join("/", q.category().subList(0, level));
                        long[] counts = byCategory.computeIfAbsent(category, c -> new long[2]);
                        counts[1]++;
                        if (rulesOf.computeIfAbsent(category, c -> new java.util.LinkedHashSet<>()).add(rule)) {
                            counts[0] += times;
                        }
                    }
                }
            }
        });
        Map<String, List<io.kefutrainer.quiz.Question>> banks = quiz.banksByKey();
        List<QuizTip> tips = new ArrayList<>();
        byCategory.forEach((path, counts) -> {
            String bank = banks.entrySet().stream().filter(e -> practiceBanks.contains(e.getKey()))
                    .map(e -> Map.entry(e.getKey(), e.getValue().stream().filter(q -> q.type().autoGraded() && q.inCategory(path)).count()))
                    .filter(e -> e.getValue() > 0)
                    .max(Comparator.comparingLong(Map.Entry::getValue)).map(Map.Entry::getKey).orElse("");
            List<String> parts = io.kefutrainer.quiz.Categories.split(path);
            tips.add(new QuizTip(parts.get(parts.size() - 1), path, rulesOf.get(path).stream()
                    .map(r -> quiz.ruleTitle(r) == null ? r : quiz.ruleTitle(r)).collect(java.util.stream.Collectors.joining("、")),
                    counts[0], (int) counts[1], bank));
        });
        // most broken first; among equals, the bank with the most questions on those rules (the topic's own bank
        // before one that mentions the rule once)
        tips.sort(Comparator.comparingLong(QuizTip::violations).reversed()
                .thenComparing(Comparator.comparingInt(QuizTip::questions).reversed()));
        return tips.subList(0, Math.min(3, tips.size()));
    }

    /** Trend chart data: per day, each charted KPI, with its kpi.yaml target line. */
    private static JsonObject trendChart(Map<String, Kpis> trend, KpiTargets targets) {
        JsonArray days = new JsonArray();
        Map<String, JsonArray> series = new LinkedHashMap<>();
        List<String> charted = List.of("avgResponseS", "replyRate3m", "typingCpm", "politenessScore", "rulesScore", "satisfaction");
        charted.forEach(k -> series.put(k, new JsonArray()));
        trend.forEach((day, k) -> {
            days.add(day);
            Map<String, Double> v = k.values();
            charted.forEach(key -> series.get(key).add(v.get(key) == null ? null : Math.round(v.get(key) * 10) / 10.0));
        });
        JsonObject targetsJson = new JsonObject();
        JsonObject labels = new JsonObject();
        for (String c : COLUMNS) {
            labels.put(c, targets.label(c));
        }
        targets.targets().forEach((key, t) -> {
            String kpi = Readiness.KPI_OF_KEY.get(key);
            if (kpi != null && charted.contains(kpi)) {
                targetsJson.put(kpi, t.min() != null ? t.min() : t.max());
            }
        });
        JsonObject seriesJson = new JsonObject();
        series.forEach(seriesJson::put);
        return new JsonObject().put("days", days).put("series", seriesJson).put("targets", targetsJson).put("labels", labels);
    }

    /** Distribution of trainees' rules scores (cohort page): counts per 10-point bucket. */
    private static JsonObject distribution(Progress.CohortReport r) {
        int[] buckets = new int[10];
        for (Progress.TraineeRow row : r.trainees()) {
            Double v = row.kpis().rulesScore();
            if (v != null) {
                buckets[Math.min(9, Math.max(0, (int) (v / 10)))]++;
            }
        }
        JsonArray labels = new JsonArray();
        JsonArray counts = new JsonArray();
        for (int i = 0; i < 10; i++) {
            labels.add(i * 10 + "–" + (i == 9 ? 100 : i * 10 + 9));
            counts.add(buckets[i]);
        }
        return new JsonObject().put("labels", labels).put("counts", counts);
    }
}
