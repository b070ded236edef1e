package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import startupcoach.digest.Digest;
import startupcoach.digest.DigestDeliveryException;
import startupcoach.digest.DigestTarget;
import startupcoach.digest.RobotWebhook;
import startupcoach.store.TestClock;

/**
 * The DingTalk digest sink against a MockWebServer robot: the 加签 signature, the markdown body,
 * 20 messages a minute per robot (the 21st waits, on a fake clock), and DingTalk's errcodes.
 */
class RobotWebhookSinkTest {

    static final String SECRET = "SEC000";
    static final String TOKEN = "0f3e9a7c55d1";
    static final Instant START = Instant.ofEpochMilli(1_700_000_000_000L);

    private final MockWebServer server = new MockWebServer();
    private final TestClock clock = new TestClock(START);
    /** Waits "happen" by moving the fake clock, so the 21st message is sent a minute later in no time. */
    private final List<Duration> slept = new CopyOnWriteArrayList<>();
    private DingTalkHttp http;
    private RobotWebhookSink sink;

    @BeforeEach
    void start() throws IOException {
        server.start();
        http = new DingTalkHttp(new ObjectMapper());
        sink = new RobotWebhookSink(http, new DigestMarkdown(MarkdownRenderer.MAX_TEXT_CHARS), new RobotRateLimiter(clock, d -> {
            slept.add(d);
            clock.advance(d);
        }), clock);
    }

    @AfterEach
    void stop() throws IOException {
        http.close();
        server.shutdown();
    }

    private RobotWebhook robot(String token) {
        return new RobotWebhook(server.url("/robot/send?access_token=" + token).toString(), SECRET);
    }

    private DigestTarget target(RobotWebhook webhook) {
        return new DigestTarget(3, "dingtalk", "cidGroup42==", webhook);
    }

    static Digest digest() {
        return new Digest("Startup digest · risk", "2 passages on risk from the knowledge base, quoted as written.",
                List.of(new Digest.Item("市场风险来自**需求变化**。\n\n竞争加剧。", "《大模型创业的风险与机遇》 › 第二部分 › 2.1 市场风险", "r#1-0"),
                        new Digest.Item("现金流是生命线。", "《大模型创业的风险与机遇》 › 第二部分 › 2.4 财务风险", "r#2-0")),
                List.of(new Digest.TeamQuestion("价格战怎么打？", List.of("《价格战》 › 3.1 差异化", "《价格战》 › 3.2 成本"), true),
                        new Digest.TeamQuestion("How do we hire a CTO?", List.of(), false)),
                START);
    }

