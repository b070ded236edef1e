package startupcoach.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import startupcoach.digest.SlotClaim;
import startupcoach.digest.SlotLedger;
import startupcoach.digest.SlotStatus;

/**
 * Tables {@code digest_slots} and {@code sent_passages}. A claim is an
 * {@code INSERT … ON CONFLICT DO NOTHING} into the {@code (subscription_id, slot_time)} primary
 * key: of several schedulers racing for a slot exactly one inserts the row, the others change
 * nothing and skip (on both databases, without aborting a transaction). Every later transition is
 * an {@code UPDATE} guarded by the state that was read. Thread-safe.
 */
public final class JdbcSlotLedger implements SlotLedger {

    private static final String COLUMNS =
            "subscription_id, slot_time, status, claimed_by, claimed_at, attempts, next_attempt_at, posted_at, last_error";

    private final Database db;

    public JdbcSlotLedger(Database db) {
        this.db = Objects.requireNonNull(db, "db == null");
    }

    @Override
    public Optional<Instant> latestSlot(long subscriptionId) {
        return single("SELECT MAX(slot_time) FROM digest_slots WHERE subscription_id = ?", subscriptionId);
    }

    @Override
    public Optional<Instant> lastPosted(long subscriptionId) {
        return single("SELECT MAX(posted_at) FROM digest_slots WHERE subscription_id = ?", subscriptionId);
    }

    @Override
    public Optional<Instant> lastPosted(String platform, String conversationId) {
        return single("""
                SELECT MAX(d.posted_at) FROM digest_slots d JOIN subscriptions s ON s.id = d.subscription_id
                WHERE s.platform = ? AND s.conversation_id = ?""", platform, conversationId);
    }

    private Optional<Instant> single(String sql, Object... params) {
        return Jdbc.query(db, sql, rs -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(v));
        }, params).get(0);
    }

    @Override
    public boolean claim(long subscriptionId, Instant slot, String owner, Instant now) {
        return insert(subscriptionId, slot, SlotStatus.CLAIMED, owner, now, 1, null);
    }

    @Override
    public boolean skip(long subscriptionId, Instant slot, String owner, Instant now, String reason) {
        return insert(subscriptionId, slot, SlotStatus.SKIPPED, owner, now, 0, reason);
    }

    private boolean insert(long subscriptionId, Instant slot, SlotStatus status, String owner, Instant now, int attempts, String error) {
        return Jdbc.update(db, """
                INSERT INTO digest_slots (subscription_id, slot_time, status, claimed_by, claimed_at, attempts, last_error)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id, slot_time) DO NOTHING""",
                subscriptionId, slot, status.name(), owner, now, attempts, Jdbc.orNull(error)) == 1;
    }

    @Override
    public void markPosted(long subscriptionId, Instant slot, String owner, Instant postedAt, String platform, String conversationId,
                           List<String> passageIds) {
        Jdbc.inTransaction(db, c -> {
            Jdbc.update(c, """
                    UPDATE digest_slots SET status = ?, posted_at = ?, next_attempt_at = NULL
                    WHERE subscription_id = ? AND slot_time = ? AND claimed_by = ?""",
                    SlotStatus.POSTED.name(), postedAt, subscriptionId, slot, owner);
            for (String passageId : passageIds) {
                Jdbc.update(c, """
                        INSERT INTO sent_passages (subscription_id, platform, conversation_id, passage_id, slot_time, sent_at)
                        VALUES (?, ?, ?, ?, ?, ?)""", subscriptionId, platform, conversationId, passageId, slot, postedAt);
            }
            return null;
        });
    }

    @Override
    public void markFailed(long subscriptionId, Instant slot, String owner, String error, Instant retryAt) {
        SlotStatus status = retryAt == null ? SlotStatus.GAVE_UP : SlotStatus.FAILED;
        Jdbc.update(db, """
                UPDATE digest_slots SET status = ?, last_error = ?, next_attempt_at = ?
                WHERE subscription_id = ? AND slot_time = ? AND claimed_by = ?""",
                status.name(), Jdbc.orNull(error), Jdbc.orNull(retryAt), subscriptionId, slot, owner);
    }

    @Override
    public List<SlotClaim> dueForRetry(Instant now) {
        return Jdbc.query(db, "SELECT " + COLUMNS + " FROM digest_slots WHERE status = ? AND next_attempt_at <= ?"
                + " ORDER BY slot_time, subscription_id", JdbcSlotLedger::row, SlotStatus.FAILED.name(), now);
    }

    @Override
    public boolean takeForRetry(SlotClaim claim, String owner, Instant now) {
        return Jdbc.update(db, """
                UPDATE digest_slots SET status = ?, claimed_by = ?, claimed_at = ?, attempts = attempts + 1, next_attempt_at = NULL
                WHERE subscription_id = ? AND slot_time = ? AND status = ? AND attempts = ?""",
                SlotStatus.CLAIMED.name(), owner, now, claim.subscriptionId(), claim.slot(), SlotStatus.FAILED.name(),
                claim.attempts()) == 1;
    }

    @Override
    public boolean giveUp(SlotClaim claim, String reason) {
        return Jdbc.update(db, """
                UPDATE digest_slots SET status = ?, last_error = ?, next_attempt_at = NULL
                WHERE subscription_id = ? AND slot_time = ? AND status = ? AND attempts = ?""",
                SlotStatus.GAVE_UP.name(), reason, claim.subscriptionId(), claim.slot(), SlotStatus.FAILED.name(), claim.attempts()) == 1;
    }

    @Override
    public List<SlotClaim> staleClaims(Instant claimedBefore) {
        return Jdbc.query(db, "SELECT " + COLUMNS + " FROM digest_slots WHERE status = ? AND claimed_at < ? ORDER BY slot_time",
                JdbcSlotLedger::row, SlotStatus.CLAIMED.name(), claimedBefore);
    }

    @Override
    public boolean markLost(SlotClaim claim) {
        return Jdbc.update(db, """
                UPDATE digest_slots SET status = ?, last_error = ?
                WHERE subscription_id = ? AND slot_time = ? AND status = ? AND claimed_by = ? AND claimed_at = ?""",
                SlotStatus.LOST.name(), "claimed by " + claim.claimedBy() + " and never reported posted", claim.subscriptionId(),
                claim.slot(), SlotStatus.CLAIMED.name(), claim.claimedBy(), claim.claimedAt()) == 1;
    }

    @Override
    public List<SlotClaim> claims(long subscriptionId) {
        return Jdbc.query(db, "SELECT " + COLUMNS + " FROM digest_slots WHERE subscription_id = ? ORDER BY slot_time",
                JdbcSlotLedger::row, subscriptionId);
    }

    @Override
    public Map<String, Integer> sentCounts(String platform, String conversationId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Jdbc.query(db, """
                SELECT passage_id, COUNT(*) AS times FROM sent_passages
                WHERE platform = ? AND conversation_id = ? GROUP BY passage_id""",
                rs -> out.put(rs.getString("passage_id"), rs.getInt("times")), platform, conversationId);
        return out;
    }

    private static SlotClaim row(ResultSet rs) throws SQLException {
        return new SlotClaim(rs.getLong("subscription_id"), Jdbc.instant(rs, "slot_time"), SlotStatus.valueOf(rs.getString("status")),
                rs.getString("claimed_by"), Jdbc.instant(rs, "claimed_at"), rs.getInt("attempts"), Jdbc.instant(rs, "next_attempt_at"),
                Jdbc.instant(rs, "posted_at"), rs.getString("last_error"));
    }
}
