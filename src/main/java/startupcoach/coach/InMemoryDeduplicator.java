package startupcoach.coach;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link Deduplicator} for one process: keys are kept for a retention window longer than the
 * platforms' redelivery horizon (Slack retries within minutes, DingTalk Stream after ~60 s), and
 * bounded in number so a flood cannot exhaust memory. Several replicas need a shared store instead.
 */
public final class InMemoryDeduplicator implements Deduplicator {

    public static final Duration DEFAULT_RETENTION = Duration.ofHours(1);

    private final Cache<String, Boolean> seen;

    public InMemoryDeduplicator(Duration retention, long maxKeys) {
        Objects.requireNonNull(retention, "retention == null");
        this.seen = Caffeine.newBuilder().expireAfterWrite(retention).maximumSize(maxKeys).build();
    }

    public InMemoryDeduplicator() {
        this(DEFAULT_RETENTION, 100_000);
    }

    @Override
    public boolean firstTime(String key) {
        Objects.requireNonNull(key, "key == null");
        return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }
}
