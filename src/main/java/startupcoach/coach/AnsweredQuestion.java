package startupcoach.coach;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A question the coach answered, as the question log keeps it: per conversation, so a digest can
 * show "what your team asked" with the sections that answered.
 *
 * @param platform         where it was asked
 * @param conversationId   channel, group or DM
 * @param userId           who asked
 * @param question         the question as answered (possibly shortened)
 * @param citedSectionIds  ids of the sections the answer cited, best first; empty when not covered
 * @param covered          whether the knowledge base covered it
 * @param at               when it was answered
 */
public record AnsweredQuestion(String platform, String conversationId, String userId, String question,
                               List<String> citedSectionIds, boolean covered, Instant at) {

    public AnsweredQuestion {
        Objects.requireNonNull(platform, "platform == null");
        Objects.requireNonNull(conversationId, "conversationId == null");
        Objects.requireNonNull(userId, "userId == null");
        Objects.requireNonNull(question, "question == null");
        citedSectionIds = List.copyOf(citedSectionIds);
        Objects.requireNonNull(at, "at == null");
    }
}
