package startupcoach.pipeline;

/** What {@link Pipeline#accept} did with a message; the adapter turns it into its platform's acknowledgement. */
public enum Admission {
    /** In the inbox: acknowledge, it will be answered (after a crash, by the next start). */
    ACCEPTED,
    /** A retry or twin of a message already taken: acknowledge, nothing else to do. */
    DUPLICATE,
    /** Too many answers pending: nothing was recorded, so the platform's redelivery is new; do not acknowledge. */
    OVERLOADED,
    /** Shutting down: nothing was recorded; do not acknowledge, another replica or the next start takes the retry. */
    CLOSED
}
