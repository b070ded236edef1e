package startupcoach.slack;

import com.slack.api.model.Message;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.digest.Digest;
import startupcoach.digest.DigestDeliveryException;
import startupcoach.digest.DigestSink;
import startupcoach.digest.DigestTarget;

/**
 * Posts scheduled digests into Slack channels: Block Kit through {@code chat.postMessage} with the
 * bot token, through the platform's {@link SlackSender}, so digests share the per-channel pacing
 * of answers and wait out a 429's {@code Retry-After}. Each message carries Slack message metadata
 * ({@value #EVENT_TYPE}: subscription, slot, part), so a digest can be recognised in the channel.
 *
 * <p>Failures are retryable only when Slack certainly showed nothing: the first part failed with
 * a connection refused, HTTP 429 (after the sender's own retries) or 5xx. Once a part is in the
 * channel, posting again would repeat it, so a later failure is final. Thread-safe.
 */
final class SlackDigestSink implements DigestSink {

    /** The metadata {@code event_type} of digest messages. */
    static final String EVENT_TYPE = "coach_digest";
    private static final Logger log = LoggerFactory.getLogger(SlackDigestSink.class);

    private final SlackSender sender;
    private final DigestBlocks renderer;

    SlackDigestSink(SlackSender sender, DigestBlocks renderer) {
        this.sender = Objects.requireNonNull(sender, "sender == null");
        this.renderer = Objects.requireNonNull(renderer, "renderer == null");
    }

    @Override
    public void deliver(DigestTarget target, Digest digest) throws DigestDeliveryException {
        List<SlackMessage> parts = renderer.render(digest);
        int posted = 0;
        try {
            for (SlackMessage part : parts) {
                sender.post(target.conversationId(), null, part, metadata(target, digest, posted + 1, parts.size()));
                posted++;
            }
        } catch (SlackException e) {
            throw new DigestDeliveryException("slack: " + e.getMessage() + progress(posted, parts.size()),
                    e.retryable() && posted == 0, e);
        } catch (InterruptedException e) {
            // Interrupted while pacing or waiting out a 429: the current part was not sent.
            Thread.currentThread().interrupt();
            throw new DigestDeliveryException("slack: interrupted" + progress(posted, parts.size()), posted == 0, e);
        }
        log.info("slack.digest.posted subscription={} channel={} parts={}", target.subscriptionId(), target.conversationId(),
                parts.size());
    }

    private static Message.Metadata metadata(DigestTarget target, Digest digest, int part, int parts) {
        return Message.Metadata.builder().eventType(EVENT_TYPE).eventPayload(Map.of(
                "subscription_id", target.subscriptionId(),
                "slot", digest.slot().toString(),
                "part", part,
                "parts", parts)).build();
    }

    private static String progress(int posted, int parts) {
        return posted == 0 ? "" : " (after " + posted + " of " + parts + " parts were posted)";
    }
}
