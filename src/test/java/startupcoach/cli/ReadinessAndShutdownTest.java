package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import startupcoach.server.ChatPlatform;
import startupcoach.server.WebServer;

/**
 * {@code /readyz} names what is not ready (database down or hung, a platform disconnected, shutting
 * down), and closing {@code serve} delivers the answers it had accepted before it stops.
 */
class ReadinessAndShutdownTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readyzIs503NamingADownDatabaseAHungOneAndAPlatformThatIsNotReady() throws Exception {
        try (FakeChatServices fake = new FakeChatServices();
             CoachServer server = Serve.start(Serve.tempData("readyz"), Serve.env(fake, Map.of()))) {
            CountDownLatch never = new CountDownLatch(1);
            DataSource down = dataSource(() -> {
                throw new SQLTransientConnectionException("Connection refused: postgres://coach:pw@db:5432");
            });
            DataSource hung = dataSource(() -> {
                never.await();
                return null;
            });
            ChatPlatform disconnected = new ChatPlatform() {
                @Override
                public String name() {
                    return "dingtalk";
                }

                @Override
                public void start(WebServer web) {
                }

                @Override
                public boolean ready() {
                    return false;
                }
            };
            AtomicBoolean closing = new AtomicBoolean();
            try (Readiness downCheck = new Readiness(server.app(), down, List.of(disconnected), closing::get);
                 Readiness hungCheck = new Readiness(server.app(), hung, List.of(), () -> true);
                 WebServer web = new WebServer("127.0.0.1", 0, 2, 8, 1024)) {
                web.route("/down", downCheck.route()).route("/hung", hungCheck.route()).start();

                var r = Serve.get(web.port(), "/down");
                assertThat(r.statusCode()).isEqualTo(503);
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.get("ready").asBoolean()).isFalse();
                assertThat(body.path("checks").path("database").asText()).isEqualTo("down: SQLTransientConnectionException");
                assertThat(body.path("checks").path("dingtalk").asText()).isEqualTo("not ready");
                assertThat(body.path("checks").path("knowledge").asText()).isEqualTo("ok");
                assertThat(r.body()).doesNotContain("pw@");

                JsonNode hungBody = JSON.readTree(Serve.get(web.port(), "/hung").body());
                assertThat(hungBody.path("checks").path("database").asText()).startsWith("down: timeout after");
                assertThat(hungBody.path("checks").path("server").asText()).isEqualTo("shutting down");
            } finally {
                never.countDown();
            }
        }
    }

    @Test
    void closingDeliversTheAnswersAlreadyAcceptedThenStopsAcceptingAndExits() throws Exception {
        try (FakeChatServices fake = new FakeChatServices()) {
            // Slack always posts a placeholder first: the final answer is a chat.update after it.
            CoachServer server = Serve.start(Serve.tempData("shutdown"), Serve.env(fake,
                    Map.of("SLACK_PLACEHOLDER_AFTER_MS", "0", "COACH_SHUTDOWN_SECONDS", "20")));
            int port = server.port();
            fake.hold();
            byte[] slack = Serve.slackMention("CSHUT1", "USHUT1", "价格战怎么打？").getBytes(StandardCharsets.UTF_8);
            assertThat(Serve.send(Serve.slackRequest(port, slack)).statusCode()).isEqualTo(200);
            byte[] ding = Serve.dingTalkMessage(fake, "cidShut1", "ushut2", "融资要注意什么？").getBytes(StandardCharsets.UTF_8);
            assertThat(Serve.send(Serve.dingTalkRequest(port, ding)).statusCode()).isEqualTo(200);
            assertThat(fake.awaitHeld(Duration.ofSeconds(30))).as("a reply is in flight").isTrue();

            Thread closer = new Thread(server::close, "test-close");
            closer.start();
            awaitRefused(port);
            fake.release();
            closer.join();

            FakeChatServices.Call placeholder = fake.next("CSHUT1", Duration.ofSeconds(5));
            FakeChatServices.Call answer = fake.next("CSHUT1", Duration.ofSeconds(5));
            assertThat(placeholder.method()).isEqualTo("chat.postMessage");
            assertThat(answer).as("the answer replaced the placeholder after shutdown began").isNotNull();
            assertThat(answer.method()).isEqualTo("chat.update");
            assertThat(answer.form().get("text")).isNotBlank();
            FakeChatServices.Call dingReply = fake.next("cidShut1", Duration.ofSeconds(5));
            assertThat(dingReply).as("the DingTalk answer was delivered too").isNotNull();
            assertThat(JSON.readTree(dingReply.body()).path("msgtype").asText()).isEqualTo("markdown");
        }
    }

    /** Waits until the port refuses connections: shutdown has begun. */
    private static void awaitRefused(int port) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            try {
                Serve.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (ConnectException e) {
                return;
            } catch (IOException e) {
                // a connection cut while stopping: try again
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server kept accepting connections after close() began");
    }

    @FunctionalInterface
    interface ConnectionSource {
        java.sql.Connection get() throws Exception;
    }

    private static DataSource dataSource(ConnectionSource connections) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        try {
                            return connections.get();
                        } catch (SQLException | InterruptedException e) {
                            throw e;
                        }
                    }
                    if (method.getName().equals("getParentLogger")) {
                        return Logger.getGlobal();
                    }
                    if (method.getName().equals("getLogWriter")) {
                        return new PrintWriter(System.out);
                    }
                    return null;
                });
    }
}
