package startupcoach.conversation;

import java.util.List;

/**
 * The recent turns of every conversation, keyed by {@link ConversationKey}. Bounded per
 * conversation and forgetful after a time to live, so it never grows with the workspace's history.
 *
 * <p>Implementations are thread-safe; the JDBC one is shared by replicas on PostgreSQL.
 */
public interface ConversationMemory {

    /** Turns kept per conversation: enough for a follow-up to refer back a few questions. */
    int DEFAULT_MAX_TURNS = 10;
    /** After this long without a question a conversation is forgotten (a thread picked up next day starts fresh). */
    java.time.Duration DEFAULT_TTL = java.time.Duration.ofHours(12);

    /** Remembers nothing: every question stands alone (the {@code --no-memory} evaluation). */
    ConversationMemory NONE = new ConversationMemory() {
        @Override
        public List<Turn> recent(String conversation) {
            return List.of();
        }

        @Override
        public void remember(String conversation, Turn turn) {
        }

        @Override
        public void reset(String conversation) {
        }

        @Override
        public boolean knows(String conversation) {
            return false;
        }
    };

    /** Turns since the last reset and within the time to live, oldest first. */
    List<Turn> recent(String conversation);

    /** Adds a turn, dropping the oldest beyond the bound. */
    void remember(String conversation, Turn turn);

    /** Forgets the turns so far: the next question starts fresh. The conversation stays {@link #knows known}. */
    void reset(String conversation);

    /**
     * Whether the coach took part in this conversation within the time to live (answered or was
     * reset there). A Slack thread reply without an @mention is answered only then.
     */
    boolean knows(String conversation);
}
