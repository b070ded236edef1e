package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** "Sending began" is marked at the first byte of the first request: never earlier, never twice, never for a refused connection. */
class FirstWriteMarkTest {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final DingTalkHttp http = new DingTalkHttp(new ObjectMapper());

    @Test
    void theMarkComesOnceJustBeforeTheFirstRequestReachesDingTalk() throws Exception {
        try (MockWebServer dingtalk = new MockWebServer()) {
            dingtalk.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    events.add("received " + request.getPath());
                    return new MockResponse().setBody("{\"errcode\":0}");
                }
            });
            dingtalk.start();

            DingTalkHttp.markingFirstWrite(() -> events.add("started"), () -> {
                events.add("rendering");
                http.post("session webhook", dingtalk.url("/part1").toString(), Map.of("k", 1), Map.of());
                http.post("session webhook", dingtalk.url("/part2").toString(), Map.of("k", 2), Map.of());
            });
            http.post("session webhook", dingtalk.url("/later").toString(), Map.of("k", 3), Map.of());

            assertThat(events).containsExactly("rendering", "started", "received /part1", "received /part2", "received /later");
        }
    }

    @Test
    void aConnectionThatNeverOpensIsNoStart() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> DingTalkHttp.markingFirstWrite(() -> events.add("started"),
                () -> http.post("session webhook", "http://127.0.0.1:" + closedPort + "/x", Map.of(), Map.of())))
                .isInstanceOf(DingTalkException.class);
        assertThat(events).as("nothing left the process, so the reply may be sent again").isEmpty();
    }
}
