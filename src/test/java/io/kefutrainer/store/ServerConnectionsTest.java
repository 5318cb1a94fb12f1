package io.kefutrainer.store;

import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DbTest
@DisplayName("The server's database connections")
class ServerConnectionsTest {

    @Test
    @DisplayName("run without PostgreSQL's JIT (it compiled the KPI flush for ~100 ms of CPU, about once a second under load) and carry the server's name")
    void noJitAndNamed() {
        try (TestApp app = TestApp.start()) {
            // several statements, so that more than one pooled connection is asked
            for (int i = 0; i < 4; i++) {
                assertEquals("off", app.sql("SELECT current_setting('jit')").iterator().next().getString(0));
            }
            assertEquals(Db.APPLICATION_NAME, app.sql("SELECT current_setting('application_name')").iterator().next().getString(0));
        }
    }
}
