package startupcoach.coach;

import java.util.List;

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
     * @throws StorageUnavailableException when a shared store cannot be reached; nothing was recorded
     */
    boolean firstTime(String key);

    /**
     * Records all keys of one delivery (event id, message id, channel and timestamp) and tells
     * whether none of them was seen before. A shared store records all or none: a failure part-way
     * must not leave a key behind that would make the platform's redelivery look like a repeat.
     *
     * @throws StorageUnavailableException when a shared store cannot be reached; nothing was recorded
     */
    default boolean firstTimeAll(List<String> keys) {
        boolean first = true;
        for (String key : keys) {
            first &= firstTime(key);
        }
        return first;
    }
}
