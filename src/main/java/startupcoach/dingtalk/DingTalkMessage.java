package startupcoach.dingtalk;

import java.util.List;
import java.util.Objects;

/**
 * One robot message as DingTalk delivers it, in Stream mode and over the HTTP callback alike
 * (both carry the same JSON). Only the fields the bot uses are kept.
 *
 * @param msgId                     unique per message; a redelivery repeats it
 * @param msgtype                   {@code text}, {@code picture}, {@code file}, {@code richText} …
 * @param text                      {@code text.content} for text messages, else null
 * @param createAt                  when it was sent, epoch milliseconds (0 when absent)
 * @param conversationType          {@value #SINGLE} for 1:1, {@value #GROUP} for a group
 * @param conversationId            the openConversationId of the chat
 * @param conversationTitle         the group's name; null in 1:1 chats
 * @param senderId                  the sender's encrypted id, always present
 * @param senderNick                display name, for logs only at DEBUG
 * @param senderStaffId             the sender's userId inside the organisation (null for outsiders):
 *                                  what {@code at.atUserIds} and the OpenAPI {@code userIds} take
 * @param chatbotUserId             the robot's own id
 * @param sessionWebhook            where to reply to this message, valid until the next field
 * @param sessionWebhookExpiredTime epoch milliseconds after which the webhook is rejected (0 when absent)
 * @param robotCode                 the robot's code, needed by the OpenAPI; may be null in Stream payloads
 * @param atUserStaffIds            staff ids of the users @mentioned in the message (may be empty)
 */
record DingTalkMessage(String msgId, String msgtype, String text, long createAt, String conversationType,
                              String conversationId, String conversationTitle, String senderId, String senderNick,
                              String senderStaffId, String chatbotUserId, String sessionWebhook,
                              long sessionWebhookExpiredTime, String robotCode, List<String> atUserStaffIds) {

    /** {@code conversationType} of a 1:1 chat with the robot. */
    public static final String SINGLE = "1";
    /** {@code conversationType} of a group chat (the robot only hears messages that @mention it). */
    public static final String GROUP = "2";

    public DingTalkMessage {
        Objects.requireNonNull(msgId, "msgId == null");
        Objects.requireNonNull(msgtype, "msgtype == null");
        Objects.requireNonNull(conversationType, "conversationType == null");
        Objects.requireNonNull(conversationId, "conversationId == null");
        Objects.requireNonNull(senderId, "senderId == null");
        atUserStaffIds = atUserStaffIds == null ? List.of() : List.copyOf(atUserStaffIds);
    }

    public boolean isGroup() {
        return GROUP.equals(conversationType);
    }

    public boolean isSingle() {
        return SINGLE.equals(conversationType);
    }

    public boolean isText() {
        return "text".equals(msgtype);
    }

    /** Who asked, as the core and the feedback log know them: the staff id when there is one. */
    public String userId() {
        return senderStaffId != null ? senderStaffId : senderId;
    }
}
