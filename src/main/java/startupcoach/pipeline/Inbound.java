package startupcoach.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import startupcoach.coach.IncomingMessage;
import startupcoach.conversation.ConversationKey;

/**
 * A message a platform delivered, as it is kept until answered.
 *
 * @param platform       {@code slack}, {@code dingtalk} …: which {@link Outlet} answers it
 * @param conversationId the channel, group or DM
 * @param thread         the conversation within that chat (a Slack thread, a DingTalk group member); null when the chat is one
 * @param sender         the platform user id of who asked
 * @param text           the question as the coach gets it (mention already removed)
 * @param dedupeKeys     every key the platform's retries of this delivery carry ({@code slack:event:Ev1} …); at least one
 * @param receivedAt     when the platform delivered it: age limits count from here
 * @param replyAddress   opaque JSON only the platform's outlet reads: where and how to reply later
 *                       (Slack channel and thread, DingTalk sessionWebhook and its expiry …)
 */
public record Inbound(String platform, String conversationId, String thread, String sender, String text,
                      List<String> dedupeKeys, Instant receivedAt, String replyAddress) {

    public Inbound {
        Objects.requireNonNull(platform, "platform == null");
        Objects.requireNonNull(conversationId, "conversationId == null");
        Objects.requireNonNull(sender, "sender == null");
        Objects.requireNonNull(receivedAt, "receivedAt == null");
        Objects.requireNonNull(replyAddress, "replyAddress == null");
        text = text == null ? "" : text;
        thread = thread == null || thread.isBlank() ? null : thread;
        dedupeKeys = List.copyOf(dedupeKeys);
        if (dedupeKeys.isEmpty()) {
            throw new IllegalArgumentException("an inbound message needs at least one dedupe key");
        }
        dedupeKeys.forEach(k -> {
            if (k.isBlank() || k.contains("\n")) {
                throw new IllegalArgumentException("dedupe keys are one non-blank line each: " + k);
            }
        });
    }

    /** The message as the coach reads it. */
    public IncomingMessage message() {
        return new IncomingMessage(platform, conversationId, sender, text, thread);
    }

    /** Which conversation memory it belongs to. */
    public String conversationKey() {
        return ConversationKey.of(platform, conversationId, thread);
    }
}
