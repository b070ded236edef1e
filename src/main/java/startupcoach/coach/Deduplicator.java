package startupcoach.coach;

/**
 * Remembers which deliveries were already handled, so a platform's retry or redelivery of the
 * same event never produces a second answer. Keys are platform-scoped, e.g.
 * {@code slack:event:Ev123} or {@code dingtalk:msg:msgXYZ}.
 *
 * <p>Implementations are thread-safe; {@link #firstTime} is atomic per key.
 */
@FunctionalInterface
public interface Deduplicator {

    /**
     * Records the key and tells whether this is its first sighting.
     *
     * @return true exactly once per key (within the implementation's retention window)
     */
    boolean firstTime(String key);
}
