package startupcoach.retrieve;

import java.util.Objects;
import startupcoach.knowledge.Passage;

/**
 * One retrieved passage with its score and 1-based rank in a result list. Scores of different
 * retrievers are on different scales: compare ranks across retrievers, scores only within one.
 */
public record Hit(Passage passage, double score, int rank) {

    public Hit {
        Objects.requireNonNull(passage, "passage == null");
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be >= 1 but was " + rank);
        }
    }

    public Hit withRank(int newRank) {
        return new Hit(passage, score, newRank);
    }
}
