package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import startupcoach.cli.CoachServer;

/** {@code serve} without (complete) Slack credentials still starts, and says why Slack is off. */
class SlackDisabledTest {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> call(CoachServer server, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutCredentialsServeStartsAndLogsThatSlackIsDisabledAndWhy() throws Exception {
        try (LogCapture log = new LogCapture("startupcoach.cli.CoachServer", Level.INFO);
             CoachServer server = TestServers.start(Map.of())) {
            assertThat(server.enabledPlatforms()).doesNotContain("slack");
            assertThat(server.disabledPlatforms()).contains("slack: SLACK_BOT_TOKEN is not set");
            assertThat(log.all()).contains("platform.disabled slack: SLACK_BOT_TOKEN is not set");
            assertThat(call(server, "GET", "/healthz").statusCode()).isEqualTo(200);
            assertThat(call(server, "POST", "/slack/events").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aBotTokenWithoutSigningSecretOrAppTokenNamesTheMissingVariable() throws Exception {
        try (CoachServer server = TestServers.start(Map.of("SLACK_BOT_TOKEN", TestServers.BOT_TOKEN))) {
            assertThat(server.disabledPlatforms())
                    .contains("slack: SLACK_SIGNING_SECRET is not set (or set SLACK_APP_TOKEN for Socket Mode)");
            assertThat(String.join("\n", server.disabledPlatforms())).doesNotContain(TestServers.BOT_TOKEN);
        }
    }

    @Test
    void aBotTokenPastedAsAppTokenIsCalledOut() throws Exception {
        try (CoachServer server = TestServers.start(Map.of("SLACK_BOT_TOKEN", TestServers.BOT_TOKEN,
                "SLACK_APP_TOKEN", TestServers.BOT_TOKEN))) {
            assertThat(server.disabledPlatforms())
                    .contains("slack: SLACK_APP_TOKEN must be an app-level token (xapp-…) with the connections:write scope");
        }
    }
}
