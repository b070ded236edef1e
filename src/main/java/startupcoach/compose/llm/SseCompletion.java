package startupcoach.compose.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.function.Consumer;
import okio.BufferedSource;

/**
 * Reads a streamed chat completion ({@code stream: true}): Server-Sent Events whose {@code data}
 * is a chunk with {@code choices[0].delta.content}, ended by {@code data: [DONE]}. Follows the SSE
 * rules servers actually rely on: comment lines ({@code : keep-alive}) and other fields are
 * skipped, several {@code data} lines of one event are joined with a newline, a blank line ends an
 * event. Chunks without content (the first one names the role, the last one the finish reason)
 * are skipped. A server that closes the stream without {@code [DONE]} has still sent its answer.
 */
final class SseCompletion {

    private static final String DONE = "[DONE]";

    private final ObjectMapper mapper;
    private final Consumer<String> deltas;
    private final StringBuilder text = new StringBuilder();

    private SseCompletion(ObjectMapper mapper, Consumer<String> deltas) {
        this.mapper = mapper;
        this.deltas = deltas;
    }

    /**
     * @return the whole reply, the deltas joined
     * @throws LlmException MALFORMED when a chunk is not JSON, carries an {@code error}, or no chunk had content
     */
    static String read(BufferedSource source, Consumer<String> deltas, ObjectMapper mapper) throws IOException, LlmException {
        SseCompletion completion = new SseCompletion(mapper, deltas);
        StringBuilder data = new StringBuilder();
        boolean pending = false;
        String line;
        while ((line = source.readUtf8Line()) != null) {
            if (line.isEmpty()) {
                if (pending && completion.event(data.toString())) {
                    return completion.result();
                }
                data.setLength(0);
                pending = false;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (field.equals("data")) {
                if (pending) {
                    data.append('\n');
                }
                data.append(value.startsWith(" ") ? value.substring(1) : value);
                pending = true;
            }
        }
        if (pending) {
            completion.event(data.toString());
        }
        return completion.result();
    }

    /** Handles one event's data; true at {@code [DONE]}. */
    private boolean event(String data) throws LlmException {
        if (data.strip().equals(DONE)) {
            return true;
        }
        JsonNode chunk;
        try {
            chunk = mapper.readTree(data);
        } catch (JsonProcessingException e) {
            throw new LlmException(LlmException.Reason.MALFORMED, "a streamed chunk from the language model server is not JSON");
        }
        if (chunk == null) {
            return false;
        }
        if (chunk.has("error")) {
            // Gateways report a failure after the 200 status line this way (e.g. the upstream timed out).
            throw new LlmException(LlmException.Reason.MALFORMED, "the language model server reported an error in the stream");
        }
        JsonNode content = chunk.path("choices").path(0).path("delta").path("content");
        if (content.isTextual() && !content.asText().isEmpty()) {
            text.append(content.asText());
            deltas.accept(content.asText());
        }
        return false;
    }

    private String result() throws LlmException {
        if (text.toString().isBlank()) {
            throw new LlmException(LlmException.Reason.MALFORMED, "the language model server's stream has no choices[0].delta.content");
        }
        return text.toString();
    }
}
