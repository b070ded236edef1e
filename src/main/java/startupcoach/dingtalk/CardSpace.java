package startupcoach.dingtalk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a card is delivered: a group ({@code dtv1.card//IM_GROUP.<openConversationId>}, sent by the
 * robot, optionally @mentioning the asker) or the 1:1 chat between the robot and one user
 * ({@code dtv1.card//IM_ROBOT.<userId>}).
 *
 * @param group          a group chat, else a 1:1 chat
 * @param conversationId the openConversationId of the chat (kept for callbacks and feedback)
 * @param userId         the asker's staff id: the 1:1 space, and the @mention in a group; may be null in a group
 * @param nick           the asker's display name for the @mention, or null
 */
record CardSpace(boolean group, String conversationId, String userId, String nick) {

    CardSpace {
        Objects.requireNonNull(conversationId, "conversationId == null");
        if (!group && userId == null) {
            throw new IllegalArgumentException("a 1:1 card needs the user's id");
        }
    }

    static CardSpace of(DingTalkMessage message) {
        return new CardSpace(message.isGroup(), message.conversationId(), message.userId(), message.senderNick());
    }

    String openSpaceId() {
        return group ? "dtv1.card//IM_GROUP." + conversationId : "dtv1.card//IM_ROBOT." + userId;
    }

    /** The createAndDeliver fields that name the space and how the card is delivered into it. */
    Map<String, Object> deliveryFields(String robotCode) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("openSpaceId", openSpaceId());
        // 1: userIds are staff ids (the organisation's userId), as the messages carry them.
        fields.put("userIdType", 1);
        fields.put("imGroupOpenSpaceModel", Map.of("supportForward", true));
        fields.put("imRobotOpenSpaceModel", Map.of("supportForward", true));
        if (group) {
            Map<String, Object> deliver = new LinkedHashMap<>();
            deliver.put("robotCode", robotCode);
            if (userId != null) {
                deliver.put("atUserIds", Map.of(userId, nick == null ? userId : nick));
            }
            fields.put("imGroupOpenDeliverModel", deliver);
        } else {
            fields.put("imRobotOpenDeliverModel", Map.of("spaceType", "IM_ROBOT"));
        }
        return fields;
    }
}
