package startupcoach.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One answered question of a conversation, as the memory keeps it.
 *
 * @param question         what the user typed
 * @param searchedQuery    what was searched for it (the question, or its rewrite with the topic carried over)
 * @param citedSectionIds  sections the answer cited, in the answer's order; empty when not covered
 * @param at               when it was answered
 */
public record Turn(String question, String searchedQuery, List<String> citedSectionIds, Instant at) {

    public Turn {
        Objects.requireNonNull(question, "question == null");
        Objects.requireNonNull(searchedQuery, "searchedQuery == null");
        citedSectionIds = List.copyOf(citedSectionIds);
        Objects.requireNonNull(at, "at == null");
    }
}
