package startupcoach.digest;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A conversation's standing order for digests.
 *
 * @param id             store-assigned, positive
 * @param platform       {@code slack}, {@code dingtalk} …: picks the {@link DigestSink}
 * @param conversationId channel or group the digests go to
 * @param schedule       when
 * @param zone           the zone {@link #schedule()} is read in
 * @param topics         what about; empty means every topic
 * @param createdBy      user id of whoever subscribed
 * @param createdAt      slots at or before this instant are never due
 * @param active         false once stopped
 */
public record Subscription(long id, String platform, String conversationId, Schedule schedule, ZoneId zone,
                           List<DigestTopic> topics, String createdBy, Instant createdAt, boolean active) {

    public Subscription {
        Objects.requireNonNull(platform, "platform == null");
        Objects.requireNonNull(conversationId, "conversationId == null");
        Objects.requireNonNull(schedule, "schedule == null");
        Objects.requireNonNull(zone, "zone == null");
        topics = List.copyOf(topics);
        Objects.requireNonNull(createdBy, "createdBy == null");
        Objects.requireNonNull(createdAt, "createdAt == null");
    }

    /** The topics a digest draws from: the chosen ones, or all of them. */
    public List<DigestTopic> effectiveTopics() {
        return topics.isEmpty() ? List.of(DigestTopic.values()) : topics;
    }
}
