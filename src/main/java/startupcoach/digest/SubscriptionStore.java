package startupcoach.digest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Subscriptions and DingTalk robot webhooks, kept across restarts and shared by replicas.
 * Implementations are thread-safe; {@code startupcoach.store.JdbcSubscriptionStore} is the real one.
 */
public interface SubscriptionStore {

    /** Saves a new active subscription and returns it with its id. */
    Subscription add(String platform, String conversationId, Schedule schedule, ZoneId zone, List<DigestTopic> topics,
                     String createdBy, Instant createdAt);

    /** Every active subscription, by id. */
    List<Subscription> active();

    /** The active subscriptions of one conversation, by id. */
    List<Subscription> active(String platform, String conversationId);

    /** A subscription by id, active or not. */
    Optional<Subscription> find(long id);

    /**
     * Stops subscription {@code id} if it is active and belongs to this conversation (one channel
     * cannot stop another's digests).
     *
     * @return false when there was no such active subscription in this conversation
     */
    boolean stop(long id, String platform, String conversationId, Instant at);

    /** Saves (or replaces) the conversation's custom robot webhook. */
    void saveWebhook(String platform, String conversationId, RobotWebhook webhook, String savedBy, Instant at);

    Optional<RobotWebhook> webhook(String platform, String conversationId);
}
