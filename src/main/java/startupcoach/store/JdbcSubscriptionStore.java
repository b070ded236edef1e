package startupcoach.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import startupcoach.digest.DigestTopic;
import startupcoach.digest.RobotWebhook;
import startupcoach.digest.Schedule;
import startupcoach.digest.Subscription;
import startupcoach.digest.SubscriptionStore;

/**
 * Tables {@code subscriptions} and {@code robot_webhooks}. The webhook secret is stored as given
 * (the database is the trust boundary) and never logged. Thread-safe.
 */
public final class JdbcSubscriptionStore implements SubscriptionStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcSubscriptionStore.class);
    private static final String COLUMNS =
            "id, platform, conversation_id, schedule_kind, schedule_expression, zone, topics, created_by, created_at, active";

    private final Database db;

    public JdbcSubscriptionStore(Database db) {
        this.db = Objects.requireNonNull(db, "db == null");
    }

    @Override
    public Subscription add(String platform, String conversationId, Schedule schedule, ZoneId zone, List<DigestTopic> topics,
                            String createdBy, Instant createdAt) {
        long id = Jdbc.query(db, """
                INSERT INTO subscriptions (platform, conversation_id, schedule_kind, schedule_expression, zone, topics, created_by,
                                           created_at, active)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""",
                rs -> rs.getLong(1),
                platform, conversationId, schedule.kind().name(), schedule.expression(), zone.getId(), DigestTopic.keys(topics),
                createdBy, createdAt, true).get(0);
        return new Subscription(id, platform, conversationId, schedule, zone, topics, createdBy, createdAt, true);
    }

    @Override
    public List<Subscription> active() {
        return rows(Jdbc.query(db, "SELECT " + COLUMNS + " FROM subscriptions WHERE active = ? ORDER BY id", JdbcSubscriptionStore::row, true));
    }

    @Override
    public List<Subscription> active(String platform, String conversationId) {
        return rows(Jdbc.query(db, "SELECT " + COLUMNS + " FROM subscriptions WHERE active = ? AND platform = ? AND conversation_id = ?"
                + " ORDER BY id", JdbcSubscriptionStore::row, true, platform, conversationId));
    }

    @Override
    public Optional<Subscription> find(long id) {
        return rows(Jdbc.query(db, "SELECT " + COLUMNS + " FROM subscriptions WHERE id = ?", JdbcSubscriptionStore::row, id))
                .stream().findFirst();
    }

    @Override
    public boolean stop(long id, String platform, String conversationId, Instant at) {
        return Jdbc.update(db, "UPDATE subscriptions SET active = ?, stopped_at = ? WHERE id = ? AND platform = ? AND conversation_id = ?"
                + " AND active = ?", false, at, id, platform, conversationId, true) == 1;
    }

    @Override
    public void saveWebhook(String platform, String conversationId, RobotWebhook webhook, String savedBy, Instant at) {
        Jdbc.update(db, """
                INSERT INTO robot_webhooks (platform, conversation_id, url, secret, saved_by, saved_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (platform, conversation_id)
                DO UPDATE SET url = excluded.url, secret = excluded.secret, saved_by = excluded.saved_by, saved_at = excluded.saved_at""",
                platform, conversationId, webhook.url(), webhook.secret(), savedBy, at);
    }

    @Override
    public Optional<RobotWebhook> webhook(String platform, String conversationId) {
        return Jdbc.query(db, "SELECT url, secret FROM robot_webhooks WHERE platform = ? AND conversation_id = ?",
                rs -> new RobotWebhook(rs.getString("url"), rs.getString("secret")), platform, conversationId).stream().findFirst();
    }

    /** A row, or null when its schedule or zone no longer parses (logged; the others still run). */
    private static Subscription row(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        try {
            return new Subscription(id, rs.getString("platform"), rs.getString("conversation_id"),
                    Schedule.restore(rs.getString("schedule_kind"), rs.getString("schedule_expression")),
                    ZoneId.of(rs.getString("zone")), DigestTopic.parseKeys(rs.getString("topics")), rs.getString("created_by"),
                    Jdbc.instant(rs, "created_at"), rs.getBoolean("active"));
        } catch (RuntimeException e) {
            log.error("subscription.unreadable id={} kind={} expression={}", id, rs.getString("schedule_kind"),
                    rs.getString("schedule_expression"), e);
            return null;
        }
    }

    private static List<Subscription> rows(List<Subscription> maybeNull) {
        return maybeNull.stream().filter(Objects::nonNull).toList();
    }
}
