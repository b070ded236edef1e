package startupcoach.digest;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the slot ledger.
 *
 * @param subscriptionId  the subscription
 * @param slot            the scheduled instant; unique together with the subscription
 * @param status          where it stands
 * @param claimedBy       the scheduler instance that claimed it (or last took it for a retry)
 * @param claimedAt       when
 * @param attempts        posts attempted so far
 * @param nextAttemptAt   when a {@link SlotStatus#FAILED} slot may be retried; else null
 * @param postedAt        when it was posted; else null
 * @param lastError       why the last attempt failed; else null
 */
public record SlotClaim(long subscriptionId, Instant slot, SlotStatus status, String claimedBy, Instant claimedAt,
                        int attempts, Instant nextAttemptAt, Instant postedAt, String lastError) {

    public SlotClaim {
        Objects.requireNonNull(slot, "slot == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(claimedBy, "claimedBy == null");
        Objects.requireNonNull(claimedAt, "claimedAt == null");
    }
}
