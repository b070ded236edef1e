package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import startupcoach.coach.Coach;
import startupcoach.server.RequestContext;

/**
 * The operators' side of a real {@code serve} with Slack and DingTalk over HTTP: {@code /readyz},
 * {@code /metrics}, request ids and rate limits, all over real HTTP.
 */
class ServeOperationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static FakeChatServices fake;
    private static CoachServer server;

    @BeforeAll
    static void start() throws Exception {
        fake = new FakeChatServices();
        Path data = Serve.tempData("serve-ops");
        server = Serve.start(data, Serve.env(fake, Map.of("COACH_RATE_USER_PER_MINUTE", "2")));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        fake.close();
    }

    @Test
    void readyzNamesEveryCheckAndIsOkWhenAllAre() throws Exception {
        HttpResponse<String> r = Serve.get(server.port(), "/readyz");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("ready").asBoolean()).isTrue();
        assertThat(JSON.convertValue(body.get("checks"), Map.class)).containsExactly(
                Map.entry("knowledge", "ok"), Map.entry("model", "ok"), Map.entry("database", "ok"),
                Map.entry("slack", "ok"), Map.entry("dingtalk", "ok"));
    }

    @Test
    void metricsCountAnswersByPlatformDedupeHitsAndSignatureFailures() throws Exception {
        double slackAnswers = value("coach_requests_seconds_count", "platform=\"slack\"", "outcome=\"answer\"");
        double dingAnswers = value("coach_requests_seconds_count", "platform=\"dingtalk\"", "outcome=\"answer\"");
        double dingDupes = value("coach_dedupe_hits_total", "platform=\"dingtalk\"", "key=\"msg\"");
        double slackSignatures = value("coach_signature_failures_total", "platform=\"slack\"");
        double dingSignatures = value("coach_signature_failures_total", "platform=\"dingtalk\"");

        byte[] slack = Serve.slackMention("CMETRICS1", "UMETRICS1", "价格战怎么打？").getBytes(StandardCharsets.UTF_8);
        assertThat(Serve.send(Serve.slackRequest(server.port(), slack)).statusCode()).isEqualTo(200);
        assertThat(fake.next("CMETRICS1", WAIT)).isNotNull();
        byte[] ding = Serve.dingTalkMessage(fake, "cidMetrics1", "umetrics2", "融资要注意什么？").getBytes(StandardCharsets.UTF_8);
        assertThat(Serve.send(Serve.dingTalkRequest(server.port(), ding)).statusCode()).isEqualTo(200);
        assertThat(Serve.send(Serve.dingTalkRequest(server.port(), ding)).statusCode()).as("redelivery").isEqualTo(200);
        assertThat(fake.next("cidMetrics1", WAIT)).isNotNull();
        assertThat(post("/slack/events", slack, Map.of("X-Slack-Request-Timestamp", "1", "X-Slack-Signature", "v0=00"))
                .statusCode()).isEqualTo(401);
        assertThat(post("/dingtalk/callback", ding, Map.of()).statusCode()).isEqualTo(401);

        HttpResponse<String> metrics = Serve.get(server.port(), "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        assertThat(valueIn(metrics.body(), "coach_requests_seconds_count", "platform=\"slack\"", "outcome=\"answer\"")).isEqualTo(slackAnswers + 1);
        assertThat(valueIn(metrics.body(), "coach_requests_seconds_count", "platform=\"dingtalk\"", "outcome=\"answer\"")).isEqualTo(dingAnswers + 1);
        assertThat(valueIn(metrics.body(), "coach_dedupe_hits_total", "platform=\"dingtalk\"", "key=\"msg\"")).isEqualTo(dingDupes + 1);
        assertThat(valueIn(metrics.body(), "coach_signature_failures_total", "platform=\"slack\"")).isEqualTo(slackSignatures + 1);
        assertThat(valueIn(metrics.body(), "coach_signature_failures_total", "platform=\"dingtalk\"")).isEqualTo(dingSignatures + 1);
        assertThat(metrics.body())
                .as("answer latency is a histogram")
                .contains("coach_requests_seconds_bucket{outcome=\"answer\",platform=\"slack\",le=\"0.1\"}")
                .contains("http_server_requests_seconds_count{route=\"/slack/events\",status=\"401\"}")
                .contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads");
    }

    @Test
    void aUserAskingTooQuicklyGetsTheFriendlyBilingualReplyAndItIsCounted() throws Exception {
        double limited = value("coach_requests_seconds_count", "platform=\"dingtalk\"", "outcome=\"rate_limited\"");
        // COACH_RATE_USER_PER_MINUTE=2: a burst of two is answered, the third waits.
        for (int i = 1; i <= 3; i++) {
            String conversation = "cidQuick" + i;
            byte[] m = Serve.dingTalkMessage(fake, conversation, "uquick", "品牌怎么做？").getBytes(StandardCharsets.UTF_8);
            assertThat(Serve.send(Serve.dingTalkRequest(server.port(), m)).statusCode()).isEqualTo(200);
        }
        assertThat(fake.next("cidQuick1", WAIT).body()).doesNotContain("asking quickly");
        assertThat(fake.next("cidQuick2", WAIT).body()).doesNotContain("asking quickly");
        String third = JSON.readTree(fake.next("cidQuick3", WAIT).body()).path("markdown").path("text").asText();
        assertThat(third).contains("You're asking quickly").contains("请稍等几秒再问");
        assertThat(Coach.SLOW_DOWN).contains("You're asking quickly").contains("你问得有点快");

        assertThat(value("coach_requests_seconds_count", "platform=\"dingtalk\"", "outcome=\"rate_limited\"")).isEqualTo(limited + 1);
    }

    @Test
    void theRequestIdOfTheCallbackIsOnEveryLogLineOfItsAnswerOnTheWorkerThread() throws Exception {
        byte[] m = Serve.dingTalkMessage(fake, "cidTrace", "utrace", "价格战怎么打？").getBytes(StandardCharsets.UTF_8);
        HttpRequest signed = Serve.dingTalkRequest(server.port(), m);
        HttpRequest withId = HttpRequest.newBuilder(signed, (n, v) -> true).header("X-Request-Id", "lb-7f3a9c").build();
        try (LogLines logs = new LogLines()) {
            HttpResponse<String> r = Serve.send(withId);
            assertThat(r.headers().firstValue("X-Request-Id")).hasValue("lb-7f3a9c");
            assertThat(fake.next("cidTrace", WAIT)).isNotNull();
            // The worker logs "answered" after the webhook call returned; wait for that line.
            ILoggingEvent answered = awaitEvent(logs, "dingtalk.answered");
            assertThat(answered.getThreadName()).startsWith("dingtalk-worker");
            assertThat(answered.getMDCPropertyMap()).containsEntry(RequestContext.KEY, "lb-7f3a9c");
            List<ILoggingEvent> composed = logs.events().stream()
                    .filter(e -> e.getMessage().startsWith("answer.composed")).toList();
            assertThat(composed).isNotEmpty().allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry(RequestContext.KEY, "lb-7f3a9c"));
        }
    }

    @Test
    void aRequestIdThatCouldForgeLogLinesIsReplaced() {
        HttpResponse<String> r = Serve.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                .header("X-Request-Id", "abc def=1 level=ERROR").GET().build());

        assertThat(r.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{16}"));
    }

    private static ILoggingEvent awaitEvent(LogLines logs, String prefix) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            for (ILoggingEvent e : logs.events()) {
                if (e.getMessage().startsWith(prefix)) {
                    return e;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no log line " + prefix);
    }

    private static HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return Serve.send(b.build());
    }

    private static double value(String name, String... labels) {
        return valueIn(Serve.get(server.port(), "/metrics").body(), name, labels);
    }

    /** The value of the series with all the labels, 0 when there is none yet. */
    static double valueIn(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelPart = line.substring(name.length(), line.lastIndexOf('}') + 1);
            boolean all = true;
            for (String l : labels) {
                all &= labelPart.contains(l);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
