package startupcoach.compose.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class OpenAiChatClientTest {

    @Test
    void postsTheMessagesToChatCompletionsUnderTheBaseUrlsPath() throws Exception {
        try (MockWebServer server = new MockWebServer()) {
            server.enqueue(new MockResponse().setBody("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"ok [1]\"}}]}"));
            try (OpenAiChatClient client = OpenAiChatClient.builder(server.url("/gateway").toString(), "qwen2.5").build()) {
                String reply = client.complete(List.of(ChatMessage.system("rules"), ChatMessage.user("question")));
                assertThat(reply).isEqualTo("ok [1]");
            }
            RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(r.getPath()).isEqualTo("/gateway/v1/chat/completions");
            assertThat(r.getHeader("Authorization")).as("no key configured, no header").isNull();
            assertThat(r.getHeader("Content-Type")).startsWith("application/json");
            JsonNode body = new ObjectMapper().readTree(r.getBody().readUtf8());
            assertThat(body.get("model").asText()).isEqualTo("qwen2.5");
            assertThat(body.get("stream").asBoolean()).isFalse();
            assertThat(body.get("messages").toString())
                    .isEqualTo("[{\"role\":\"system\",\"content\":\"rules\"},{\"role\":\"user\",\"content\":\"question\"}]");
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertThat(OpenAiChatClient.retryAfter("3", now)).isEqualTo(Duration.ofSeconds(3));
        assertThat(OpenAiChatClient.retryAfter("Wed, 01 Jan 2025 00:00:07 GMT", now)).isEqualTo(Duration.ofSeconds(7));
        assertThat(OpenAiChatClient.retryAfter("Tue, 31 Dec 2024 23:00:00 GMT", now)).isEqualTo(Duration.ZERO);
        assertThat(OpenAiChatClient.retryAfter(null, now)).isEqualTo(OpenAiChatClient.DEFAULT_RETRY_AFTER);
        assertThat(OpenAiChatClient.retryAfter("soon", now)).isEqualTo(OpenAiChatClient.DEFAULT_RETRY_AFTER);
    }
}
