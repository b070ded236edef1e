package startupcoach.digest;

/**
 * Where one {@code (subscription, slot)} claim stands. The claim row is inserted before anything is
 * posted; its unique key is what makes a slot at most once across replicas and restarts.
 */
public enum SlotStatus {
    /** Claimed; a post is (or was, if the owner died) in progress. */
    CLAIMED,
    /** Posted; {@code posted_at} is set. */
    POSTED,
    /** A post failed in a way that is safe to retry; due again at {@code next_attempt_at}. */
    FAILED,
    /** Failed for good: not retryable, out of attempts, the grace period ran out, or nothing to post. */
    GAVE_UP,
    /** Missed by more than the grace period: deliberately not posted (one row stands for a run of them). */
    SKIPPED,
    /** Claimed long ago and never reported posted (its owner probably died): not re-posted. */
    LOST
}
