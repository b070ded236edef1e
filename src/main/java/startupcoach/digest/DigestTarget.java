package startupcoach.digest;

import java.util.Objects;
import java.util.Optional;

/**
 * Where one digest goes.
 *
 * @param subscriptionId the subscription it is posted for (for logs)
 * @param platform       {@code slack}, {@code dingtalk} …
 * @param conversationId Slack channel id, DingTalk group (openConversationId) …
 * @param webhook        the group's stored custom robot, for DingTalk; null when none was given
 */
public record DigestTarget(long subscriptionId, String platform, String conversationId, RobotWebhook webhook) {

    public DigestTarget {
        Objects.requireNonNull(platform, "platform == null");
        Objects.requireNonNull(conversationId, "conversationId == null");
    }

    public Optional<RobotWebhook> webhookIfAny() {
        return Optional.ofNullable(webhook);
    }
}
