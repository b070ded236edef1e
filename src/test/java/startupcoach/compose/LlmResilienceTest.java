package startupcoach.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.compose.llm.ChatMessage;
import startupcoach.compose.llm.LlmException;
import startupcoach.compose.llm.OpenAiChatClient;
import startupcoach.config.LlmSettings;
import startupcoach.retrieve.SearchResult;

/** Timeouts, retries, rate limits, garbage and secrets: the real composer and client against MockWebServer. */
class LlmResilienceTest {

    private static final String UNAVAILABLE = "（语言模型暂时不可用，以下为知识库原文摘录。）";

    @TempDir
    Path tmp;
    private LlmFixture fx;
    private SearchResult result;

    @BeforeEach
    void setUp() {
        fx = new LlmFixture(tmp);
        result = fx.search(LlmFixture.COVERED);
        assertThat(result.covered()).isTrue();
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    private void assertQuotesWithUnavailableNote(Answer a) {
        assertThat(a.prose()).isNull();
        assertThat(a.groups()).isEqualTo(fx.extractive.compose(result).groups());
        assertThat(a.note()).isEqualTo(UNAVAILABLE);
        assertThat(new PlainTextRenderer().render(a)).startsWith(UNAVAILABLE + "\n\n").contains("\n[1] 《定价手册》 › ");
    }

    @Test
    void serverErrorIsRetriedOnceThenTheAnswerIsUsed() {
        fx.server.enqueue(new MockResponse().setResponseCode(500));
        fx.server.enqueue(LlmFixture.reply("守住利润底线 [1]。"));

        Answer a = fx.composer().compose(result);

        assertThat(fx.server.getRequestCount()).isEqualTo(2);
        assertThat(a.prose()).isEqualTo("守住利润底线 [1]。");
    }

    @Test
    void secondServerErrorFallsBackToQuotes() {
        fx.server.enqueue(new MockResponse().setResponseCode(502));
        fx.server.enqueue(new MockResponse().setResponseCode(503));
        try (LogCapture logs = new LogCapture()) {
            Answer a = fx.composer().compose(result);

            assertThat(fx.server.getRequestCount()).isEqualTo(2);
            assertQuotesWithUnavailableNote(a);
            assertThat(logs.text()).contains("llm.retry status=502 attempt=1", "llm.fallback reason=http_status");
        }
    }

    @Test
    void timeoutFallsBackWithinTheConfiguredTime() {
        Duration timeout = Duration.ofMillis(400);
        fx.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
        LlmComposer composer = fx.composer(timeout, Duration.ofSeconds(2));

        long start = System.nanoTime();
        Answer a = composer.compose(result);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMs).isLessThan(timeout.toMillis() + 1_000);
        assertThat(fx.server.getRequestCount()).as("a timeout is not retried").isEqualTo(1);
        assertQuotesWithUnavailableNote(a);
    }

