package startupcoach.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import startupcoach.pipeline.Inbound;
import startupcoach.pipeline.Inbox;
import startupcoach.pipeline.InboxItem;

/**
 * The durable {@link Inbox}: table {@code inbox}, with the dedupe keys in {@code dedupe_keys}
 * (the {@link JdbcDeduplicator}'s table and rules, so a key means the same whichever writes it).
 * {@link #accept} records the keys and the row in one transaction: a message is either stored with
 * its keys or not at all, so a crash before the commit leaves the platform's redelivery new.
 *
 * <p>A claim is atomic across threads and replicas. PostgreSQL: one {@code UPDATE} of the row a
 * {@code SELECT … FOR UPDATE SKIP LOCKED} picked, so concurrent claimers skip each other's rows
 * instead of waiting or taking the same one. SQLite: read the oldest candidate, then a conditional
 * {@code UPDATE … WHERE id = ? AND (pending OR lease ran out)}; an update count of 0 means another
 * claimer won and the next candidate is tried. Done rows are purged a day after they finished.
 *
 * <p>Thread-safe.
 */
public final class JdbcInbox implements Inbox {

    /** How long finished rows are kept (for operators' questions) before they are purged. */
    static final Duration KEEP_DONE = Duration.ofDays(1);
    private static final long PURGE_EVERY_MS = Duration.ofMinutes(10).toMillis();
    private static final String COLUMNS = "id, platform, conversation, thread, sender, text, dedupe_keys, reply_address, received_at,"
            + " attempts, started_at, sent_ref";
    private static final String DUE = "platform = ? AND (state = 'pending' OR (state = 'claimed' AND lease_until < ?))";

    private final Database db;
    private final JdbcDeduplicator dedupe;
    private final Clock clock;
    private final AtomicLong lastPurge = new AtomicLong(Long.MIN_VALUE);

    /** @param dedupe the deduplicator whose table, retention and clock the keys follow */
    public JdbcInbox(Database db, JdbcDeduplicator dedupe) {
        this.db = Objects.requireNonNull(db, "db == null");
        this.dedupe = Objects.requireNonNull(dedupe, "dedupe == null");
        this.clock = dedupe.clock();
    }

    @Override
    public Verdict accept(Inbound in) {
        long now = clock.millis();
        dedupe.purgeIfDue(now);
        return Jdbc.inTransaction(db, c -> {
            if (!JdbcDeduplicator.recordAll(c, in.dedupeKeys(), now, now + dedupe.retention().toMillis())) {
                return Verdict.DUPLICATE;
            }
            Jdbc.update(c, """
                    INSERT INTO inbox (platform, conversation, thread, sender, text, dedupe_keys, reply_address, received_at,
                                       state, attempts)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0)""",
                    in.platform(), in.conversationId(), Jdbc.orNull(in.thread()), in.sender(), in.text(),
                    Jdbc.lines(in.dedupeKeys()), in.replyAddress(), in.receivedAt());
            return Verdict.ACCEPTED;
        });
    }

    @Override
    public Optional<InboxItem> claim(String platform, String replica, Duration lease) {
        long now = clock.millis();
        purgeIfDue(now);
        return db.dialect() == Dialect.POSTGRESQL ? claimSkipLocked(platform, replica, now, lease) : claimChecked(platform, replica, now, lease);
    }

    private Optional<InboxItem> claimSkipLocked(String platform, String replica, long now, Duration lease) {
        List<InboxItem> taken = Jdbc.inTransaction(db, c -> Jdbc.query(c, "UPDATE inbox SET state = 'claimed', claimed_by = ?,"
                + " lease_until = ?, attempts = attempts + 1 WHERE id = (SELECT id FROM inbox WHERE " + DUE
                + " ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS, JdbcInbox::row,
                replica, now + lease.toMillis(), platform, now));
        return taken.stream().findFirst();
    }

