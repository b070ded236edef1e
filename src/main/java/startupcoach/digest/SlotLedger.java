package startupcoach.digest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The record of digest slots and of the passages each conversation was sent. Every state change
 * is a single conditional statement (an insert into the unique {@code (subscription, slot)} key,
 * or an update guarded by the expected state), so concurrent schedulers on one database never
 * both win. Implementations are thread-safe; {@code startupcoach.store.JdbcSlotLedger} is the real one.
 */
public interface SlotLedger {

    /** The latest slot with any claim row (posted, skipped, failed …): slots up to it are settled. */
    Optional<Instant> latestSlot(long subscriptionId);

    /** When this subscription last posted a digest. */
    Optional<Instant> lastPosted(long subscriptionId);

    /** When any subscription of this conversation last posted a digest. */
    Optional<Instant> lastPosted(String platform, String conversationId);

    /**
     * Claims a slot for posting: inserts {@link SlotStatus#CLAIMED} with one attempt.
     *
     * @return false when the slot already has a row: another scheduler claimed (or settled) it
     */
    boolean claim(long subscriptionId, Instant slot, String owner, Instant now);

    /** Inserts a {@link SlotStatus#SKIPPED} row; false when the slot already has one. */
    boolean skip(long subscriptionId, Instant slot, String owner, Instant now, String reason);

    /**
     * Marks the owner's claim posted and records the passages sent to the conversation, in one
     * transaction.
     */
    void markPosted(long subscriptionId, Instant slot, String owner, Instant postedAt, String platform, String conversationId,
                    List<String> passageIds);

    /**
     * Records a failed attempt on the owner's claim: {@link SlotStatus#FAILED} until
     * {@code retryAt}, or {@link SlotStatus#GAVE_UP} when {@code retryAt} is null.
     */
    void markFailed(long subscriptionId, Instant slot, String owner, String error, Instant retryAt);

    /** {@link SlotStatus#FAILED} claims whose retry time has come, oldest slot first. */
    List<SlotClaim> dueForRetry(Instant now);

    /**
     * Takes a failed claim for another attempt: FAILED → CLAIMED, owner {@code owner}, attempts + 1,
     * only if nobody changed the row since {@code claim} was read.
     *
     * @return false when another scheduler took it first
     */
    boolean takeForRetry(SlotClaim claim, String owner, Instant now);

    /** FAILED → GAVE_UP, if still as read; false when someone else changed it. */
    boolean giveUp(SlotClaim claim, String reason);

    /** {@link SlotStatus#CLAIMED} rows claimed before {@code claimedBefore}. */
    List<SlotClaim> staleClaims(Instant claimedBefore);

    /** CLAIMED → LOST, if still as read; false when someone else changed it. */
    boolean markLost(SlotClaim claim);

    /** Every claim row of a subscription, oldest slot first (operations and tests). */
    List<SlotClaim> claims(long subscriptionId);

    /** Per passage id, how many times it was sent to this conversation (absent: never). */
    Map<String, Integer> sentCounts(String platform, String conversationId);
}
