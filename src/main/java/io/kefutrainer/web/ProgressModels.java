package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.account.Cohort;
import io.kefutrainer.progress.Kpis;
import io.kefutrainer.progress.Period;
import io.kefutrainer.progress.Progress;
import io.kefutrainer.progress.Readiness;
import io.kefutrainer.progress.Recommendations;
import io.kefutrainer.progress.SessionFacts;
import io.kefutrainer.quiz.practice.Publication;
import io.kefutrainer.scoring.KpiTargets;
import io.kefutrainer.scenario.CatalogSnapshot;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The models of the 团队看板 (dashboard) and 我的进步 / 记分卡 (progress) pages, from the progress reports. */
final class ProgressModels {
    private final LiveContent content;

    ProgressModels(LiveContent content) {
        this.content = content;
    }

    /** 团队看板: the chosen cohort's trainees with their KPI cells and readiness, the cohort total and its charts. */
    Map<String, Object> dashboard(List<Cohort> list, Progress.CohortReport report) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Progress.TraineeRow row : report.trainees()) {
            Map<String, Object> m = new HashMap<>();
            m.put("trainee", row.trainee());
            m.put("sessions", row.kpis().sessions());
            m.put("cells", KpiCells.cells(row.kpis(), report.targets()));
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
        model.put("headers", KpiCells.COLUMNS.stream().map(c -> KpiCells.header(report.targets(), c)).toList());
        model.put("rows", rows);
        model.put("total", KpiCells.cells(report.total(), report.targets()));
        model.put("totalSessions", report.total().sessions());
        model.put("ready", report.trainees().stream().filter(r -> r.readiness().ready()).count());
        model.put("trendJson", KpiCharts.trend(report.trend(), report.targets()).encode());
        model.put("distributionJson", KpiCharts.distribution(report).encode());
        model.put("lastSessions", report.targets().lastSessions());
        return model;
    }

    /** A cohort's row of 批次对比 (cohort comparison). */
    static Map<String, Object> comparisonRow(Cohort c, int trainees, Kpis k, KpiTargets targets, boolean chosen) {
        Map<String, Object> m = new HashMap<>();
        m.put("cohort", c);
        m.put("trainees", trainees);
        m.put("sessions", k.sessions());
        m.put("cells", KpiCells.cells(k, targets));
        m.put("chosen", chosen);
        return m;
    }

    /** The banks a trainee may practise (推荐测验 links to them). */
    static Set<String> practiceBanks(Map<String, Publication> visible) {
        Set<String> banks = new HashSet<>();
        visible.forEach((bank, p) -> {
            if (p.mode() == Publication.Mode.practice) {
                banks.add(bank);
            }
        });
        return banks;
    }

    /** A trainee's page (their own 我的进步, or the 记分卡 a manager opens): KPIs, readiness, recent sessions, what to practise. */
    Map<String, Object> trainee(Progress.TraineeReport report, String title, String sessionLink,
                                Map<String, Long> violatedRules, Set<String> practiceBanks) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("trainee", report.trainee());
        model.put("period", report.period());
        model.put("cells", KpiCells.cells(report.kpis(), report.targets()));
        model.put("sessions", report.kpis().sessions());
        model.put("readiness", report.readiness());
        model.put("recent", report.recent().stream().map(this::sessionRow).toList());
        model.put("from", report.period().from() == null ? "" : report.period().from().toString());
        model.put("to", report.period().to() == null ? "" : report.period().to().toString());
        model.put("sessionLink", sessionLink);
        // the trainee's own page links to practice and exams; a manager's or trainer's view of it may not open those
        model.put("own", sessionLink.startsWith("/progress/"));
        model.put("trendJson", KpiCharts.trend(report.trend(), report.targets()).encode());
        model.put("weak", weakest(report));
        model.put("quizzes", Recommendations.quizzes(content.quiz(), violatedRules, practiceBanks));
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
        m.put("total", s.total() != null ? KpiCells.format(s.total()) : s.replies() == 0 ? "未回复,不评分" : "—");
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
        List<CatalogSnapshot.Summary> all = content.catalog().summaries();
        List<Weak> weak = new ArrayList<>();
        for (String category : Recommendations.weakestCategories(report.byCategory())) {
            Kpis k = report.byCategory().get(category);
            double mean = (k.politenessScore() + k.rulesScore()) / 2;
            weak.add(new Weak(content.vocabulary().category(category), KpiCells.format(mean),
                    all.stream().filter(s -> s.category().equals(category)).limit(3).toList()));
        }
        return weak;
    }
}
