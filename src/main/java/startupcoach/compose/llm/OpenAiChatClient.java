package startupcoach.compose.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST {baseUrl}/v1/chat/completions} on any OpenAI-compatible server (OpenAI, Azure-style
 * gateways, vLLM, Ollama, llama.cpp, LM Studio …), in one reply or streamed.
 *
 * <p>Resilience, since a chat user is waiting: connect and read timeouts bound every attempt; an
 * HTTP 5xx is retried once at once; an HTTP 429 is retried once after its {@code Retry-After} if
 * that wait is at most {@code maxRetryWait}, else it fails at once. A timeout is not retried:
 * the user has already waited a full timeout. Every other failure is one {@link LlmException}.
 *
 * <p>The API key is sent only as {@code Authorization: Bearer …}; it never appears in a log line or
 * an exception message (an error body that echoes it is redacted before it is logged).
 *
 * <p>Thread-safe; one instance serves every conversation. {@link #close()} releases its threads.
 *
 * <pre>{@code
 * ChatModel model = OpenAiChatClient.builder("http://localhost:11434", "llama3.1")
 *         .optReadTimeout(Duration.ofSeconds(20))
 *         .build();
 * }</pre>
 */
public final class OpenAiChatClient implements ChatModel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenAiChatClient.class);
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** A 429 without a usable Retry-After: wait a little once rather than give up at once. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final int MAX_ATTEMPTS = 2;
    private static final int MAX_LOGGED_BODY = 300;

    private final OkHttpClient http;
    private final HttpUrl endpoint;
    private final String apiKey;
    private final String model;
    private final Duration maxRetryWait;
    private final ObjectMapper mapper = new ObjectMapper();

    private OpenAiChatClient(Builder b) {
        this.endpoint = HttpUrl.get(b.baseUrl).newBuilder().addPathSegments("v1/chat/completions").build();
        this.apiKey = b.apiKey;
        this.model = b.model;
        this.maxRetryWait = b.maxRetryWait;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(b.connectTimeout)
                .readTimeout(b.readTimeout)
                .writeTimeout(b.readTimeout)
                // The read timeout is per read; the call timeout also stops a server that drips bytes.
                .callTimeout(b.connectTimeout.plus(b.readTimeout))
                .build();
    }

    /**
     * @param baseUrl the server without {@code /v1}, e.g. {@code http://localhost:11434}
     * @param model   the model name the server expects
     */
    public static Builder builder(String baseUrl, String model) {
        return new Builder(baseUrl, model);
    }

    @Override
    public String complete(List<ChatMessage> messages) throws LlmException {
        return call(request(messages, false), response -> content(response.body()));
    }

    /**
     * Streams the completion ({@code stream: true}, Server-Sent Events). The retries and timeouts are
     * those of {@link #complete(List)}: a failed status is retried before any text arrived; once the
     * model writes, a broken or silent stream is one {@link LlmException} (a retry would repeat text
     * the listener already has). A server that ignores {@code stream} and answers with one JSON
     * completion is understood too: its reply is one delta.
     */
    @Override
    public String stream(List<ChatMessage> messages, Consumer<String> deltas) throws LlmException {
        Objects.requireNonNull(deltas, "deltas == null");
        return call(request(messages, true), response -> {
            MediaType type = response.body().contentType();
            if (type != null && "json".equals(type.subtype())) {
                String reply = content(response.body());
                deltas.accept(reply);
                return reply;
            }
            return SseCompletion.read(response.body().source(), deltas, mapper);
        });
    }

    /** Reads a successful response's body into the reply text. */
    @FunctionalInterface
    private interface BodyReader {
        String read(Response response) throws IOException, LlmException;
    }

    private String call(Request request, BodyReader reader) throws LlmException {
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt == MAX_ATTEMPTS;
            long start = System.nanoTime();
            try (Response response = http.newCall(request).execute()) {
                int status = response.code();
                if (response.isSuccessful()) {
                    String content = reader.read(response);
                    log.debug("llm.completed model={} attempt={} latencyMs={} chars={}", model, attempt,
                            (System.nanoTime() - start) / 1_000_000, content.length());
                    return content;
                }
                logErrorBody(status, response.body());
                if (status >= 500 && !last) {
                    log.warn("llm.retry status={} attempt={}", status, attempt);
                    continue;
                }
                if (status == 429) {
                    Duration wait = retryAfter(response.header("Retry-After"), Instant.now());
                    if (!last && wait.compareTo(maxRetryWait) <= 0) {
                        log.warn("llm.rate_limited retryAfterMs={} attempt={}", wait.toMillis(), attempt);
                        sleep(wait);
                        continue;
                    }
                    throw new LlmException(LlmException.Reason.RATE_LIMITED, "rate limited (HTTP 429); Retry-After "
                            + wait.toSeconds() + " s" + (last ? " after a retry" : " exceeds the " + maxRetryWait.toSeconds() + " s limit"));
                }
                throw new LlmException(LlmException.Reason.HTTP_STATUS, "HTTP " + status + " from the language model server");
            } catch (InterruptedIOException e) {
                // SocketTimeoutException (connect/read) and OkHttp's call timeout both land here.
                throw new LlmException(LlmException.Reason.TIMEOUT, "no reply from the language model server in time", e);
            } catch (IOException e) {
                throw new LlmException(LlmException.Reason.NETWORK,
                        "cannot reach the language model server (" + e.getClass().getSimpleName() + ")", e);
            }
        }
    }

    private Request request(List<ChatMessage> messages, boolean stream) {
        Objects.requireNonNull(messages, "messages == null");
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages is empty");
        }
        ObjectNode body = mapper.createObjectNode().put("model", model).put("stream", stream);
        ArrayNode list = body.putArray("messages");
        messages.forEach(m -> list.addObject().put("role", m.role()).put("content", m.content()));
        Request.Builder request = new Request.Builder().url(endpoint)
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .header("User-Agent", "startup-coach")
                .post(RequestBody.create(body.toString(), JSON));
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        return request.build();
    }

    /** {@code choices[0].message.content}, or MALFORMED. */
    private String content(ResponseBody body) throws IOException, LlmException {
        String text = body == null ? "" : body.string();
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new LlmException(LlmException.Reason.MALFORMED, "the language model server's reply is not JSON");
        }
        JsonNode content = root == null ? null : root.path("choices").path(0).path("message").path("content");
        if (content == null || !content.isTextual() || content.asText().isBlank()) {
            throw new LlmException(LlmException.Reason.MALFORMED, "the language model server's reply has no choices[0].message.content");
        }
        return content.asText();
    }

    /** Operators need "model not found" bodies; a body echoing the request must not leak the key. */
    private void logErrorBody(int status, ResponseBody body) {
        if (!log.isDebugEnabled() || body == null) {
            return;
        }
        try {
            String text = body.string();
            text = text.length() > MAX_LOGGED_BODY ? text.substring(0, MAX_LOGGED_BODY) + "…" : text;
            log.debug("llm.error_body status={} body={}", status, redact(text));
        } catch (IOException e) {
            log.debug("llm.error_body status={} unreadable={}", status, e.getClass().getSimpleName());
        }
    }

    private String redact(String text) {
        return apiKey == null || apiKey.isEmpty() ? text : text.replace(apiKey, "(redacted)");
    }

    private static void sleep(Duration wait) throws LlmException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException(LlmException.Reason.INTERRUPTED, "interrupted while waiting to retry", e);
        }
    }

    /** Seconds or an HTTP date (RFC 9110); missing or unreadable means {@link #DEFAULT_RETRY_AFTER}. */
    static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        String value = header.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "OpenAiChatClient[" + endpoint.scheme() + "://" + endpoint.host() + ":" + endpoint.port() + ", model=" + model + "]";
    }

    /** Settings of an {@link OpenAiChatClient}; {@code opt…} ones have the defaults given. */
    public static final class Builder {

        private final String baseUrl;
        private final String model;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration maxRetryWait = Duration.ofSeconds(10);

        private Builder(String baseUrl, String model) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
            this.model = Objects.requireNonNull(model, "model == null");
        }

        /** Bearer token; none by default (local servers need none). */
        public Builder optApiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** Default 5 s. */
        public Builder optConnectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout == null");
            return this;
        }

        /** Longest silence while the model writes; default 30 s. */
        public Builder optReadTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "timeout == null");
            return this;
        }

        /** Longest {@code Retry-After} honoured on HTTP 429; default 10 s. */
        public Builder optMaxRetryWait(Duration wait) {
            this.maxRetryWait = Objects.requireNonNull(wait, "wait == null");
            return this;
        }

        /**
         * @throws IllegalArgumentException when the base URL is not an http(s) URL
         */
        public OpenAiChatClient build() {
            return new OpenAiChatClient(this);
        }
    }
}
