package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.account.Role;
import io.kefutrainer.appeals.AppealService;
import io.kefutrainer.progress.Progress;
import io.kefutrainer.progress.TraineeHistory;
import io.kefutrainer.quiz.practice.PracticeQuizzes;
import io.kefutrainer.store.CohortStore;
import io.kefutrainer.store.PracticeStore;
import io.kefutrainer.store.UserStore;
import io.vertx.core.http.HttpMethod;

import java.util.Set;

/**
 * The routes of progress and KPI scorecards: the trainee's 我的进步, the manager's 团队看板 with drill-down to a
 * transcript, the KPI API and the CSV export. Trainees see only themselves, trainers and managers only their cohorts,
 * admins everything (ProgressAccess).
 */
final class ProgressRoutes {
    static final Set<Role> STAFF = RouteTable.roles(Role.trainer, Role.manager, Role.admin);
    static final Set<Role> DASHBOARD = RouteTable.roles(Role.manager, Role.admin);
    static final Set<Role> TRAINEES = RouteTable.roles(Role.trainee);

    private final ProgressApi api;
    private final ProgressPages progressPages;
    private final TranscriptPages transcripts;

    ProgressRoutes(Pages pages, Progress progress, TraineeHistory history, CohortStore cohorts, UserStore users,
                   PracticeStore practice, LiveContent content, AppealService appeals, PracticeQuizzes quizzes) {
        ProgressAccess access = new ProgressAccess(progress, cohorts, users);
        this.api = new ProgressApi(progress, access, cohorts);
        this.progressPages = new ProgressPages(pages, progress, access, history, cohorts, content, appeals, quizzes);
        this.transcripts = new TranscriptPages(pages, access, history, users, practice, content, appeals);
    }

    void register(RouteTable table) {
        table.api(HttpMethod.GET, "/api/cohorts", RouteTable.SIGNED_IN, api::myCohorts);
        table.api(HttpMethod.GET, "/api/cohorts/:id/kpis", STAFF, api::cohortKpis);
        table.api(HttpMethod.GET, "/api/cohorts/:id/kpis.csv", STAFF, api::cohortCsv);
        table.api(HttpMethod.GET, "/api/trainees/:id/kpis", RouteTable.SIGNED_IN, api::traineeKpis);
        table.page(HttpMethod.GET, "/progress", TRAINEES, progressPages::myProgress);
        table.page(HttpMethod.GET, "/progress/sessions/:id", TRAINEES, transcripts::myTranscript);
        table.page(HttpMethod.GET, "/dashboard", DASHBOARD, progressPages::dashboard);
        table.page(HttpMethod.GET, "/dashboard/trainees/:id", DASHBOARD, progressPages::traineePage);
        table.page(HttpMethod.GET, "/dashboard/sessions/:id", DASHBOARD, transcripts::sessionPage);
    }
}
