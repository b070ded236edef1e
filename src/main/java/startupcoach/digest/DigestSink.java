package startupcoach.digest;

/**
 * Posts a digest to one chat platform. One sink per platform ({@code slack}: Block Kit through
 * {@code chat.postMessage}; {@code dingtalk}: markdown through the group's signed custom robot
 * webhook, {@link DigestTarget#webhook()}), registered with the {@link DigestScheduler} under the
 * platform name that {@link startupcoach.coach.IncomingMessage#platform()} carries.
 *
 * <p>{@link #deliver} returns once the platform accepted the message, or throws. It may block
 * (a rate limit such as DingTalk's 20 messages a minute per robot is the sink's to honour, by
 * waiting), but should finish within a few minutes. Called from the scheduler's single thread;
 * implementations need not be thread-safe unless shared with other code.
 *
 * <pre>{@code
 * DigestSink console = (target, digest) -> System.out.println(target.conversationId() + "\n" + digest.plainText());
 * }</pre>
 */
@FunctionalInterface
public interface DigestSink {

    /**
     * @throws DigestDeliveryException when the platform did not take the message; say with
     *                                  {@link DigestDeliveryException#retryable()} whether a
     *                                  retry could post it twice. Any other exception is treated
     *                                  as "outcome unknown" and never retried.
     */
    void deliver(DigestTarget target, Digest digest) throws DigestDeliveryException;

    /**
     * For a sink that posts through a webhook each conversation must register first
     * ({@link DigestTarget#webhook()}): how a conversation creates one, in the platform's words.
     * Empty (the default) for a sink that posts on its own.
     */
    default java.util.Optional<String> webhookSetupHint() {
        return java.util.Optional.empty();
    }
}