    private Optional<InboxItem> claimChecked(String platform, String replica, long now, Duration lease) {
        // The read takes no write lock: an idle worker's poll never queues behind the ack path's writes.
        for (int tries = 0; tries < 5; tries++) {
            List<Long> candidate = Jdbc.query(db, "SELECT id FROM inbox WHERE " + DUE + " ORDER BY id LIMIT 1",
                    rs -> rs.getLong(1), platform, now);
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            long id = candidate.get(0);
            Optional<InboxItem> taken = Jdbc.inTransaction(db, c -> takeIfStillDue(c, id, replica, now, lease));
            if (taken.isPresent()) {
                return taken;
            }
        }
        return Optional.empty();
    }

    private static Optional<InboxItem> takeIfStillDue(Connection c, long id, String replica, long now, Duration lease)
            throws SQLException {
        int won = Jdbc.update(c, """
                UPDATE inbox SET state = 'claimed', claimed_by = ?, lease_until = ?, attempts = attempts + 1
                WHERE id = ? AND (state = 'pending' OR (state = 'claimed' AND lease_until < ?))""",
                replica, now + lease.toMillis(), id, now);
        if (won != 1) {
            return Optional.empty();
        }
        return Jdbc.query(c, "SELECT " + COLUMNS + " FROM inbox WHERE id = ?", JdbcInbox::row, id).stream().findFirst();
    }

    @Override
    public void renew(Iterable<Long> ids, String replica, Duration lease) {
        long until = clock.millis() + lease.toMillis();
        Jdbc.inTransaction(db, c -> {
            for (long id : ids) {
                Jdbc.update(c, "UPDATE inbox SET lease_until = ? WHERE id = ? AND state = 'claimed' AND claimed_by = ?", until, id, replica);
            }
            return null;
        });
    }

    @Override
    public void started(long id) {
        Jdbc.update(db, "UPDATE inbox SET started_at = ? WHERE id = ? AND started_at IS NULL", clock.millis(), id);
    }

    @Override
    public void sent(long id, String platformMessageRef) {
        Jdbc.update(db, "UPDATE inbox SET sent_ref = ? WHERE id = ?", Objects.requireNonNull(platformMessageRef, "ref == null"), id);
    }

    @Override
    public void done(long id, String outcome) {
        Jdbc.update(db, "UPDATE inbox SET state = 'done', finished_at = ?, outcome = ?, lease_until = NULL WHERE id = ?",
                clock.millis(), outcome, id);
    }

    @Override
    public int release(String platform, String replica) {
        return Jdbc.update(db, "UPDATE inbox SET state = 'pending', lease_until = NULL WHERE platform = ? AND state = 'claimed'"
                + " AND claimed_by = ?", platform, replica);
    }

    @Override
    public int unfinished(String platform) {
        return Jdbc.query(db, "SELECT COUNT(*) FROM inbox WHERE platform = ? AND state <> 'done'", rs -> rs.getInt(1), platform).get(0);
    }

    /** The outcome a finished item was marked with, or empty while it is not done (tests, operators). */
    public Optional<String> outcome(long id) {
        return Jdbc.query(db, "SELECT outcome FROM inbox WHERE id = ? AND state = 'done'", rs -> rs.getString(1), id).stream().findFirst();
    }

    private void purgeIfDue(long now) {
        long last = lastPurge.get();
        if (now - last >= PURGE_EVERY_MS && lastPurge.compareAndSet(last, now)) {
            Jdbc.update(db, "DELETE FROM inbox WHERE state = 'done' AND finished_at < ?", now - KEEP_DONE.toMillis());
        }
    }

    private static InboxItem row(ResultSet rs) throws SQLException {
        Inbound in = new Inbound(rs.getString("platform"), rs.getString("conversation"), rs.getString("thread"), rs.getString("sender"),
                rs.getString("text"), Jdbc.lines(rs.getString("dedupe_keys")), Instant.ofEpochMilli(rs.getLong("received_at")),
                rs.getString("reply_address"));
        rs.getLong("started_at");
        boolean started = !rs.wasNull();
        return new InboxItem(rs.getLong("id"), in, rs.getInt("attempts"), started, rs.getString("sent_ref"));
    }
}
