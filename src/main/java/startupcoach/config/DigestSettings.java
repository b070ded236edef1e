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
 * </ul>
 *
 * @param defaultZone zone for subscriptions without {@code tz=}
 * @param grace       how late a missed slot may still be posted
 */
public record DigestSettings(ZoneId defaultZone, Duration grace) {

    public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

    public DigestSettings {
        Objects.requireNonNull(defaultZone, "defaultZone == null");
        Objects.requireNonNull(grace, "grace == null");
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("the digest grace period must be positive, was " + grace);
        }
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
        Duration grace = DEFAULT_GRACE;
        String minutes = env.get("COACH_DIGEST_GRACE_MINUTES");
        if (minutes != null && !minutes.isBlank()) {
            try {
                grace = Duration.ofMinutes(Long.parseLong(minutes.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("COACH_DIGEST_GRACE_MINUTES=" + minutes + " is not a whole number of minutes", e);
            }
        }
        return new DigestSettings(zone, grace);
    }
}
