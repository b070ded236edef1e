package startupcoach.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import startupcoach.coach.Deduplicator;
import startupcoach.coach.InMemoryDeduplicator;

/**
 * A {@link Deduplicator} shared by every replica on one database: table {@code dedupe_keys}. One
 * statement decides: insert the key, or, if it is there but expired, renew it; either counts as a
 * first sighting, a live key does not. The database's primary key makes it atomic across threads
 * and processes. Expired keys are purged at most once a minute by whichever call comes along.
 *
 * <p>Thread-safe.
 */
public final class JdbcDeduplicator implements Deduplicator {

    private static final long PURGE_EVERY_MS = Duration.ofMinutes(1).toMillis();

    private final Database db;
    private final Duration retention;
    private final Clock clock;
    private final AtomicLong lastPurge = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param retention how long a key blocks repeats; longer than the platforms' redelivery horizon
     */
    public JdbcDeduplicator(Database db, Duration retention, Clock clock) {
        this.db = Objects.requireNonNull(db, "db == null");
        this.retention = Objects.requireNonNull(retention, "retention == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** One hour's retention, as {@link InMemoryDeduplicator}. */
    public JdbcDeduplicator(Database db) {
        this(db, InMemoryDeduplicator.DEFAULT_RETENTION, Clock.systemUTC());
    }

    @Override
    public boolean firstTime(String key) {
        return firstTimeAll(List.of(key));
    }

    /** All keys in one transaction: recorded together, or (the database gone part-way) none. */
    @Override
    public boolean firstTimeAll(List<String> keys) {
        keys.forEach(k -> Objects.requireNonNull(k, "key == null"));
        long now = clock.millis();
        purgeIfDue(now);
        return Jdbc.inTransaction(db, c -> recordAll(c, keys, now, now + retention.toMillis()));
    }

    /**
     * Records the keys on {@code c}, inside the caller's transaction (the inbox writes its row in
     * the same one), and tells whether none was live at {@code now}.
     */
    static boolean recordAll(Connection c, List<String> keys, long now, long expiresAt) throws SQLException {
        boolean first = true;
        for (String key : keys) {
            first &= Jdbc.update(c, """
                    INSERT INTO dedupe_keys (key, expires_at) VALUES (?, ?)
                    ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE dedupe_keys.expires_at <= ?""",
                    key, expiresAt, now) == 1;
        }
        return first;
    }

    /** The retention new keys get. */
    Duration retention() {
        return retention;
    }

    /** The clock keys expire by. */
    Clock clock() {
        return clock;
    }

    /** Deletes expired keys now. @return how many */
    public int purgeExpired() {
        long now = clock.millis();
        lastPurge.set(now);
        return Jdbc.update(db, "DELETE FROM dedupe_keys WHERE expires_at <= ?", now);
    }

    void purgeIfDue(long now) {
        long last = lastPurge.get();
        if (now - last >= PURGE_EVERY_MS && lastPurge.compareAndSet(last, now)) {
            Jdbc.update(db, "DELETE FROM dedupe_keys WHERE expires_at <= ?", now);
        }
    }
}
