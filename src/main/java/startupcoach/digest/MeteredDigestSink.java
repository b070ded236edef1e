package startupcoach.digest;

import java.util.Objects;
import startupcoach.coach.Metrics;

/** Counts another sink's posts as {@code posted} or {@code failed}, under its platform name. */
public final class MeteredDigestSink implements DigestSink {

    private final String platform;
    private final DigestSink delegate;
    private final Metrics metrics;

    public MeteredDigestSink(String platform, DigestSink delegate, Metrics metrics) {
        this.platform = Objects.requireNonNull(platform, "platform == null");
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
        this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    }

    @Override
    public void deliver(DigestTarget target, Digest digest) throws DigestDeliveryException {
        try {
            delegate.deliver(target, digest);
        } catch (DigestDeliveryException | RuntimeException e) {
            metrics.digestPost(platform, "failed");
            throw e;
        }
        metrics.digestPost(platform, "posted");
    }

    @Override
    public java.util.Optional<String> webhookSetupHint() {
        return delegate.webhookSetupHint();
    }
}
