package startupcoach.store;

import java.time.Clock;
import java.util.Objects;
import startupcoach.coach.Deduplicator;
import startupcoach.coach.FeedbackLog;
import startupcoach.coach.QuestionLog;
import startupcoach.config.DatabaseSettings;
import startupcoach.conversation.ConversationMemory;
import startupcoach.digest.DigestStorage;
import startupcoach.pipeline.Inbox;

/**
 * Everything kept in the database, opened together: the JDBC stores over one {@link Database}.
 * Owns the database: {@link #close()} closes it.
 *
 * <pre>{@code
 * try (Storage storage = Storage.open(DatabaseSettings.fromEnvironment(env, dataDir))) {
 *     Deduplicator dedupe = storage.deduplicator();   // shared by replicas on PostgreSQL
 * }
 * }</pre>
 */
public final class Storage implements AutoCloseable {

    private final Database database;
    private final JdbcDeduplicator deduplicator;
    private final JdbcInbox inbox;
    private final JdbcFeedbackLog feedbackLog;
    private final JdbcQuestionLog questionLog;
    private final JdbcSubscriptionStore subscriptions;
    private final JdbcSlotLedger slots;
    private final JdbcConversationMemory conversations;

    public Storage(Database database) {
        this.database = Objects.requireNonNull(database, "database == null");
        this.deduplicator = new JdbcDeduplicator(database);
        this.inbox = new JdbcInbox(database, deduplicator);
        this.feedbackLog = new JdbcFeedbackLog(database);
        this.questionLog = new JdbcQuestionLog(database);
        this.subscriptions = new JdbcSubscriptionStore(database);
        this.slots = new JdbcSlotLedger(database);
        this.conversations = new JdbcConversationMemory(database, ConversationMemory.DEFAULT_MAX_TURNS,
                ConversationMemory.DEFAULT_TTL, Clock.systemUTC());
    }

    /** Opens and migrates the database. @throws StoreException when it cannot */
    public static Storage open(DatabaseSettings settings) {
        return new Storage(Database.open(settings));
    }

    public Database database() {
        return database;
    }

    /** Delivery dedupe shared by every replica (one hour's retention). */
    public Deduplicator deduplicator() {
        return deduplicator;
    }

    /** Acknowledged messages until they are answered, with the same dedupe keys as {@link #deduplicator()}. */
    public Inbox inbox() {
        return inbox;
    }

    public FeedbackLog feedbackLog() {
        return feedbackLog;
    }

    /** Each conversation's recent turns, shared by every replica. */
    public ConversationMemory conversations() {
        return conversations;
    }

    public QuestionLog questionLog() {
        return questionLog;
    }

    /** Subscriptions, slot claims and the question log, as the digest package needs them. */
    public DigestStorage digests() {
        return new DigestStorage(subscriptions, slots, questionLog);
    }

    @Override
    public void close() {
        database.close();
    }
}
