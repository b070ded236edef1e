package startupcoach.dingtalk;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends as the robot through DingTalk's OpenAPI, for when a message's sessionWebhook has expired:
 * {@code /v1.0/robot/groupMessages/send} into a group, {@code /v1.0/robot/oToMessages/batchSend}
 * to one person, with the {@code sampleMarkdown} template. Needs the app key (for the token) and
 * the permission 企业内机器人发送消息权限 (qyapi_robot_sendmsg).
 */
final class RobotApi {

    private final OpenApi api;
    private final String defaultRobotCode;

    /**
     * @param defaultRobotCode used when neither the settings nor the message name the robot; for an
     *                         internal app's robot this is its app key
     */
    RobotApi(OpenApi api, String defaultRobotCode) {
        this.api = api;
        this.defaultRobotCode = defaultRobotCode;
    }

    void send(DingTalkMessage origin, MarkdownMessage message, String configuredRobotCode) throws DingTalkException {
        String robotCode = configuredRobotCode != null ? configuredRobotCode
                : origin.robotCode() != null ? origin.robotCode() : defaultRobotCode;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("robotCode", robotCode);
        body.put("msgKey", "sampleMarkdown");
        try {
            body.put("msgParam", api.http().json().writeValueAsString(Map.of("title", message.title(), "text", message.text())));
        } catch (JsonProcessingException e) {
            throw new DingTalkException("robot api: cannot write msgParam", e);
        }
        String path;
        if (origin.isGroup()) {
            path = "/v1.0/robot/groupMessages/send";
            body.put("openConversationId", origin.conversationId());
        } else {
            path = "/v1.0/robot/oToMessages/batchSend";
            body.put("userIds", List.of(origin.userId()));
        }
        api.post("robot api", path, body);
    }
}
