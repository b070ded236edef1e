package startupcoach.coach;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Per-user and per-channel token buckets: each key may send {@code perMinute} messages in a burst
 * and then one every {@code 60 s / perMinute}. A limit of zero turns that bucket off. Buckets of
 * keys idle for ten minutes are forgotten, so memory is bounded by the number of active senders
 * (and capped at 100 000 keys in all).
 *
 * <p>Per process: replicas behind a load balancer each apply the limit to what reaches them,
 * which is what a limit against one user flooding a channel needs. Thread-safe.
 */
public final class RateLimiter {

    /** No limits at all (the command line, tests). */
    public static final RateLimiter UNLIMITED = new RateLimiter(0, 0, Clock.systemUTC());

    private final int userPerMinute;
    private final int channelPerMinute;
    private final Clock clock;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(10)).maximumSize(100_000).build();

    /**
     * @param userPerMinute    messages one user may send per minute (per platform), 0 for no limit
     * @param channelPerMinute messages one conversation may receive per minute, 0 for no limit
     */
    public RateLimiter(int userPerMinute, int channelPerMinute, Clock clock) {
        if (userPerMinute < 0 || channelPerMinute < 0) {
            throw new IllegalArgumentException("rate limits must not be negative: user=" + userPerMinute
                    + " channel=" + channelPerMinute);
        }
        this.userPerMinute = userPerMinute;
        this.channelPerMinute = channelPerMinute;
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /**
     * Takes one token from the user's and the conversation's bucket.
     *
     * @return which limit refused the message ({@code user} or {@code channel}), or null when allowed
     */
    public String refuse(IncomingMessage message) {
        long now = clock.millis();
        if (userPerMinute > 0 && !take("u:" + message.platform() + ":" + message.userId(), userPerMinute, now)) {
            return "user";
        }
        if (channelPerMinute > 0 && !take("c:" + message.platform() + ":" + message.conversationId(), channelPerMinute, now)) {
            return "channel";
        }
        return null;
    }

    private boolean take(String key, int perMinute, long now) {
        return buckets.get(key, k -> new Bucket(perMinute, now)).take(perMinute, now);
    }

    public int userPerMinute() {
        return userPerMinute;
    }

    public int channelPerMinute() {
        return channelPerMinute;
    }

    /** A token bucket that refills continuously. */
    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(int capacity, long now) {
            this.tokens = capacity;
            this.updated = now;
        }

        synchronized boolean take(int perMinute, long now) {
            tokens = Math.min(perMinute, tokens + (now - updated) * perMinute / 60_000.0);
            updated = Math.max(updated, now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
