package startupcoach.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides when the text a model wrote since the last Web API call is passed on with
 * {@code chat.appendStream}: once {@code interval} has passed since the last call, or sooner when
 * {@code maxChars} are waiting. A model writes a few tokens at a time, dozens per second; one call
 * per token would spend Slack's rate limit and make the message flicker, while a second's worth
 * of text still reads as live typing. Not thread-safe: one per streamed message.
 */
final class AppendThrottle {

    /** At most about one append per second. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** A burst this long goes out at once rather than wait for the interval. */
    static final int DEFAULT_MAX_CHARS = 2_000;

    private final Clock clock;
    private final Duration interval;
    private final int maxChars;
    private Instant last;

    AppendThrottle(Clock clock) {
        this(clock, DEFAULT_INTERVAL, DEFAULT_MAX_CHARS);
    }

    AppendThrottle(Clock clock, Duration interval, int maxChars) {
        this.clock = Objects.requireNonNull(clock, "clock == null");
        this.interval = Objects.requireNonNull(interval, "interval == null");
        if (interval.isNegative() || maxChars < 1) {
            throw new IllegalArgumentException("interval must not be negative and maxChars must be at least 1");
        }
        this.maxChars = maxChars;
    }

    /** Records that text was just passed on (the stream's start counts). */
    void sent() {
        last = clock.instant();
    }

    /** Whether {@code buffered} characters waiting should be passed on now. */
    boolean due(int buffered) {
        return buffered > 0 && (buffered >= maxChars || untilDue().isZero());
    }

    /** How long until the interval since the last call has passed; zero when it has (or nothing was sent yet). */
    Duration untilDue() {
        if (last == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), last.plus(interval));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
