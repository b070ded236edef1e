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
        if (f.answerRef() == null) {
            Jdbc.update(db, """
                    INSERT INTO feedback (platform, conversation_id, user_id, question, citations, helpful, given_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""",
                    f.platform(), f.conversationId(), f.userId(), f.question(), Jdbc.lines(f.citations()), f.helpful(), f.at());
            return;
        }
        // One vote per user and answer, the last click wins: the unique index makes two replicas
        // recording clicks of the same user at once agree on one row (SQLite and PostgreSQL alike).
        Jdbc.update(db, """
                INSERT INTO feedback (platform, conversation_id, user_id, question, citations, helpful, given_at, answer_ref)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (platform, answer_ref, user_id)
                DO UPDATE SET helpful = excluded.helpful, given_at = excluded.given_at""",
                f.platform(), f.conversationId(), f.userId(), f.question(), Jdbc.lines(f.citations()), f.helpful(), f.at(),
                f.answerRef());
    }

    /** A conversation's verdicts, oldest first. */
    public List<Feedback> forConversation(String platform, String conversationId) {
        return Jdbc.query(db, """
                SELECT platform, conversation_id, user_id, question, citations, helpful, given_at, answer_ref FROM feedback
                WHERE platform = ? AND conversation_id = ? ORDER BY given_at, id""",
                rs -> new Feedback(rs.getString("platform"), rs.getString("conversation_id"), rs.getString("user_id"),
                        rs.getString("question"), Jdbc.lines(rs.getString("citations")), rs.getBoolean("helpful"),
                        Jdbc.instant(rs, "given_at"), rs.getString("answer_ref")),
                platform, conversationId);
    }
}
