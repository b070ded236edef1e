package startupcoach.coach;

import java.util.Objects;

/**
 * A message addressed to the coach, as every platform reports it.
 *
 * @param platform       "slack", "dingtalk", "cli" …
 * @param conversationId the channel, group or DM it came from: replies and digests go there
 * @param userId         who asked (platform user id)
 * @param text           what they typed, with any @mention of the bot already removed
 */
public record IncomingMessage(String platform, String conversationId, String userId, String text) {

    public IncomingMessage {
        Objects.requireNonNull(platform, "platform == null");
        Objects.requireNonNull(conversationId, "conversationId == null");
        Objects.requireNonNull(userId, "userId == null");
        text = text == null ? "" : text;
    }

    public static IncomingMessage fromCli(String text) {
        return new IncomingMessage("cli", "terminal", System.getProperty("user.name", "user"), text);
    }
}
