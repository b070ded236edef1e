package startupcoach.compose;

import startupcoach.retrieve.SearchResult;

/**
 * Turns what retrieval found into an answer that cites only sections it was given.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface Composer {

    Answer compose(SearchResult result);
}
