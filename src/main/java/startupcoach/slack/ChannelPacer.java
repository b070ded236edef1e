package startupcoach.slack;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Spaces posts into one channel at least {@code interval} apart: Slack allows about one message
 * per second per channel and answers bursts with 429. Each caller reserves the next free slot
 * atomically and sleeps until it, so posts keep their order and never bunch up. Channels idle
 * for a minute are forgotten, which bounds memory. Thread-safe.
 */
final class ChannelPacer {

    private final long intervalNanos;
    private final Cache<String, Long> nextSlot = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(1)).maximumSize(100_000).build();

    ChannelPacer(Duration interval) {
        this.intervalNanos = Objects.requireNonNull(interval, "interval == null").toNanos();
    }

    /** Blocks until this channel's next slot; returns how long it waited. */
    Duration acquire(String channel) throws InterruptedException {
        long now = System.nanoTime();
        long[] slot = new long[1];
        nextSlot.asMap().compute(channel, (k, next) -> {
            slot[0] = next == null || next - now < 0 ? now : next;
            return slot[0] + intervalNanos;
        });
        long wait = slot[0] - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        return Duration.ofNanos(Math.max(wait, 0));
    }
}
