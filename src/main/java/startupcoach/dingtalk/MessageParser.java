package startupcoach.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the robot message JSON into a {@link DingTalkMessage}. One parser for both transports:
 * the Stream client hands over the same JSON the HTTP callback posts. Thread-safe.
 */
final class MessageParser {

    private final ObjectMapper json;

    public MessageParser(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @throws MalformedCallbackException when the body is not a JSON object or lacks msgId,
     *                                    conversationId, conversationType or senderId
     */
    public DingTalkMessage parse(String body) throws MalformedCallbackException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedCallbackException("body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedCallbackException("body is not a JSON object");
        }
        List<String> atUsers = new ArrayList<>();
        for (JsonNode at : root.path("atUsers")) {
            String staffId = text(at, "staffId");
            if (staffId != null) {
                atUsers.add(staffId);
            }
        }
        String msgtype = text(root, "msgtype");
        return new DingTalkMessage(
                required(root, "msgId"),
                msgtype == null ? "unknown" : msgtype,
                "text".equals(msgtype) ? text(root.path("text"), "content") : null,
                root.path("createAt").asLong(0),
                required(root, "conversationType"),
                required(root, "conversationId"),
                text(root, "conversationTitle"),
                required(root, "senderId"),
                text(root, "senderNick"),
                text(root, "senderStaffId"),
                text(root, "chatbotUserId"),
                text(root, "sessionWebhook"),
                root.path("sessionWebhookExpiredTime").asLong(0),
                text(root, "robotCode"),
                atUsers);
    }

    private static String required(JsonNode node, String field) throws MalformedCallbackException {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new MalformedCallbackException("field " + field + " is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
