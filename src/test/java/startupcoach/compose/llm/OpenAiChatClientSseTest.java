package startupcoach.compose.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The streamed chat completion (Server-Sent Events) against MockWebServer serving chunked event streams. */
class OpenAiChatClientSseTest {

    private static final List<ChatMessage> MESSAGES = List.of(ChatMessage.system("rules"), ChatMessage.user("question"));
    private MockWebServer server;
    private OpenAiChatClient client;
    private final List<String> deltas = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        client = client(Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdown();
    }

    private OpenAiChatClient client(Duration readTimeout) {
        return OpenAiChatClient.builder(server.url("/").toString(), "test-model").optApiKey("sk-sse-test")
                .optConnectTimeout(Duration.ofSeconds(2)).optReadTimeout(readTimeout).optMaxRetryWait(Duration.ofSeconds(1)).build();
    }

    private static MockResponse eventStream(String body) {
        return new MockResponse().setHeader("Content-Type", "text/event-stream").setChunkedBody(body, 16);
    }

    @Test
    void handsOverEachDeltaInOrderAndReturnsThemJoined() throws Exception {
        server.enqueue(SseChunks.response(List.of("价格战中", "要守住利润底线", " [1]。")));

        String reply = client.stream(MESSAGES, deltas::add);

        assertThat(deltas).containsExactly("价格战中", "要守住利润底线", " [1]。");
        assertThat(reply).isEqualTo("价格战中要守住利润底线 [1]。");
        RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(r.getPath()).isEqualTo("/v1/chat/completions");
        assertThat(r.getHeader("Accept")).isEqualTo("text/event-stream");
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer sk-sse-test");
        JsonNode body = new ObjectMapper().readTree(r.getBody().readUtf8());
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("messages").size()).isEqualTo(2);
    }

    @Test
    void skipsCommentsAndOtherFieldsJoinsMultiLineDataAndAcceptsAStreamWithoutDone() throws Exception {
        server.enqueue(eventStream(": keep-alive\n\n"
                + "event: message\nid: 1\ndata: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n"
                + "data:{\"choices\":[{\"delta\":\n"
                + "data: {\"content\":\"守住\"}}]}\r\n\r\n"
                + "data: {\"choices\":[{\"delta\":{\"content\":\"底线 [1]\"},\"finish_reason\":\"stop\"}]}\n"));

        assertThat(client.stream(MESSAGES, deltas::add)).isEqualTo("守住底线 [1]");
        assertThat(deltas).containsExactly("守住", "底线 [1]");
    }

    @Test
    void aServerThatIgnoresStreamAndAnswersJsonGivesOneDelta() throws Exception {
        server.enqueue(new MockResponse().setHeader("Content-Type", "application/json")
                .setBody("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok [1]\"}}]}"));

        assertThat(client.stream(MESSAGES, deltas::add)).isEqualTo("ok [1]");
        assertThat(deltas).containsExactly("ok [1]");
    }

    @Test
    void aServerErrorBeforeTheStreamIsRetriedOnce() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503));
        server.enqueue(SseChunks.response(List.of("ok [1]")));

        assertThat(client.stream(MESSAGES, deltas::add)).isEqualTo("ok [1]");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(deltas).containsExactly("ok [1]");
    }

    @Test
    void aStreamBrokenAfterTheFirstDeltasFailsWithoutARetry() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add("第" + i + "句。");
        }
        server.enqueue(SseChunks.response(many).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

        LlmException e = catchThrowableOfType(() -> client.stream(MESSAGES, deltas::add), LlmException.class);

        assertThat(e.reason()).isEqualTo(LlmException.Reason.NETWORK);
        assertThat(deltas).as("what arrived was handed over").isNotEmpty().hasSizeLessThan(many.size());
        assertThat(server.getRequestCount()).as("no retry once the model has written").isEqualTo(1);
    }

    @Test
    void aStreamThatFallsSilentTimesOut() {
        try (OpenAiChatClient impatient = client(Duration.ofMillis(300))) {
            server.enqueue(SseChunks.slowly(List.of("开头", "结尾 [1]"), 200, 5_000));

            LlmException e = catchThrowableOfType(() -> impatient.stream(MESSAGES, deltas::add), LlmException.class);

            assertThat(e.reason()).isEqualTo(LlmException.Reason.TIMEOUT);
            assertThat(server.getRequestCount()).isEqualTo(1);
        }
    }

    @Test
    void anErrorChunkOrAStreamWithoutContentIsMalformed() {
        server.enqueue(eventStream("data: {\"error\":{\"message\":\"upstream timed out\"}}\n\n"));
        server.enqueue(eventStream("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\ndata: [DONE]\n\n"));
        server.enqueue(eventStream("data: not json\n\n"));

        for (int i = 0; i < 3; i++) {
            LlmException e = catchThrowableOfType(() -> client.stream(MESSAGES, deltas::add), LlmException.class);
            assertThat(e.reason()).isEqualTo(LlmException.Reason.MALFORMED);
        }
        assertThat(deltas).isEmpty();
    }

    @Test
    void aModelThatCannotStreamHandsOverItsWholeReplyAsOneDelta() throws Exception {
        ChatModel oneShot = messages -> "整段回答 [1]";

        assertThat(oneShot.stream(MESSAGES, deltas::add)).isEqualTo("整段回答 [1]");
        assertThat(deltas).containsExactly("整段回答 [1]");
    }
}
