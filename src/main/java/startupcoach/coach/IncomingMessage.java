package startupcoach.coach;

import java.util.Objects;
import startupcoach.conversation.ConversationKey;

/**
 * A message addressed to the coach, as every platform reports it.
 *
 * @param platform       "slack", "dingtalk", "cli" …
 * @param conversationId the channel, group or DM it came from: replies and digests go there
 * @param userId         who asked (platform user id)
 * @param text           what they typed, with any @mention of the bot already removed
 * @param thread         the conversation within that chat whose turns belong together: a Slack
 *                       thread's ts, a DingTalk group member; null when the chat is one conversation
 */
public record IncomingMessage(String platform, String conversationId, String userId, String text, String thread) {

    public IncomingMessage {
        Objects.requireNonNull(platform, "platform == null");
        Objects.requireNonNull(conversationId, "conversationId == null");
        Objects.requireNonNull(userId, "userId == null");
        text = text == null ? "" : text;
        thread = thread == null || thread.isBlank() ? null : thread;
    }

    /** A message in a chat that is one conversation (a DM, a 1:1 chat). */
    public IncomingMessage(String platform, String conversationId, String userId, String text) {
        this(platform, conversationId, userId, text, null);
    }

    public static IncomingMessage fromCli(String text) {
        return new IncomingMessage("cli", "terminal", System.getProperty("user.name", "user"), text);
    }

    /** A line of one terminal {@code chat} session: every line of the session is one conversation. */
    public static IncomingMessage fromCli(String text, String session) {
        return new IncomingMessage("cli", "terminal", System.getProperty("user.name", "user"), text, session);
    }

    /** Which conversation memory this message belongs to: the chat, and the thread within it. */
    public String conversationKey() {
        return ConversationKey.of(platform, conversationId, thread);
    }
}
