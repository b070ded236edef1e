package startupcoach.dingtalk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/**
 * Robot message payloads from {@code src/test/resources/dingtalk/}, shaped as DingTalk sends them,
 * made current: a fresh msgId, createAt now, the session webhook pointed at the test server.
 */
final class Payloads {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String GROUP = "group-text.json";
    static final String SINGLE = "single-text.json";

    private Payloads() {
    }

    static ObjectNode load(String name) {
        try (InputStream in = Payloads.class.getResourceAsStream("/dingtalk/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture with a new msgId, sent just now, replying to {@code webhook} valid for 90 minutes. */
    static ObjectNode fresh(String name, String webhook) {
        ObjectNode message = load(name);
        long now = System.currentTimeMillis();
        message.put("msgId", "msg" + UUID.randomUUID().toString().replace("-", "") + "==");
        message.put("createAt", now);
        message.put("sessionWebhook", webhook);
        message.put("sessionWebhookExpiredTime", now + 90 * 60_000L);
        return message;
    }

    static ObjectNode withText(ObjectNode message, String content) {
        ((ObjectNode) message.get("text")).put("content", content);
        return message;
    }

    static String text(ObjectNode message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
