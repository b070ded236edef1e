package startupcoach.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Replies through a message's {@code sessionWebhook}: the cheapest way back into the chat it came
 * from (no access token), valid until {@code sessionWebhookExpiredTime}.
 */
final class SessionWebhook {

    /** {@code 130101} sending too fast, {@code -1} system busy: refused, so safe to send again later. */
    private static final Set<Integer> TRANSIENT_ERRCODES = Set.of(130101, -1);

    private final DingTalkHttp http;

    SessionWebhook(DingTalkHttp http) {
        this.http = http;
    }

    void send(String webhookUrl, MarkdownMessage message) throws DingTalkException {
        JsonNode result = http.post("session webhook", webhookUrl, body(message), Map.of());
        int errcode = result.path("errcode").asInt(0);
        if (errcode != 0) {
            throw new DingTalkException("session webhook refused the message: errcode=" + errcode + " errmsg="
                    + result.path("errmsg").asText(""), 200, TRANSIENT_ERRCODES.contains(errcode));
        }
    }

    /** {@code {"msgtype":"markdown","markdown":{"title","text"},"at":{"atUserIds":[…]}}}. */
    static Map<String, Object> body(MarkdownMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msgtype", "markdown");
        body.put("markdown", Map.of("title", message.title(), "text", message.text()));
        if (!message.atUserIds().isEmpty()) {
            body.put("at", Map.of("atUserIds", message.atUserIds()));
        }
        return body;
    }
}
