package startupcoach.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import startupcoach.coach.AnsweredQuestion;
import startupcoach.coach.QuestionLog;
import startupcoach.digest.QuestionHistory;

/** Table {@code question_log}: written by the coach after each answer, read by digests. Thread-safe. */
public final class JdbcQuestionLog implements QuestionLog, QuestionHistory {

    private final Database db;

    public JdbcQuestionLog(Database db) {
        this.db = Objects.requireNonNull(db, "db == null");
    }

    @Override
    public void record(AnsweredQuestion q) {
        Jdbc.update(db, """
                INSERT INTO question_log (platform, conversation_id, user_id, question, cited_section_ids, covered, asked_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
                q.platform(), q.conversationId(), q.userId(), q.question(), Jdbc.lines(q.citedSectionIds()), q.covered(), q.at());
    }

    @Override
    public List<AnsweredQuestion> askedAfter(String platform, String conversationId, Instant after, int limit) {
        List<AnsweredQuestion> newestFirst = Jdbc.query(db, """
                SELECT platform, conversation_id, user_id, question, cited_section_ids, covered, asked_at FROM question_log
                WHERE platform = ? AND conversation_id = ? AND asked_at > ? ORDER BY asked_at DESC, id DESC LIMIT ?""",
                rs -> new AnsweredQuestion(rs.getString("platform"), rs.getString("conversation_id"), rs.getString("user_id"),
                        rs.getString("question"), Jdbc.lines(rs.getString("cited_section_ids")), rs.getBoolean("covered"),
                        Jdbc.instant(rs, "asked_at")),
                platform, conversationId, after, limit);
        List<AnsweredQuestion> out = new ArrayList<>(newestFirst);
        Collections.reverse(out);
        return out;
    }
}
