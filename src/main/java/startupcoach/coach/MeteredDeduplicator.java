package startupcoach.coach;

import java.util.Objects;

/**
 * Counts the keys another {@link Deduplicator} has seen before, by platform and key kind (from keys
 * shaped {@code platform:kind:…}). A Slack retry repeats each of its keys, so it counts once per
 * kind; {@code key="event"} counts retried events.
 */
public final class MeteredDeduplicator implements Deduplicator {

    private final Deduplicator delegate;
    private final Metrics metrics;

    public MeteredDeduplicator(Deduplicator delegate, Metrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
        this.metrics = Objects.requireNonNull(metrics, "metrics == null");
    }

    @Override
    public boolean firstTime(String key) {
        boolean first = delegate.firstTime(key);
        if (!first) {
            String[] parts = key.split(":", 3);
            metrics.dedupeHit(parts[0], parts.length > 2 ? parts[1] : "other");
        }
        return first;
    }
}
