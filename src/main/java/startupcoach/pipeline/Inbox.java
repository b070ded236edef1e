package startupcoach.pipeline;

import java.time.Duration;
import java.util.Optional;

/**
 * Where acknowledged messages wait until they are answered; durable when backed by the database
 * ({@code store.JdbcInbox}), so a process killed after an acknowledgement loses nothing.
 *
 * <p>An item is pending until a worker {@link #claim claims} it for a lease; a claim whose lease ran
 * out (its replica died) can be claimed again, with one more attempt. Several workers, threads or
 * replicas on one database, never hold one item at the same time.
 *
 * <p>Implementations are thread-safe. Every method may throw
 * {@link startupcoach.coach.StorageUnavailableException} when the database cannot be reached.
 */
public interface Inbox {

    /** What {@link #accept} did. */
    enum Verdict {
        /** Stored: it will be answered. */
        ACCEPTED,
        /** One of its dedupe keys was seen within the retention window: a retry or a twin, not stored. */
        DUPLICATE
    }

    /**
     * Records the message's dedupe keys and, when none of them was seen before, the message itself:
     * both or neither (a failure part-way leaves nothing that would make the platform's redelivery
     * look like a repeat).
     */
    Verdict accept(Inbound inbound);

    /**
     * Takes the oldest item of {@code platform} that is pending or whose lease has run out, for
     * {@code lease}, counting one more attempt.
     *
     * @param replica who takes it; {@link #release} gives back what a replica of that name held
     * @return empty when there is nothing to do
     */
    Optional<InboxItem> claim(String platform, String replica, Duration lease);

    /** Extends the leases {@code replica} holds on these items (a slow answer keeps its claim). */
    void renew(Iterable<Long> ids, String replica, Duration lease);

    /** Marks that the item's delivery is about to write to the platform: from now on, a repeat may be seen twice. */
    void started(long id);

    /** Records what the platform returned for a message posted for the item (kept for a resumed attempt). */
    void sent(long id, String platformMessageRef);

    /** The item is finished; {@code outcome} says how ({@code answered}, {@code apologized}, {@code maybe_lost} …). */
    void done(long id, String outcome);

    /**
     * Gives back, as pending, every item of {@code platform} claimed by {@code replica}: called when a
     * replica of that name starts, since whatever it held then was held by its previous life.
     *
     * @return how many
     */
    int release(String platform, String replica);

    /** Items of {@code platform} not done yet, claimed or not. */
    int unfinished(String platform);
}