    private static MockResponse errcode(int code, String message) {
        return new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"errcode\":" + code + ",\"errmsg\":\"" + message + "\"}");
    }

    /** Computed here with the JDK alone, from DingTalk's documentation, not with the code under test. */
    private static String expectedSign(String secret, long timestamp) {
        return URLEncoder.encode(Signed.sign(secret, timestamp), StandardCharsets.UTF_8);
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertThat(r).as("a robot webhook call").isNotNull();
        return r;
    }

    @Test
    void signatureMatchesTheDocumentedAlgorithmForFixedVectors() {
        String url = "https://oapi.dingtalk.com/robot/send?access_token=abc";

        assertThat(RobotSigning.signedUrl(url, "SEC000", 1_700_000_000_000L)).isEqualTo(
                url + "&timestamp=1700000000000&sign=ltBBey5eZrWKh1cPzFIdz3v3xpkc4Tjx4lLsPSHqdtA%3D");
        // This one has '+' and '/', which must be percent-encoded or DingTalk reads '+' as a space.
        assertThat(RobotSigning.signedUrl(url, "SEC000", 1_700_000_000_002L)).isEqualTo(
                url + "&timestamp=1700000000002&sign=Lv5w8tn9s0MIOD%2BlUcA%2BPvsInVZd1LSqezE%2Fs6TZY5c%3D");
        assertThat(expectedSign("SEC000", 1_700_000_000_000L)).isEqualTo("ltBBey5eZrWKh1cPzFIdz3v3xpkc4Tjx4lLsPSHqdtA%3D");
        assertThat(RobotSigning.signedUrl("https://example.com/hook", "SEC000", 1_700_000_000_002L))
                .startsWith("https://example.com/hook?timestamp=1700000000002&sign=");
    }

    @Test
    void postsSignedMarkdownToTheGroupsRobot() throws Exception {
        server.enqueue(errcode(0, "ok"));

        sink.deliver(target(robot(TOKEN)), digest());

        RecordedRequest request = take();
        HttpUrl url = request.getRequestUrl();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(url.encodedPath()).isEqualTo("/robot/send");
        assertThat(url.queryParameter("access_token")).isEqualTo(TOKEN);
        assertThat(url.queryParameter("timestamp")).isEqualTo(Long.toString(START.toEpochMilli()));
        assertThat(url.encodedQuery()).endsWith("&sign=" + expectedSign(SECRET, START.toEpochMilli()));
        JsonNode body = Payloads.JSON.readTree(request.getBody().readUtf8());
        assertThat(body.path("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.path("markdown").path("title").asText()).isEqualTo("Startup digest · risk");
        assertThat(body.path("markdown").path("text").asText()).isEqualTo("""
                #### Startup digest · risk

                2 passages on risk from the knowledge base, quoted as written.

                > 市场风险来自**需求变化**。
                > 竞争加剧。

                — 《大模型创业的风险与机遇》 › 第二部分 › 2.1 市场风险

                > 现金流是生命线。

                — 《大模型创业的风险与机遇》 › 第二部分 › 2.4 财务风险

                **What your team asked**

                - 价格战怎么打？ → 《价格战》 › 3.1 差异化 · 《价格战》 › 3.2 成本
                - How do we hire a CTO? → (not covered by the knowledge base)""");
        assertThat(body.has("at")).isFalse();
    }

    @Test
    void twentyFirstMessageWithinAMinuteWaitsAndIsThenSent() throws Exception {
        RobotWebhook robot = robot(TOKEN);
        for (int i = 0; i < 22; i++) {
            server.enqueue(errcode(0, "ok"));
        }
        for (int i = 0; i < RobotRateLimiter.MAX_PER_WINDOW; i++) {
            sink.deliver(target(robot), digest());
            clock.advance(Duration.ofMillis(500));
        }
        assertThat(slept).as("the first 20 go at once").isEmpty();
        Instant before21st = clock.instant();

        sink.deliver(target(robot), digest());

        // The 1st went at START: the 21st may go a minute (and the margin) after it, not before.
        Duration expectedWait = Duration.between(before21st, START.plus(RobotRateLimiter.WINDOW).plus(RobotRateLimiter.MARGIN));
        assertThat(slept).containsExactly(expectedWait);
        List<Long> timestamps = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            timestamps.add(Long.parseLong(take().getRequestUrl().queryParameter("timestamp")));
        }
        assertThat(timestamps.get(0)).isEqualTo(START.toEpochMilli());
        assertThat(timestamps.get(19) - timestamps.get(0)).isLessThan(RobotRateLimiter.WINDOW.toMillis());
        assertThat(timestamps.get(20)).as("signed after the wait").isEqualTo(before21st.plus(expectedWait).toEpochMilli());
        assertThat(timestamps.get(20) - timestamps.get(0)).isGreaterThan(RobotRateLimiter.WINDOW.toMillis());

        // Another group's robot has its own budget.
        sink.deliver(target(robot("another")), digest());
        assertThat(slept).hasSize(1);
        assertThat(take().getRequestUrl().queryParameter("access_token")).isEqualTo("another");
    }

    @Test
    void tooFastIsRetryableOtherErrcodesAreNot() {
        server.enqueue(errcode(RobotWebhookSink.TOO_FAST, "send too fast, exceed 20 times per minute"));
        server.enqueue(errcode(310000, "sign not match"));
        server.enqueue(errcode(0, "ok"));

        assertThatThrownBy(() -> sink.deliver(target(robot(TOKEN)), digest())).isInstanceOfSatisfying(DigestDeliveryException.class,
                e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> sink.deliver(target(robot(TOKEN)), digest())).isInstanceOfSatisfying(DigestDeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("errcode=310000", "sign not match").doesNotContain(TOKEN, SECRET);
        });
    }

    @Test
    void serverErrorIsRetryableAndAMissingWebhookIsRefusedClearly() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(502));

        assertThatThrownBy(() -> sink.deliver(target(robot(TOKEN)), digest())).isInstanceOfSatisfying(DigestDeliveryException.class,
                e -> assertThat(e.retryable()).isTrue());
        assertThatThrownBy(() -> sink.deliver(target(null), digest())).isInstanceOfSatisfying(DigestDeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).contains("no robot webhook", "digest webhook <url> <secret>");
        });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void failureAfterAPartWasPostedIsFinal() throws Exception {
        sink = new RobotWebhookSink(http, new DigestMarkdown(300), new RobotRateLimiter(clock, slept::add), clock);
        server.enqueue(errcode(0, "ok"));
        server.enqueue(errcode(RobotWebhookSink.TOO_FAST, "send too fast"));

        assertThatThrownBy(() -> sink.deliver(target(robot(TOKEN)), digest())).isInstanceOfSatisfying(DigestDeliveryException.class, e -> {
            assertThat(e.retryable()).as("part 1 is in the group: a retry would post it again").isFalse();
            assertThat(e.getMessage()).contains("after 1 of");
        });
        assertThat(Payloads.JSON.readTree(take().getBody().readUtf8()).path("markdown").path("title").asText())
                .startsWith("Startup digest · risk (1/");
    }
}
