package startupcoach.store;

import java.util.List;
import java.util.Objects;
import startupcoach.coach.Feedback;
import startupcoach.coach.FeedbackLog;

/** A {@link FeedbackLog} that keeps every 👍/👎 in table {@code feedback}. Thread-safe. */
public final class JdbcFeedbackLog implements FeedbackLog {

    private final Database db;

    public JdbcFeedbackLog(Database db) {
        this.db = Objects.requireNonNull(db, "db == null");
    }

    @Override
    public void record(Feedback f) {
        Jdbc.update(db, """
                INSERT INTO feedback (platform, conversation_id, user_id, question, citations, helpful, given_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                f.platform(), f.conversationId(), f.userId(), f.question(), Jdbc.lines(f.citations()), f.helpful(), f.at());
    }

    /** A conversation's verdicts, oldest first. */
    public List<Feedback> forConversation(String platform, String conversationId) {
        return Jdbc.query(db, """
                SELECT platform, conversation_id, user_id, question, citations, helpful, given_at FROM feedback
                WHERE platform = ? AND conversation_id = ? ORDER BY given_at, id""",
                rs -> new Feedback(rs.getString("platform"), rs.getString("conversation_id"), rs.getString("user_id"),
                        rs.getString("question"), Jdbc.lines(rs.getString("citations")), rs.getBoolean("helpful"),
                        Jdbc.instant(rs, "given_at")),
                platform, conversationId);
    }
}
