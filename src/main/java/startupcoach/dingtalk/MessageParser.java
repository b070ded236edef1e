package startupcoach.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the robot message JSON into a {@link DingTalkMessage}. One parser for both transports:
 * the Stream client hands over the same JSON the HTTP callback posts. {@link #toJson} writes a
 * message back in that shape: the inbox keeps it as the reply address, so a resumed answer finds
 * the sessionWebhook, the sender and the robot code the way a fresh one does. Thread-safe.
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

    /** The message as DingTalk's JSON, readable by {@link #parse}. */
    String toJson(DingTalkMessage m) {
        ObjectNode root = json.createObjectNode();
        root.put("msgId", m.msgId());
        root.put("msgtype", m.msgtype());
        if (m.text() != null) {
            root.putObject("text").put("content", m.text());
        }
        root.put("createAt", m.createAt());
        root.put("conversationType", m.conversationType());
        root.put("conversationId", m.conversationId());
        root.put("conversationTitle", m.conversationTitle());
        root.put("senderId", m.senderId());
        root.put("senderNick", m.senderNick());
        root.put("senderStaffId", m.senderStaffId());
        root.put("chatbotUserId", m.chatbotUserId());
        root.put("sessionWebhook", m.sessionWebhook());
        root.put("sessionWebhookExpiredTime", m.sessionWebhookExpiredTime());
        root.put("robotCode", m.robotCode());
        ArrayNode at = root.putArray("atUsers");
        m.atUserStaffIds().forEach(id -> at.addObject().put("staffId", id));
        return root.toString();
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
