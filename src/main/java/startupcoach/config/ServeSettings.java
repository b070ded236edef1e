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
        return Environment.read(env, ServeSettings::from);
    }

    public static ServeSettings from(Environment env) {
        return new ServeSettings(
                env.number("COACH_RATE_USER_PER_MINUTE", DEFAULT_USER_PER_MINUTE, 0),
                env.number("COACH_RATE_CHANNEL_PER_MINUTE", DEFAULT_CHANNEL_PER_MINUTE, 0),
                env.duration("COACH_SHUTDOWN_SECONDS", DEFAULT_SHUTDOWN_GRACE, ChronoUnit.SECONDS, 0),
                env.duration("COACH_RESUME_WITHIN_SECONDS", DEFAULT_RESUME_WITHIN, ChronoUnit.SECONDS, 0),
                env.duration("COACH_APOLOGIZE_WITHIN_SECONDS", DEFAULT_APOLOGIZE_WITHIN, ChronoUnit.SECONDS, 0));
    }
}
