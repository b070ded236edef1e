package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackConversationsTest.channel;
import static startupcoach.slack.SlackPayloads.appMention;
import static startupcoach.slack.SlackPayloads.envelope;
import static startupcoach.slack.SlackPayloads.eventId;
import static startupcoach.slack.SlackPayloads.ts;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import startupcoach.cli.CoachServer;
import startupcoach.server.RawHttp;

/**
 * Clients that open a connection, send the headers and part of the body of a Slack event, and
 * stall (a slow or hostile network, or a slowloris attack) against the real {@code serve} in Slack
 * HTTP mode. They must not stall {@code /healthz} or the acknowledgement of a correctly signed
 * event from Slack, and each must be cut off at the read timeout with its connection closed.
 */
class SlowClientsTest {

    private static final int HALF_OPEN = 200;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
    private static FakeSlack slack;
    private static CoachServer server;
    private static SignedClient signed;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        slack = new FakeSlack();
        server = TestServers.startHttp(slack, Map.of("SLACK_PLACEHOLDER_AFTER_MS", "30000",
                "COACH_HTTP_READ_TIMEOUT_SECONDS", Long.toString(READ_TIMEOUT.toSeconds())));
        signed = new SignedClient(server.port(), TestServers.SIGNING_SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        slack.close();
    }

    private static String mention(String channel) {
        return envelope(appMention(channel, "U1", "价格战怎么打？", ts()), eventId());
    }

    @Test
    void twoHundredHalfOpenConnectionsStallNeitherHealthNorASignedEventAndEachIsClosedAtTheReadTimeout() throws Exception {
        // Warm: the first event of a JVM pays for class loading, which is not what is measured here.
        String warm = channel('C');
        assertThat(signed.json(mention(warm)).statusCode()).isEqualTo(200);
        assertThat(slack.next(warm)).isNotNull();

        List<Socket> stalled = new ArrayList<>();
        List<Long> sentAt = new ArrayList<>();
        List<String> stalledChannels = new ArrayList<>();
        try {
            for (int i = 0; i < HALF_OPEN; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                s.setSoTimeout((int) READ_TIMEOUT.plusSeconds(10).toMillis());
                String stalledChannel = channel('C');
                stalledChannels.add(stalledChannel);
                byte[] body = mention(stalledChannel).getBytes(StandardCharsets.UTF_8);
                long now = SignedClient.now();
                String head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "X-Slack-Request-Timestamp: " + now + "\r\nX-Slack-Signature: " + SignedClient.sign(TestServers.SIGNING_SECRET, now, body)
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n";
                s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(body, 0, body.length / 2);
                s.getOutputStream().flush();
                stalled.add(s);
                sentAt.add(System.nanoTime());
            }

            long healthMaxNanos = 0;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                healthMaxNanos = Math.max(healthMaxNanos, System.nanoTime() - t0);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("/healthz with %d stalled clients", HALF_OPEN)
                        .isLessThan(Duration.ofSeconds(1));
            }
            String ch = channel('C');
            long t0 = System.nanoTime();
            assertThat(signed.json(mention(ch)).statusCode()).isEqualTo(200);
            long ackNanos = System.nanoTime() - t0;
            assertThat(Duration.ofNanos(ackNanos)).as("Slack's acknowledgement with %d stalled clients", HALF_OPEN)
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(slack.next(ch).method()).isEqualTo("chat.postMessage");
            // All of that happened while every stalled client was still connected: none is cut off before the timeout.
            assertThat(Duration.ofNanos(System.nanoTime() - sentAt.get(HALF_OPEN - 1))).isLessThan(READ_TIMEOUT);

            long firstCut = Long.MAX_VALUE;
            long lastCut = 0;
            for (int i = 0; i < HALF_OPEN; i++) {
                String response = RawHttp.readResponse(stalled.get(i));
                Duration after = Duration.ofNanos(System.nanoTime() - sentAt.get(i));
                firstCut = Math.min(firstCut, after.toMillis());
                lastCut = Math.max(lastCut, after.toMillis());
                assertThat(response).as("stalled client %d", i).startsWith("HTTP/1.1 408");
                assertThat(after).as("stalled client %d cut off after", i).isGreaterThanOrEqualTo(READ_TIMEOUT.minusMillis(500));
                assertThat(stalled.get(i).getInputStream().read()).as("stalled client %d: connection closed", i).isEqualTo(-1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - sentAt.get(HALF_OPEN - 1))).isLessThan(READ_TIMEOUT.plusSeconds(5));
            System.out.printf("slow-clients halfOpen=%d healthz max=%.1f ms (5 requests) signed ack=%.1f ms; each stalled client"
                            + " got 408 and was closed %d-%d ms after it stalled (read timeout %d s)%n", HALF_OPEN,
                    healthMaxNanos / 1e6, ackNanos / 1e6, firstCut, lastCut, READ_TIMEOUT.toSeconds());
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
        for (String ch : stalledChannels) {
            assertThat(slack.next(ch, Duration.ZERO)).as("a reply to a half-sent event in %s", ch).isNull();
        }
    }

    @Test
    void aSignedBodyLargerThanTheCapIsRefusedWith413() {
        byte[] big = ("{\"type\":\"event_callback\",\"pad\":\"" + "x".repeat(2 << 20) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = signed.post(big, "application/json", SignedClient.now(), Map.of());
        assertThat(r.statusCode()).isEqualTo(413);
    }
}
