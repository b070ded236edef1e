package startupcoach.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the {@code timestamp} and {@code sign} headers of a DingTalk HTTP callback:
 * {@code sign = Base64(HmacSHA256(appSecret, timestamp + "\n" + appSecret))}, with the timestamp
 * (epoch milliseconds) within {@link #MAX_SKEW} of now.
 *
 * <p>DingTalk signs the timestamp, not the body: a valid signature proves the sender knows the
 * secret, and the one-hour window plus msgId dedupe bound what a replayed request can do.
 * Thread-safe.
 */
final class CallbackSignature {

    /** DingTalk's documented window for callback timestamps. */
    public static final Duration MAX_SKEW = Duration.ofHours(1);

    /** Why a request was rejected; only these words reach the log, never header values. */
    public enum Verdict { VALID, MISSING, NOT_A_TIMESTAMP, STALE, MISMATCH }

    private final byte[] secret;
    private final Clock clock;

    public CallbackSignature(String appSecret, Clock clock) {
        Objects.requireNonNull(appSecret, "appSecret == null");
        this.secret = appSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** The {@code sign} value DingTalk sends with this timestamp. */
    public String sign(String timestamp) {
        return sign(secret, timestamp);
    }

    /**
     * {@code Base64(HmacSHA256(secret, timestamp + "\n" + secret))}: DingTalk signs callbacks and
     * custom robot webhooks alike.
     */
    static String sign(byte[] secret, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            mac.update(secret);
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * @param timestamp the {@code timestamp} header, or null
     * @param sign      the {@code sign} header, or null
     */
    public Verdict verify(String timestamp, String sign) {
        if (timestamp == null || sign == null || timestamp.isBlank() || sign.isBlank()) {
            return Verdict.MISSING;
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Verdict.NOT_A_TIMESTAMP;
        }
        if (Math.abs(clock.millis() - millis) > MAX_SKEW.toMillis()) {
            return Verdict.STALE;
        }
        byte[] expected = sign(timestamp.strip()).getBytes(StandardCharsets.US_ASCII);
        byte[] given = sign.strip().getBytes(StandardCharsets.US_ASCII);
        // Constant time, so response timing does not reveal how many leading bytes matched.
        return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.MISMATCH;
    }
}
