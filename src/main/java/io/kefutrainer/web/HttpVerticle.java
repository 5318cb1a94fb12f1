package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.store.PgSessionStore;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
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

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP event loop: the route table, the router and a server on the shared port, built in {@link #start()} over
 * the shared {@link Services}. Deployed with one instance per event loop asked for (serve --instances); Vert.x hands
 * each new connection to the next instance in turn. Everything built here (router, session handler, template
 * engine, the route objects and the SSE streams they open) is confined to this instance's event loop.
 */
final class HttpVerticle extends VerticleBase {
    static final long SESSION_TIMEOUT_MS = 12L * 60 * 60 * 1000; // one working day of training

    private final Services services;
    private final int port;
    private final String uploads;
    private volatile List<RouteSpec> routes = List.of();
    private volatile HttpServer http;
    /** Requests this instance accepted (tests check on which event loop a request landed). */
    private final AtomicLong requests = new AtomicLong();
    private volatile String thread;

    /** @param port the port to listen on; a negative port is a random port shared by the instances of one Server */
    HttpVerticle(Services services, int port, String uploads) {
        this.services = services;
        this.port = port;
        this.uploads = uploads;
    }

    @Override
    public Future<?> start() {
        thread = Thread.currentThread().getName();
        Services s = services;
        ServerOptions options = s.options();
        SessionHandler sessionHandler = SessionHandler.create(new PgSessionStore(vertx, s.pool()))
                .setSessionCookieName(Server.SESSION_COOKIE)
                .setCookieHttpOnlyFlag(true)
                .setCookieSameSite(CookieSameSite.LAX)
                .setCookieSecureFlag(options.secureCookies())
                .setSessionTimeout(SESSION_TIMEOUT_MS)
                .setMinLength(32)
                .setNagHttps(false)
                // Only sessions that are used (sign-in page, signed-in users) are stored: API calls and health checks create none.
                .setLazySession(true);
        LiveContent content = s.content();
        Pages pages = new Pages(vertx, options.demo(), new Sessions(sessionHandler), content::vocabulary);
        ErrorHandler errors = new ErrorHandler(pages);
        Gatekeeper gatekeeper = new Gatekeeper(s.users(), s.tokens());

        RouteTable table = new RouteTable();
        new HealthRoutes(s.pool()).register(table);
        new AuthRoutes(pages, new SignIn(s.users(), s.throttle(), s.hashing()), s.tokens()).register(table);
        new HomeRoutes(pages).register(table);
        new ScenarioRoutes(pages, content).register(table);
        new PracticeRoutes(vertx, s.practice(), s.practiceStore(), s.appeals(), content::rubric).register(table);
        new AppealRoutes(vertx, s.appeals(), pages, content).register(table);
        new WorkbenchRoutes(pages, content, s.phrases()).register(table);
        new ShiftRoutes(pages, s.shifts(), s.shiftStore(), s.cohorts(), content).register(table);
        new QuizRoutes(pages, s.exams(), s.mistakes(), s.practiceQuizzes()).register(table);
        new QuizBankRoutes(pages, content, s.quizStore(), vertx, s.publishing(), s.cohorts()).register(table);
        new ImportRoutes(pages, content, vertx).register(table);
        new ProgressRoutes(pages, s.progress(), s.history(), s.cohorts(), s.users(), s.practiceStore(), content, s.appeals(), s.practiceQuizzes())
                .register(table);
        new AccountRoutes(pages, s.users(), s.hashing()).register(table);
        new AdminRoutes(pages, s.users(), s.cohorts(), s.hashing(), vertx, s.tokens()).register(table);

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
        // a signed-in user's 404 keeps the navigation: identify them before rendering the page
        router.errorHandler(404, ctx -> gatekeeper.identify(ctx).onComplete(x -> errors.respond(ctx, 404, null, null)));
        router.errorHandler(405, ctx -> errors.respond(ctx, 405, null, null));

        HttpServerOptions httpOptions = new HttpServerOptions()
                .setPort(port)
                .setHost("0.0.0.0")
                .setCompressionSupported(true)
                .setMaxFormAttributeSize(256 * 1024)
                .setMaxFormFields(1024);
        routes = table.specs();
        return vertx.createHttpServer(httpOptions)
                .requestHandler(request -> {
                    requests.incrementAndGet();
                    router.handle(request);
                })
                .listen()
                .onSuccess(server -> http = server);
    }

    List<RouteSpec> routes() {
        return routes;
    }

    int actualPort() {
        return http.actualPort();
    }

    long requests() {
        return requests.get();
    }

    /** The event-loop thread this instance runs on. */
    String thread() {
        return thread;
    }
}
