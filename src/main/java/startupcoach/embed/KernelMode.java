package startupcoach.embed;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the operator asked for with {@code COACH_EMBED_KERNELS}: let a probe decide ({@link #AUTO},
 * the default), always take the safe kernels, or insist on the fast ones (which still refuses,
 * with a message, where the probe showed them unsafe).
 */
public enum KernelMode {
    AUTO, SAFE, FAST;

    /**
     * @param value {@code auto}, {@code safe} or {@code fast}, any case; null or blank means auto
     * @throws IllegalArgumentException naming the valid values
     */
    public static KernelMode parse(String value) {
        if (value == null || value.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("COACH_EMBED_KERNELS=" + value.strip() + " is not valid; use one of "
                    + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }
}
