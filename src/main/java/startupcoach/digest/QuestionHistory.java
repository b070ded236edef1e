package startupcoach.digest;

import java.time.Instant;
import java.util.List;
import startupcoach.coach.AnsweredQuestion;

/** Reads the question log for "what your team asked". Implementations are thread-safe. */
@FunctionalInterface
public interface QuestionHistory {

    QuestionHistory NONE = (platform, conversationId, after, limit) -> List.of();

    /** The latest {@code limit} questions answered in the conversation after {@code after}, oldest first. */
    List<AnsweredQuestion> askedAfter(String platform, String conversationId, Instant after, int limit);
}
