package startupcoach.coach;

import java.util.List;
import java.util.Objects;

/**
 * Counts the keys another {@link Deduplicator} has seen before, by platform and key kind (from keys
 * shaped {@code platform:kind:…}). A Slack retry is checked with all its keys at once and counts
 * once, under {@code key="event"}.
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
            countHit(key);
        }
        return first;
    }

    /** A repeated delivery counts once, under the kind of its first key. */
    @Override
    public boolean firstTimeAll(List<String> keys) {
        boolean first = delegate.firstTimeAll(keys);
        if (!first && !keys.isEmpty()) {
            countHit(keys.get(0));
        }
        return first;
    }

    private void countHit(String key) {
        String[] parts = key.split(":", 3);
        metrics.dedupeHit(parts[0], parts.length > 2 ? parts[1] : "other");
    }
}
