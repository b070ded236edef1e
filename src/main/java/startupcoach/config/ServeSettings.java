package startupcoach.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
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
        return Environment.read(env, ServeSettings::from);
    }

    public static ServeSettings from(Environment env) {
        return new ServeSettings(
                env.number("COACH_RATE_USER_PER_MINUTE", DEFAULT_USER_PER_MINUTE, 0),
                env.number("COACH_RATE_CHANNEL_PER_MINUTE", DEFAULT_CHANNEL_PER_MINUTE, 0),
                env.duration("COACH_SHUTDOWN_SECONDS", DEFAULT_SHUTDOWN_GRACE, ChronoUnit.SECONDS, 0));
    }
}
