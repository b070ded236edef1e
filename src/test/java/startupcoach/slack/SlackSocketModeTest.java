package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackConversationsTest.assertCitedAnswer;
import static startupcoach.slack.SlackConversationsTest.channel;
import static startupcoach.slack.SlackPayloads.appMention;
import static startupcoach.slack.SlackPayloads.envelope;
import static startupcoach.slack.SlackPayloads.eventId;
import static startupcoach.slack.SlackPayloads.ts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import startupcoach.cli.CoachServer;

/**
 * Socket Mode end to end: Bolt's own Socket Mode client (Java-WebSocket backend) calls
 * {@code apps.connections.open} on the fake Web API, connects to the WebSocket URL it returns,
 * gets {@code hello}, then envelopes, and must acknowledge each envelope and answer.
 */
class SlackSocketModeTest {

    static FakeSlack slack;
    static CoachServer server;
    static final BlockingQueue<String> fromBot = new LinkedBlockingQueue<>();
    static final AtomicReference<WebSocket> socket = new AtomicReference<>();

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlack();
        CountDownLatch opened = new CountDownLatch(1);
        slack.acceptSocketMode(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                socket.set(webSocket);
                webSocket.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"applink-1\","
                        + "\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"A0COACH\"}}");
                opened.countDown();
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                fromBot.add(text);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
            }
        });
        // No signing secret: Socket Mode only, nothing listens on /slack/events.
        server = TestServers.start(Map.of("SLACK_BOT_TOKEN", TestServers.BOT_TOKEN, "SLACK_APP_TOKEN", TestServers.APP_TOKEN,
                "SLACK_API_URL", slack.apiUrl(), "SLACK_PLACEHOLDER_AFTER_MS", "30000"));
        assertThat(opened.await(10, TimeUnit.SECONDS)).as("the bot opened the WebSocket").isTrue();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        slack.close();
    }

    private static JsonNode nextFromBot() throws Exception {
        String text = fromBot.poll(10, TimeUnit.SECONDS);
        assertThat(text).as("a message from the bot over the WebSocket").isNotNull();
        return SlackPayloads.JSON.readTree(text);
    }

    @Test
    void anEventsApiEnvelopeIsAcknowledgedAndAnswered() throws Exception {
        String ch = channel('C');
        String ts = ts();
        String envelopeId = UUID.randomUUID().toString();
        ObjectNode frame = SlackPayloads.JSON.createObjectNode().put("envelope_id", envelopeId);
        frame.set("payload", SlackPayloads.JSON.readTree(envelope(appMention(ch, "U1", "价格战怎么打？", ts), eventId())));
        frame.put("type", "events_api").put("accepts_response_payload", false).put("retry_attempt", 0).put("retry_reason", "");
        socket.get().send(frame.toString());

        assertThat(nextFromBot().path("envelope_id").asText()).isEqualTo(envelopeId);
        FakeSlack.Call post = slack.next(ch);
        assertThat(post.method()).isEqualTo("chat.postMessage");
        assertThat(post.param("thread_ts")).isEqualTo(ts);
        assertCitedAnswer(post);
    }

    @Test
    void aSlashCommandEnvelopeIsAcknowledgedWithLookingThatUpThenAnswered() throws Exception {
        String key = UUID.randomUUID().toString();
        String envelopeId = UUID.randomUUID().toString();
        ObjectNode payload = SlackPayloads.JSON.createObjectNode().put("token", "XXYYZZ").put("team_id", "T1")
                .put("channel_id", channel('C')).put("user_id", "U1").put("command", "/coach").put("text", "价格战怎么打？")
                .put("api_app_id", "A0COACH").put("response_url", slack.responseUrl(key)).put("trigger_id", "1.2.3");
        ObjectNode frame = SlackPayloads.JSON.createObjectNode().put("envelope_id", envelopeId);
        frame.set("payload", payload);
        frame.put("type", "slash_commands").put("accepts_response_payload", true);
        socket.get().send(frame.toString());

        JsonNode ack = nextFromBot();
        assertThat(ack.path("envelope_id").asText()).isEqualTo(envelopeId);
        assertThat(ack.path("payload").path("text").asText()).isEqualTo(CoachCommand.LOOKING);
        assertCitedAnswer(slack.next(key));
    }

    @Test
    void withoutASigningSecretTheHttpEndpointIsNotServed() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/slack/events"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(server.enabledPlatforms()).contains("slack");
    }
}
