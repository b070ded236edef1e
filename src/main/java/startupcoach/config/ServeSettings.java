package startupcoach.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Operating limits of {@code serve}, read once from the environment.
 *
 * @param userPerMinute    {@code COACH_RATE_USER_PER_MINUTE}: messages one user may send per minute
 *                         before getting "you're asking quickly" (a burst of that many is fine); 0 turns
 *                         the limit off; default {@value #DEFAULT_USER_PER_MINUTE}
 * @param channelPerMinute {@code COACH_RATE_CHANNEL_PER_MINUTE}: the same for one channel or group;
 *                         default {@value #DEFAULT_CHANNEL_PER_MINUTE}
 * @param shutdownGrace    {@code COACH_SHUTDOWN_SECONDS}: on SIGTERM, how long answers already accepted
 *                         may take to be delivered before the process exits; default 20 s
 */
public record ServeSettings(int userPerMinute, int channelPerMinute, Duration shutdownGrace) {

    public static final int DEFAULT_USER_PER_MINUTE = 10;
    public static final int DEFAULT_CHANNEL_PER_MINUTE = 30;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);

    public ServeSettings {
        Objects.requireNonNull(shutdownGrace, "shutdownGrace == null");
        if (userPerMinute < 0 || channelPerMinute < 0 || shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("limits must not be negative");
        }
    }

    public static ServeSettings defaults() {
        return new ServeSettings(DEFAULT_USER_PER_MINUTE, DEFAULT_CHANNEL_PER_MINUTE, DEFAULT_SHUTDOWN_GRACE);
    }

    public static ServeSettings fromEnvironment(Map<String, String> env) {
        return new ServeSettings(
                number(env, "COACH_RATE_USER_PER_MINUTE", DEFAULT_USER_PER_MINUTE),
                number(env, "COACH_RATE_CHANNEL_PER_MINUTE", DEFAULT_CHANNEL_PER_MINUTE),
                Duration.ofSeconds(number(env, "COACH_SHUTDOWN_SECONDS", (int) DEFAULT_SHUTDOWN_GRACE.toSeconds())));
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + "=" + value.strip() + " is not valid; use a whole number ≥ 0 (default "
                + fallback + ")");
    }
}
