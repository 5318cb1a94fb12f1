package io.kefutrainer.web;

import io.kefutrainer.account.Hashing;

import io.kefutrainer.appeals.AppealService;
import io.kefutrainer.practice.DemoHistory;
import io.kefutrainer.practice.PracticeService;
import io.kefutrainer.practice.ShiftService;
import io.kefutrainer.quiz.exam.ExamService;
import io.kefutrainer.quiz.exam.MistakeBook;
import io.kefutrainer.progress.Progress;
import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.store.AppealStore;
import io.kefutrainer.store.CohortStore;
import io.kefutrainer.store.PracticeStore;
import io.kefutrainer.store.ProgressStore;
import io.kefutrainer.store.QuickPhraseStore;
import io.kefutrainer.store.QuizStore;
import io.kefutrainer.store.ShiftStore;
import io.kefutrainer.store.Housekeeping;
import io.kefutrainer.store.LoginThrottle;
import io.kefutrainer.store.PgSessionStore;
import io.kefutrainer.store.DbConfig;
import io.kefutrainer.store.SessionChannel;
import io.kefutrainer.store.TokenStore;
import io.kefutrainer.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.CSPHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.handler.XFrameHandler;
import io.vertx.sqlclient.Pool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Wires the stores, the route table and the HTTP server. Capabilities contribute their routes here. */
public final class Server {
    private static final Logger LOG = Logger.getLogger(Server.class.getName());

    public static final String SESSION_COOKIE = "kt.sid";
    static final long SESSION_TIMEOUT_MS = 12L * 60 * 60 * 1000; // one working day of training
    static final long HOUSEKEEPING_MS = 10 * 60 * 1000;

    private final Vertx vertx;
    private final HttpServer http;
    private final List<RouteSpec> routes;
    private final long housekeepingTimer;
    private final ShiftService shifts;
    private final SessionChannel channel;

    private Server(Vertx vertx, HttpServer http, List<RouteSpec> routes, long housekeepingTimer, ShiftService shifts,
                   SessionChannel channel) {
        this.vertx = vertx;
        this.http = http;
        this.routes = routes;
        this.housekeepingTimer = housekeepingTimer;
        this.shifts = shifts;
        this.channel = channel;
    }

    /** A server that pushes live events only to browsers connected to itself (one instance). */
    public static Future<Server> start(Vertx vertx, Pool pool, ServerOptions options, LiveContent content) {
        return start(vertx, pool, null, options, content);
    }

