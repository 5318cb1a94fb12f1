package io.kefutrainer.web;

import io.kefutrainer.content.LiveContent;
import io.kefutrainer.practice.DemoHistory;
import io.kefutrainer.practice.PracticeService;
import io.kefutrainer.practice.ShiftService;
import io.kefutrainer.store.DbConfig;
import io.kefutrainer.store.UserStore;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The composition root of the web server: builds the stores, services and content once ({@link Services}), then
 * deploys one {@link BackgroundVerticle} (timers and LISTEN, once per process) and {@link ServerOptions#instances()}
 * {@link HttpVerticle}s sharing the port, one per event loop.
 */
public final class Server {
    public static final String SESSION_COOKIE = "kt.sid";

    /** Random ports shared by the HTTP instances of one Server: -1, -2, … so two Servers on one Vert.x never meet. */
    private static final AtomicInteger SHARED_RANDOM_PORT = new AtomicInteger();

    private final Vertx vertx;
    private final String background;
    private final String http;
    private final List<HttpVerticle> instances;
    private final Services services;

    private Server(Vertx vertx, String background, String http, List<HttpVerticle> instances, Services services) {
        this.vertx = vertx;
        this.background = background;
        this.http = http;
        this.instances = List.copyOf(instances);
        this.services = services;
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
        Services services = Services.create(vertx, pool, db, options, content);
        PracticeService.registerCodec(vertx);
        int port = options.port() == 0 ? -SHARED_RANDOM_PORT.incrementAndGet() : options.port();
        String uploads = uploadsDirectory();
        List<HttpVerticle> instances = new CopyOnWriteArrayList<>();
        Future<Void> history = options.demoHistory()
                ? seedDemoHistory(services.users(), new DemoHistory(services.practice())) : Future.succeededFuture();
        return history
                .compose(x -> vertx.deployVerticle(new BackgroundVerticle(services), new DeploymentOptions()))
                .compose(background -> vertx.deployVerticle(() -> {
                            HttpVerticle verticle = new HttpVerticle(services, port, uploads);
                            instances.add(verticle);
                            return verticle;
                        }, new DeploymentOptions().setInstances(options.instances()))
                        .map(http -> new Server(vertx, background, http, instances, services))
                        .onFailure(e -> vertx.undeploy(background)));
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
        return instances.get(0).actualPort();
    }

    /** The route table, for the tests that check every route against every role. */
    public List<RouteSpec> routes() {
        return instances.get(0).routes();
    }

    /** Requests accepted by each HTTP instance so far, in deployment order (tests check where a request landed). */
    public long[] requestsPerInstance() {
        return instances.stream().mapToLong(HttpVerticle::requests).toArray();
    }

    /** The event-loop thread of each HTTP instance, in deployment order. */
    public List<String> eventLoops() {
        return instances.stream().map(HttpVerticle::thread).toList();
    }

    /** The shift service, for tests that move a shift's clock and want the ticker's effect at once. */
    public ShiftService shifts() {
        return services.shifts();
    }

    public Future<Void> close() {
        return vertx.undeploy(http).eventually(() -> vertx.undeploy(background));
    }

    private static String uploadsDirectory() {
        try {
            return Files.createTempDirectory("kefu-trainer-uploads").toString();
        } catch (Exception e) {
            return Path.of(System.getProperty("java.io.tmpdir"), "kefu-trainer-uploads").toString();
        }
    }
}
