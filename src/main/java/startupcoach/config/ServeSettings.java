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
 * @param resumeWithin     {@code COACH_RESUME_WITHIN_SECONDS}: a message acknowledged but not yet answered when the
 *                         process stopped (a crash, a deploy) is answered after the restart if it is at most this
 *                         old; default 600 (10 minutes)
 * @param apologizeWithin  {@code COACH_APOLOGIZE_WITHIN_SECONDS}: an older one, up to this age, gets one short
 *                         apology asking to ask again; older still, it is dropped with a log line; default 3600
 */
public record ServeSettings(int userPerMinute, int channelPerMinute, Duration shutdownGrace, Duration resumeWithin,
                            Duration apologizeWithin) {

    public static final int DEFAULT_USER_PER_MINUTE = 10;
    public static final int DEFAULT_CHANNEL_PER_MINUTE = 30;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(20);
    public static final Duration DEFAULT_RESUME_WITHIN = Duration.ofMinutes(10);
    public static final Duration DEFAULT_APOLOGIZE_WITHIN = Duration.ofHours(1);

    public ServeSettings {
        Objects.requireNonNull(shutdownGrace, "shutdownGrace == null");
        Objects.requireNonNull(resumeWithin, "resumeWithin == null");
        Objects.requireNonNull(apologizeWithin, "apologizeWithin == null");
        if (userPerMinute < 0 || channelPerMinute < 0 || shutdownGrace.isNegative() || resumeWithin.isNegative()) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        if (apologizeWithin.compareTo(resumeWithin) < 0) {
            throw new IllegalArgumentException("COACH_APOLOGIZE_WITHIN_SECONDS (" + apologizeWithin.toSeconds()
                    + ") must not be less than COACH_RESUME_WITHIN_SECONDS (" + resumeWithin.toSeconds() + ")");
        }
    }

    public static ServeSettings defaults() {
        return new ServeSettings(DEFAULT_USER_PER_MINUTE, DEFAULT_CHANNEL_PER_MINUTE, DEFAULT_SHUTDOWN_GRACE, DEFAULT_RESUME_WITHIN,
                DEFAULT_APOLOGIZE_WITHIN);
    }

    public static ServeSettings fromEnvironment(Map<String, String> env) {
        return new ServeSettings(
                number(env, "COACH_RATE_USER_PER_MINUTE", DEFAULT_USER_PER_MINUTE),
                number(env, "COACH_RATE_CHANNEL_PER_MINUTE", DEFAULT_CHANNEL_PER_MINUTE),
                Duration.ofSeconds(number(env, "COACH_SHUTDOWN_SECONDS", (int) DEFAULT_SHUTDOWN_GRACE.toSeconds())),
                Duration.ofSeconds(number(env, "COACH_RESUME_WITHIN_SECONDS", (int) DEFAULT_RESUME_WITHIN.toSeconds())),
                Duration.ofSeconds(number(env, "COACH_APOLOGIZE_WITHIN_SECONDS", (int) DEFAULT_APOLOGIZE_WITHIN.toSeconds())));
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
