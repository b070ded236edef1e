package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import startupcoach.digest.Digest;
import startupcoach.digest.DigestDeliveryException;
import startupcoach.digest.DigestTarget;

/** The Slack digest sink against a MockWebServer Web API: the exact Block Kit, 429 handling and which failures may be retried. */
class SlackDigestSinkTest {

    static final String CHANNEL = "C0DIGEST1";
    static final Instant SLOT = Instant.parse("2025-03-03T01:00:00Z");
    static final DigestTarget TARGET = new DigestTarget(7, "slack", CHANNEL, null);

    private final MockWebServer server = new MockWebServer();
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private Slack slack;
    private SlackDigestSink sink;

    @BeforeEach
    void start() throws IOException {
        server.start();
        sink = sinkFor(server.url("/").toString());
    }

    private SlackDigestSink sinkFor(String apiUrl) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(apiUrl);
        config.setStatsEnabled(false);
        config.setHttpClientReadTimeoutMillis(500);
        slack = Slack.getInstance(config);
        // The recording sleeper makes Retry-After observable without waiting for it.
        SlackSender sender = new SlackSender(slack, "xoxb-test-token", new ChannelPacer(Duration.ZERO), slept::add);
        return new SlackDigestSink(sender, new DigestBlocks());
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
        slack.close();
    }

    static Digest digest() {
        return new Digest("Startup digest · risk", "2 passages on risk from the knowledge base, quoted as written.",
                List.of(new Digest.Item("市场风险来自**需求变化**。\n竞争 & 价格 <战>", "《大模型创业的风险与机遇》 › 第二部分 › 2.1 市场风险", "risks.md#12-0"),
                        new Digest.Item("现金流是生命线。", "《大模型创业的风险与机遇》 › 第二部分 › 2.4 财务风险", "risks.md#15-0")),
                List.of(new Digest.TeamQuestion("价格战怎么打？", List.of("《AI大模型创业：如何应对未来价格战？》 › 第三章 › 3.1 差异化"), true),
                        new Digest.TeamQuestion("How do we hire a CTO?", List.of(), false)),
                SLOT);
    }

    private static MockResponse ok() {
        return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"ok\":true,\"channel\":\"" + CHANNEL
                + "\",\"ts\":\"1700000000.000100\"}");
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("a Web API call").isNotNull();
        return r;
    }

    @Test
    void postsTheDigestAsBlockKitWithEachCitationAsAContextLine() throws Exception {
        server.enqueue(ok());

        sink.deliver(TARGET, digest());

        RecordedRequest request = take();
        assertThat(request.getPath()).isEqualTo("/chat.postMessage");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer xoxb-test-token");
        Map<String, String> form = FakeSlack.parseForm(request.getBody().readUtf8());
        assertThat(form).containsEntry("channel", CHANNEL).doesNotContainKey("thread_ts");
        assertThat(form.get("text")).isEqualTo(digest().plainText());
        assertThat(SlackPayloads.JSON.readTree(form.get("blocks"))).isEqualTo(SlackPayloads.JSON.readTree("""
                [
                 {"type":"header","text":{"type":"plain_text","text":"Startup digest · risk","emoji":true}},
                 {"type":"section","text":{"type":"mrkdwn","text":"2 passages on risk from the knowledge base, quoted as written."}},
                 {"type":"section","text":{"type":"mrkdwn","text":"> 市场风险来自*需求变化*。\\n> 竞争 &amp; 价格 &lt;战&gt;"}},
                 {"type":"context","elements":[{"type":"mrkdwn","text":"《大模型创业的风险与机遇》 › 第二部分 › 2.1 市场风险"}]},
                 {"type":"section","text":{"type":"mrkdwn","text":"> 现金流是生命线。"}},
                 {"type":"context","elements":[{"type":"mrkdwn","text":"《大模型创业的风险与机遇》 › 第二部分 › 2.4 财务风险"}]},
                 {"type":"divider"},
                 {"type":"section","text":{"type":"mrkdwn","text":"*What your team asked*"}},
                 {"type":"section","text":{"type":"mrkdwn","text":"• 价格战怎么打？"}},
                 {"type":"context","elements":[{"type":"mrkdwn","text":"《AI大模型创业：如何应对未来价格战？》 › 第三章 › 3.1 差异化"}]},
                 {"type":"section","text":{"type":"mrkdwn","text":"• How do we hire a CTO?"}},
                 {"type":"context","elements":[{"type":"mrkdwn","text":"_not covered by the knowledge base_"}]}
                ]"""));
        JsonNode metadata = SlackPayloads.JSON.readTree(form.get("metadata"));
        assertThat(metadata.path("event_type").asText()).isEqualTo(SlackDigestSink.EVENT_TYPE);
        assertThat(metadata.path("event_payload").path("slot").asText()).isEqualTo("2025-03-03T01:00:00Z");
        assertThat(metadata.path("event_payload").path("subscription_id").asLong()).isEqualTo(7);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void rateLimitedPostIsRetriedAfterItsRetryAfter() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "7").setBody("{\"ok\":false,\"error\":\"ratelimited\"}"));
        server.enqueue(ok());

        sink.deliver(TARGET, digest());

        assertThat(slept).containsExactly(Duration.ofSeconds(7));
        RecordedRequest first = take();
        RecordedRequest retry = take();
        assertThat(retry.getPath()).isEqualTo("/chat.postMessage");
        assertThat(retry.getBody().readUtf8()).isEqualTo(first.getBody().readUtf8());
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void rateLimitThatDoesNotClearIsRetryable() {
        for (int i = 0; i < SlackSender.MAX_ATTEMPTS; i++) {
            server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "2"));
        }

        assertThatThrownBy(() -> sink.deliver(TARGET, digest())).isInstanceOfSatisfying(DigestDeliveryException.class,
                e -> assertThat(e.retryable()).isTrue());
        assertThat(slept).hasSize(SlackSender.MAX_ATTEMPTS - 1).containsOnly(Duration.ofSeconds(2));
        assertThat(server.getRequestCount()).isEqualTo(SlackSender.MAX_ATTEMPTS);
    }

    @Test
    void serverErrorIsRetryableButAnUnknownChannelIsNot() {
        server.enqueue(new MockResponse().setResponseCode(503).setBody("upstream down"));
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"ok\":false,\"error\":\"channel_not_found\"}"));

        assertThatThrownBy(() -> sink.deliver(TARGET, digest())).isInstanceOfSatisfying(DigestDeliveryException.class,
                e -> assertThat(e.retryable()).as(e.getMessage()).isTrue());
        assertThatThrownBy(() -> sink.deliver(TARGET, digest())).isInstanceOfSatisfying(DigestDeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("channel_not_found").doesNotContain("xoxb");
        });
    }

    @Test
    void refusedConnectionIsRetryableButATimeoutAfterSendingIsNot() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SlackDigestSink unreachable = sinkFor("http://127.0.0.1:" + closedPort + "/api/");
        assertThatThrownBy(() -> unreachable.deliver(TARGET, digest())).isInstanceOfSatisfying(DigestDeliveryException.class,
                e -> assertThat(e.retryable()).as(e.getMessage()).isTrue());

        sink = sinkFor(server.url("/").toString());
        server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        assertThatThrownBy(() -> sink.deliver(TARGET, digest())).isInstanceOfSatisfying(DigestDeliveryException.class,
                e -> assertThat(e.retryable()).as(e.getMessage()).isFalse());
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void longDigestIsSplitAndAFailureAfterTheFirstPartIsFinal() throws Exception {
        List<Digest.TeamQuestion> asked = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            asked.add(new Digest.TeamQuestion("question " + i, List.of("《定价手册》 › 2 价格战"), true));
        }
        Digest many = new Digest("Startup digest · pricing", "Intro.", digest().items(), asked, SLOT);
        server.enqueue(ok());
        server.enqueue(new MockResponse().setResponseCode(500));

        assertThatThrownBy(() -> sink.deliver(TARGET, many)).isInstanceOfSatisfying(DigestDeliveryException.class, e -> {
            assertThat(e.retryable()).as("part 1 is in the channel: a retry would repeat it").isFalse();
            assertThat(e.getMessage()).contains("after 1 of 2 parts");
        });
        Map<String, String> first = FakeSlack.parseForm(take().getBody().readUtf8());
        Map<String, String> second = FakeSlack.parseForm(take().getBody().readUtf8());
        assertThat(SlackPayloads.JSON.readTree(first.get("blocks")).size()).isEqualTo(BlockRenderer.MAX_BLOCKS);
        assertThat(first.get("text")).isEqualTo(many.plainText());
        assertThat(second.get("text")).isEqualTo("(continued 2)");
    }
}