    @Test
    void malformedJsonFallsBack() {
        fx.server.enqueue(new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"choices\": [ {\"mess"));
        try (LogCapture logs = new LogCapture()) {
            assertQuotesWithUnavailableNote(fx.composer().compose(result));
            assertThat(logs.text()).contains("llm.fallback reason=malformed");
        }
    }

    @Test
    void jsonWithoutMessageContentFallsBack() {
        fx.server.enqueue(new MockResponse().setBody("{\"choices\": []}"));
        fx.server.enqueue(new MockResponse().setBody("{\"choices\": [{\"message\": {\"content\": null}}]}"));
        assertQuotesWithUnavailableNote(fx.composer().compose(result));
        assertQuotesWithUnavailableNote(fx.composer().compose(result));
    }

    @Test
    void rateLimitWaitsForRetryAfterThenSucceeds() {
        fx.server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"));
        fx.server.enqueue(LlmFixture.reply("守住利润底线 [1]。"));

        long start = System.nanoTime();
        Answer a = fx.composer(Duration.ofSeconds(5), Duration.ofSeconds(2)).compose(result);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMs).isBetween(1_000L, 3_000L);
        assertThat(fx.server.getRequestCount()).isEqualTo(2);
        assertThat(a.prose()).isEqualTo("守住利润底线 [1]。");
    }

    @Test
    void rateLimitLongerThanTheBoundFallsBackAtOnce() {
        fx.server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "120"));
        try (LogCapture logs = new LogCapture()) {
            long start = System.nanoTime();
            Answer a = fx.composer(Duration.ofSeconds(5), Duration.ofSeconds(2)).compose(result);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(elapsedMs).isLessThan(1_000);
            assertThat(fx.server.getRequestCount()).isEqualTo(1);
            assertQuotesWithUnavailableNote(a);
            assertThat(logs.text()).contains("reason=rate_limited", "Retry-After 120 s exceeds the 2 s limit");
        }
    }

    @Test
    void apiKeyIsSentOnlyAsBearerAndNeverLoggedOrInAnError() throws Exception {
        String key = LlmFixture.API_KEY;
        try (LogCapture logs = new LogCapture()) {
            fx.server.enqueue(LlmFixture.reply("守住利润底线 [1]。"));
            fx.composer().compose(result);
            RecordedRequest ok = fx.take();
            assertThat(ok.getHeader("Authorization")).isEqualTo("Bearer " + key);
            assertThat(ok.getPath()).isEqualTo("/v1/chat/completions");
            assertThat(ok.getBody().clone().readUtf8()).doesNotContain(key);
            assertThat(ok.getHeaders().toMultimap().entrySet()).filteredOn(h -> h.getValue().toString().contains(key))
                    .extracting(Map.Entry::getKey).containsExactly("authorization");

            // A server that echoes the key in its error body, then every other failure mode.
            fx.server.enqueue(new MockResponse().setResponseCode(401).setBody("{\"error\":\"invalid api key " + key + "\"}"));
            fx.composer().compose(result);
            fx.server.enqueue(new MockResponse().setResponseCode(500).setBody("upstream said " + key));
            fx.server.enqueue(new MockResponse().setResponseCode(500).setBody("upstream said " + key));
            fx.composer().compose(result);
            fx.server.enqueue(new MockResponse().setBody("not json " + key));
            fx.composer().compose(result);
            fx.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
            fx.composer(Duration.ofMillis(200), Duration.ofSeconds(1)).compose(result);

            OpenAiChatClient client = fx.client(Duration.ofSeconds(2), Duration.ofSeconds(1));
            fx.server.enqueue(new MockResponse().setResponseCode(403).setBody(key));
            LlmException forbidden = catchThrowableOfType(() -> client.complete(List.of(ChatMessage.user("hi"))), LlmException.class);
            fx.server.shutdown();
            LlmException refused = catchThrowableOfType(() -> client.complete(List.of(ChatMessage.user("hi"))), LlmException.class);

            for (Throwable t : List.of(forbidden, refused)) {
                for (Throwable c = t; c != null; c = c.getCause()) {
                    assertThat(String.valueOf(c.getMessage())).doesNotContain(key);
                }
            }
            assertThat(forbidden.getMessage()).isEqualTo("HTTP 403 from the language model server");
            assertThat(refused.reason()).isEqualTo(LlmException.Reason.NETWORK);
            assertThat(logs.text()).contains("llm.error_body status=401", "(redacted)", "reason=timeout", "reason=malformed")
                    .doesNotContain(key);
        }
        LlmSettings settings = LlmSettings.fromEnvironment(Map.of("LLM_BASE_URL", fx.baseUrl(), "LLM_MODEL", "m", "LLM_API_KEY", key));
        assertThat(settings.apiKey()).isEqualTo(key);
        assertThat(settings.toString()).doesNotContain(key).contains("apiKey=(redacted)");
    }
}
