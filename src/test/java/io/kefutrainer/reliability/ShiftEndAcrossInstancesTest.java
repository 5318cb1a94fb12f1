package io.kefutrainer.reliability;

import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.EventStream;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DbTest
@DisplayName("a shift handed over on one instance ends its conversations on a stream served by another")
class ShiftEndAcrossInstancesTest {
    @Test
    @DisplayName("交班 on instance A: the trainee's SSE stream on instance B gets `ended` (time-up announces after commit, like replies)")
    void handOverEndReachesOtherInstance() throws Exception {
        TestApp first = TestApp.startWithContent(Path.of("src/test/resources/practice"));
        TestApp second = first.another();
        try {
            Api a = new Api(first);
            String token = a.token("trainee1", "demo1234");
            var res = a.call("POST", "/api/shifts", token, "{\"minutes\":15,\"seed\":5}");
            assertEquals(201, res.statusCode(), res.body());
            JsonObject s = new JsonObject(res.body());
            String sid = s.getJsonArray("sessions").getJsonObject(0).getString("id");
            List<String> lines = new CopyOnWriteArrayList<>();
            InputStream stream = EventStream.open(HttpClient.newHttpClient(), second, sid, token, lines);
            try {
                EventStream.waitUntil(() -> lines.stream().anyMatch(l -> l.startsWith("retry")), 10_000, lines);
                Thread.sleep(500); // the stream has subscribed to the session on B before the shift ends on A
                assertEquals(200, a.call("POST", "/api/shifts/" + s.getString("id") + "/end", token, null).statusCode());
                EventStream.waitUntil(() -> lines.stream().anyMatch(l -> l.startsWith("event: ended")), 10_000, lines);
            } finally {
                stream.close();
            }
        } finally {
            second.stop();
            first.close();
        }
    }
}
