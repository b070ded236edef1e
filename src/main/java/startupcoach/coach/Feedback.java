package startupcoach.coach;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A user's verdict on one answer.
 *
 * @param platform       where it was given
 * @param conversationId channel, group or DM
 * @param userId         who gave it
 * @param question       the question that was answered
 * @param citations      the citations of that answer
 * @param helpful        👍 (true) or 👎 (false)
 * @param at             when
 */
public record Feedback(String platform, String conversationId, String userId, String question, List<String> citations,
                       boolean helpful, Instant at) {

    public Feedback {
        Objects.requireNonNull(platform, "platform == null");
        Objects.requireNonNull(conversationId, "conversationId == null");
        Objects.requireNonNull(userId, "userId == null");
        question = question == null ? "" : question;
        citations = citations == null ? List.of() : List.copyOf(citations);
        Objects.requireNonNull(at, "at == null");
    }
}
