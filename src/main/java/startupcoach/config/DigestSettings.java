package startupcoach.config;

import java.time.DateTimeException;
import java.time.Duration;
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
        ZoneId zone = ZoneId.of("UTC");
        String tz = env.get("COACH_DIGEST_TZ");
        if (tz != null && !tz.isBlank()) {
            try {
                zone = ZoneId.of(tz.strip());
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("COACH_DIGEST_TZ=" + tz + " is not a time zone; use an IANA name such as Asia/Shanghai", e);
            }
        }
        Duration grace = Duration.ofMinutes(number(env, "COACH_DIGEST_GRACE_MINUTES", DEFAULT_GRACE.toMinutes(), "minutes"));
        Duration tick = Duration.ofSeconds(number(env, "COACH_DIGEST_TICK_SECONDS", DEFAULT_TICK.toSeconds(), "seconds"));
        Duration min = Duration.ofMinutes(number(env, "COACH_DIGEST_MIN_INTERVAL_MINUTES", DEFAULT_MIN_INTERVAL.toMinutes(), "minutes"));
        return new DigestSettings(zone, grace, tick, min);
    }

    private static long number(Map<String, String> env, String name, long fallback, String unit) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number of " + unit, e);
        }
        if (n <= 0) {
            throw new IllegalArgumentException(name + "=" + value + " must be positive");
        }
        return n;
    }

    private static void positive(Duration d, String what) {
        Objects.requireNonNull(d, what + " == null");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
