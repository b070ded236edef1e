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
 * @param answerRef      the answer rated, e.g. Slack's {@code channel:ts} or a DingTalk card's outTrackId, or null
 *                       when unknown. With one, a user has one vote per answer: a later verdict replaces theirs
 */
public record Feedback(String platform, String conversationId, String userId, String question, List<String> citations,
                       boolean helpful, Instant at, String answerRef) {

    public Feedback {
        Objects.requireNonNull(platform, "platform == null");
        Objects.requireNonNull(conversationId, "conversationId == null");
        Objects.requireNonNull(userId, "userId == null");
        question = question == null ? "" : question;
        citations = citations == null ? List.of() : List.copyOf(citations);
        Objects.requireNonNull(at, "at == null");
    }

    /** A verdict on an answer that cannot be told apart from others (typed feedback). */
    public Feedback(String platform, String conversationId, String userId, String question, List<String> citations,
                    boolean helpful, Instant at) {
        this(platform, conversationId, userId, question, citations, helpful, at, null);
    }
}
