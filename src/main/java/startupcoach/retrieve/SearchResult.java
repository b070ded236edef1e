package startupcoach.retrieve;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Retriever} found for one question.
 *
 * @param query    the question as searched (after truncation and expansion)
 * @param hits     best first, at most one passage per section
 * @param covered  false when the abstain rule judged that the knowledge base does not answer the
 *                 question; the hits are then only the closest topics, not an answer
 * @param coverage the abstain rule's evidence, 0..1: how much of the question the best hits contain
 */
public record SearchResult(Query query, List<Hit> hits, boolean covered, double coverage) {

    public SearchResult {
        Objects.requireNonNull(query, "query == null");
        hits = List.copyOf(hits);
    }
}