    /**
     * @param db when given, the server LISTENs for other instances' session events (PostgreSQL NOTIFY), so a
     *           browser's live channel works whichever instance the load balancer sent it to
     */
    public static Future<Server> start(Vertx vertx, Pool pool, DbConfig db, ServerOptions options, LiveContent content) {
        UserStore users = new UserStore(pool);
        CohortStore cohorts = new CohortStore(pool);
        TokenStore tokens = new TokenStore(pool);
        Hashing hashing = new Hashing(vertx);
        SignIn signIn = new SignIn(users, new LoginThrottle(pool), hashing);
        SessionHandler sessionHandler = SessionHandler.create(new PgSessionStore(vertx, pool))
                .setSessionCookieName(SESSION_COOKIE)
                .setCookieHttpOnlyFlag(true)
                .setCookieSameSite(CookieSameSite.LAX)
                .setCookieSecureFlag(options.secureCookies())
                .setSessionTimeout(SESSION_TIMEOUT_MS)
                .setMinLength(32)
                .setNagHttps(false)
                // Only sessions that are used (sign-in page, signed-in users) are stored: API calls and health checks create none.
                .setLazySession(true);
        Pages pages = new Pages(vertx, options.demo(), new Sessions(sessionHandler), content::vocabulary);
        ErrorHandler errors = new ErrorHandler(pages);
        Gatekeeper gatekeeper = new Gatekeeper(users, tokens);

        RouteTable table = new RouteTable();
        new HealthRoutes(pool).register(table);
        new AuthRoutes(pages, signIn, tokens).register(table);
        new HomeRoutes(pages).register(table);
        new ScenarioRoutes(pages, content).register(table);
        PracticeStore practiceStore = new PracticeStore(pool);
        PracticeService practice = new PracticeService(vertx, practiceStore, content::catalog, content::scorer,
                content::rubric, ScenarioEngine.create());
        practice.startSilenceSweep();
        Future<SessionChannel> channel = db == null ? Future.succeededFuture(null)
                : SessionChannel.listen(vertx, db, practice::onAnnouncement, practice::catchUp);
        Future<Void> history = options.demoHistory() ? seedDemoHistory(users, new DemoHistory(practice)) : Future.succeededFuture();
        AppealService appeals = new AppealService(new AppealStore(pool), practiceStore, cohorts, content::rubric, content::politeness);
        new PracticeRoutes(vertx, practice, practiceStore, appeals, content::rubric).register(table);
        new AppealRoutes(vertx, appeals, pages, content).register(table);
        new WorkbenchRoutes(vertx, pages, content, new QuickPhraseStore(pool)).register(table);
        ShiftStore shiftStore = new ShiftStore(pool);
        ShiftService shifts = new ShiftService(vertx, shiftStore, practice, content::catalog, java.time.Instant::now);
        shifts.startTicker();
        new ShiftRoutes(pages, shifts, shiftStore, cohorts, content).register(table);
        QuizStore quizStore = new QuizStore(pool);
        ExamService exams = new ExamService(vertx, quizStore, content::quiz);
        exams.startSweep();
        new QuizRoutes(pages, exams, new MistakeBook(quizStore, content::quiz)).register(table);
        new QuizBankRoutes(pages, content, quizStore, vertx).register(table);
        ProgressStore progressStore = new ProgressStore(pool);
        new ProgressRoutes(pages, new Progress(progressStore, content::kpi), progressStore, cohorts, users, practiceStore, content, appeals)
                .register(table);
        new AccountRoutes(pages, users, hashing).register(table);
        new AdminRoutes(pages, users, cohorts, hashing, vertx, tokens).register(table);

        Router router = Router.router(vertx);
        router.route()
                .handler(CSPHandler.create()
                        .setDirective("default-src", "'self'")
                        .setDirective("script-src", "'self'")
                        .setDirective("style-src", "'self'")
                        .setDirective("img-src", "'self' data:")
                        .setDirective("connect-src", "'self'")
                        .setDirective("object-src", "'none'")
                        .setDirective("base-uri", "'self'")
                        .setDirective("form-action", "'self'")
                        .setDirective("frame-ancestors", "'none'"))
                .handler(XFrameHandler.create(XFrameHandler.DENY))
                .handler(ctx -> {
                    ctx.response()
                            .putHeader("X-Content-Type-Options", "nosniff")
                            .putHeader("Referrer-Policy", "same-origin");
                    ctx.next();
                });
        router.get("/static/*").handler(StaticHandler.create("webroot").setMaxAgeSeconds(3600));
        // ECharts and other browser libraries come from webjars in the jar: nothing is fetched from a CDN.
        router.get("/webjars/*").handler(StaticHandler.create("META-INF/resources/webjars").setMaxAgeSeconds(86400));
        router.route().handler(sessionHandler);

        String uploads = uploadsDirectory();
        for (RouteSpec spec : table.specs()) {
            Route route = router.route(spec.method(), spec.path());
            BodyHandler body = BodyHandler.create(spec.uploads()).setBodyLimit(spec.bodyLimit());
            if (spec.uploads()) {
                body.setUploadsDirectory(uploads).setDeleteUploadedFilesOnEnd(true);
            }
            route.handler(body);
            if (spec.api() && spec.changesState()) {
                route.handler(JsonBodies::requireJsonContentType);
            }
            route.handler(gatekeeper.guard(spec)).handler(spec.handler());
        }
        router.route().failureHandler(errors::handle);
        router.errorHandler(404, ctx -> gatekeeper.identify(ctx).onComplete(x -> errors.respond(ctx, 404, null, null)));
        router.errorHandler(405, ctx -> errors.respond(ctx, 405, null, null));

        HttpServerOptions httpOptions = new HttpServerOptions()
                .setPort(options.port())
                .setHost("0.0.0.0")
                .setCompressionSupported(true)
                .setMaxFormAttributeSize(256 * 1024)
                .setMaxFormFields(1024);
        Housekeeping housekeeping = new Housekeeping(pool);
        return history.compose(x -> channel).compose(listening -> vertx.createHttpServer(httpOptions).requestHandler(router).listen()
                .map(http -> {
                    long timer = vertx.setPeriodic(HOUSEKEEPING_MS, id -> housekeeping.run()
                            .onFailure(e -> LOG.log(Level.FINE, "housekeeping skipped: " + e.getMessage())));
                    return new Server(vertx, http, table.specs(), timer, shifts, listening);
                }));
    }

    /** Past sessions for the demo trainees (see DemoHistory); trainees who already have sessions are left alone. */
    private static Future<Void> seedDemoHistory(UserStore users, DemoHistory history) {
        Future<Void> chain = Future.succeededFuture();
        for (DemoHistory.Profile profile : DemoHistory.PROFILES) {
            chain = chain.compose(x -> users.credentials(profile.username()).compose(found -> found.isPresent()
                    && found.get().user().role() == io.kefutrainer.account.Role.trainee
                    ? history.seed(found.get().user().id(), profile).mapEmpty()
                    : Future.<Void>succeededFuture()));
        }
        return chain;
    }

    public int port() {
        return http.actualPort();
    }

    /** The route table, for the tests that check every route against every role. */
    public List<RouteSpec> routes() {
        return routes;
    }

    /** The shift service, for tests that move a shift's clock and want the ticker's effect at once. */
    public ShiftService shifts() {
        return shifts;
    }

    public Future<Void> close() {
        vertx.cancelTimer(housekeepingTimer);
        shifts.stop();
        Future<Void> closed = http.close();
        return channel == null ? closed : closed.eventually(() -> channel.close());
    }

    private static String uploadsDirectory() {
        try {
            return Files.createTempDirectory("kefu-trainer-uploads").toString();
        } catch (Exception e) {
            return Path.of(System.getProperty("java.io.tmpdir"), "kefu-trainer-uploads").toString();
        }
    }
}
