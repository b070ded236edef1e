package startupcoach.compose.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;

/**
 * Streamed chat completions shaped like OpenAI's: a first chunk naming the role, one chunk per
 * delta, a last chunk with the finish reason, then {@code data: [DONE]}; sent chunked.
 */
public final class SseChunks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SseChunks() {
    }

    /** The event-stream text for these deltas. */
    public static String body(List<String> deltas) {
        StringBuilder out = new StringBuilder();
        out.append(event(chunk("assistant", null, null)));
        for (String d : deltas) {
            out.append(event(chunk(null, d, null)));
        }
        out.append(event(chunk(null, null, "stop")));
        return out.append("data: [DONE]\n\n").toString();
    }

    /** A 200 {@code text/event-stream} response with these deltas, all at once. */
    public static MockResponse response(List<String> deltas) {
        return new MockResponse().setHeader("Content-Type", "text/event-stream; charset=utf-8")
                .setChunkedBody(body(deltas), 64);
    }

    /** Like {@link #response(List)}, {@code bytes} at a time with a pause between: a model writing for a while. */
    public static MockResponse slowly(List<String> deltas, long bytes, long pauseMillis) {
        return response(deltas).throttleBody(bytes, pauseMillis, TimeUnit.MILLISECONDS);
    }

    private static ObjectNode chunk(String role, String content, String finishReason) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-42").put("object", "chat.completion.chunk")
                .put("created", 1_733_300_000L).put("model", "test-model");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (role != null) {
            delta.put("role", role).put("content", "");
        }
        if (content != null) {
            delta.put("content", content);
        }
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return root;
    }

    private static String event(ObjectNode chunk) {
        return "data: " + chunk + "\n\n";
    }
}
