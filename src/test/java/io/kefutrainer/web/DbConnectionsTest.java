package io.kefutrainer.web;

import io.kefutrainer.Application;
import io.kefutrainer.store.Db;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `serve --db-connections N` is what an operator sizes PostgreSQL's max_connections by: however much work waits, the
 * server holds at most N pooled connections (and the one LISTEN connection), and the work that waits still gets done.
 */
@DbTest
class DbConnectionsTest {

    @Test
    void theServerNeverOpensMoreConnectionsThanConfigured() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            Vertx vertx = Vertx.vertx();
            try {
                Application app = Application.start(vertx, db.config(),
                                new ServerOptions(0, false, Path.of("scenarios"), false, false, 2).withDbConnections(3), pw -> { })
                        .await(60, TimeUnit.SECONDS);
                // twenty statements that each hold a connection for 300 ms, all asked for at once
                List<Future<?>> slow = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    slow.add(app.pool().query("SELECT pg_sleep(0.3)").execute());
                }
                Thread.sleep(400);
                long pooled;
                long total;
                try (Connection c = DriverManager.getConnection(db.config().jdbcUrl(db.config().database()), db.config().user(),
                        db.config().password()); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE query NOT ILIKE 'LISTEN%'), count(*)"
                             + " FROM pg_stat_activity WHERE datname = current_database() AND application_name = '"
                             + Db.APPLICATION_NAME + "'")) {
                    rs.next();
                    pooled = rs.getLong(1);
                    total = rs.getLong(2);
                }
                Future.all(slow).await(30, TimeUnit.SECONDS);
                assertEquals(3, pooled, "pooled connections while twenty statements wait");
                assertTrue(total <= 4, "at most the pool and the LISTEN connection: " + total);
                assertTrue(slow.stream().allMatch(Future::succeeded), "every waiting statement ran");
                app.close().await(30, TimeUnit.SECONDS);
            } finally {
                vertx.close().await(30, TimeUnit.SECONDS);
            }
        }
    }
}
