package startupcoach.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * How scheduled digests behave, from the environment.
 *
 * <ul>
 *   <li>{@code COACH_DIGEST_TZ}: the zone of a subscription made without {@code tz=} (default UTC)</li>
 *   <li>{@code COACH_DIGEST_GRACE_MINUTES}: a slot missed by less than this is posted late, once
 *       (default 60)</li>
 *   <li>{@code COACH_DIGEST_TICK_SECONDS}: how often the scheduler looks for due slots (default 30)</li>
 *   <li>{@code COACH_DIGEST_MIN_INTERVAL_MINUTES}: the shortest gap a {@code digest cron} schedule may
 *       have between posts (default 60; 1 allows {@code "* * * * *"}, for trials and the
 *       real-process test)</li>
 * </ul>
 *
 * @param defaultZone  zone for subscriptions without {@code tz=}
 * @param grace        how late a missed slot may still be posted
 * @param tickInterval time between scheduler passes
 * @param minInterval  shortest allowed gap between two firings of a cron schedule
 */
public record DigestSettings(ZoneId defaultZone, Duration grace, Duration tickInterval, Duration minInterval) {

    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MIN_INTERVAL = Duration.ofHours(1);

    public DigestSettings {
        Objects.requireNonNull(defaultZone, "defaultZone == null");
        positive(grace, "the digest grace period");
        positive(tickInterval, "the digest tick interval");
        positive(minInterval, "the digest minimum interval");
    }

    /** Default tick and minimum interval. */
    public DigestSettings(ZoneId defaultZone, Duration grace) {
        this(defaultZone, grace, DEFAULT_TICK, DEFAULT_MIN_INTERVAL);
    }

    public static DigestSettings defaults() {
        return new DigestSettings(ZoneId.of("UTC"), DEFAULT_GRACE);
    }

    /** @throws IllegalArgumentException naming the variable when a value cannot be used */
    public static DigestSettings fromEnvironment(Map<String, String> env) {
        return Environment.read(env, DigestSettings::from);
    }

    public static DigestSettings from(Environment env) {
        ZoneId zone = env.parsed("COACH_DIGEST_TZ", ZoneId.of("UTC"), ZoneId::of, "an IANA time zone such as Asia/Shanghai");
        Duration grace = env.duration("COACH_DIGEST_GRACE_MINUTES", DEFAULT_GRACE, ChronoUnit.MINUTES, 1);
        Duration tick = env.duration("COACH_DIGEST_TICK_SECONDS", DEFAULT_TICK, ChronoUnit.SECONDS, 1);
        Duration min = env.duration("COACH_DIGEST_MIN_INTERVAL_MINUTES", DEFAULT_MIN_INTERVAL, ChronoUnit.MINUTES, 1);
        return new DigestSettings(zone, grace, tick, min);
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what + " == null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
