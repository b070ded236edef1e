package startupcoach.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import startupcoach.conversation.ConversationMemory;
import startupcoach.conversation.Turn;

/**
 * Table {@code conversation_turns}: each conversation's last {@code maxTurns} turns within the
 * time to live, shared by every replica on PostgreSQL. Writing a turn trims that conversation to
 * the bound and purges expired rows, so the table stays small without a separate job. Thread-safe.
 */
public final class JdbcConversationMemory implements ConversationMemory {

    private final Database db;
    private final int maxTurns;
    private final Duration ttl;
    private final Clock clock;

    public JdbcConversationMemory(Database db, int maxTurns, Duration ttl, Clock clock) {
        this.db = Objects.requireNonNull(db, "db == null");
        if (maxTurns < 1) {
            throw new IllegalArgumentException("maxTurns must be >= 1 but was " + maxTurns);
        }
        this.maxTurns = maxTurns;
        this.ttl = Objects.requireNonNull(ttl, "ttl == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    @Override
    public List<Turn> recent(String conversation) {
        // Newest first, stopping at the last reset marker (its turns come after it or not at all).
        List<Row> rows = Jdbc.query(db, """
                SELECT question, searched_query, cited_section_ids, reset, at FROM conversation_turns
                WHERE conversation_key = ? AND at > ? ORDER BY at DESC, id DESC LIMIT ?""",
                rs -> new Row(new Turn(rs.getString("question"), rs.getString("searched_query"),
                        Jdbc.lines(rs.getString("cited_section_ids")), Jdbc.instant(rs, "at")), rs.getBoolean("reset")),
                conversation, oldest(), maxTurns + 1);
        List<Turn> turns = new ArrayList<>();
        for (Row r : rows) {
            if (r.reset()) {
                break;
            }
            turns.add(r.turn());
        }
        Collections.reverse(turns);
        return turns.size() > maxTurns ? turns.subList(turns.size() - maxTurns, turns.size()) : turns;
    }

    private record Row(Turn turn, boolean reset) {
    }

    @Override
    public void remember(String conversation, Turn turn) {
        insert(conversation, turn, false);
    }

    @Override
    public void reset(String conversation) {
        insert(conversation, new Turn("", "", List.of(), clock.instant()), true);
    }

    @Override
    public boolean knows(String conversation) {
        return !Jdbc.query(db, "SELECT 1 FROM conversation_turns WHERE conversation_key = ? AND at > ? LIMIT 1",
                rs -> 1, conversation, oldest()).isEmpty();
    }

    private void insert(String conversation, Turn turn, boolean reset) {
        Jdbc.inTransaction(db, c -> {
            Jdbc.update(c, """
                    INSERT INTO conversation_turns (conversation_key, question, searched_query, cited_section_ids, reset, at)
                    VALUES (?, ?, ?, ?, ?, ?)""",
                    conversation, turn.question(), turn.searchedQuery(), Jdbc.lines(turn.citedSectionIds()), reset, turn.at());
            // Keep the newest maxTurns rows of this conversation (a reset marker counts as one).
            Jdbc.update(c, """
                    DELETE FROM conversation_turns WHERE conversation_key = ? AND id NOT IN (
                        SELECT id FROM conversation_turns WHERE conversation_key = ? ORDER BY at DESC, id DESC LIMIT ?)""",
                    conversation, conversation, maxTurns);
            Jdbc.update(c, "DELETE FROM conversation_turns WHERE at <= ?", oldest());
            return null;
        });
    }

    private Instant oldest() {
        return clock.instant().minus(ttl);
    }
}
