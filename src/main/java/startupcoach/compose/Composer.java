package startupcoach.compose;

import java.util.List;
import startupcoach.conversation.Turn;
import startupcoach.retrieve.SearchResult;

/**
 * Turns what retrieval found into an answer that cites only sections it was given.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface Composer {

    Answer compose(SearchResult result);

    /**
     * Composes with the conversation's earlier turns in view (oldest first). Quotes-only composers
     * need none: retrieval already read the question in context, so the default ignores them.
     */
    default Answer compose(SearchResult result, List<Turn> history) {
        return compose(result);
    }

    /**
     * Composes while showing the answer being written to {@code drafts}. Only a composer whose
     * model writes the answer streams; the default ignores the listener.
     */
    default Answer compose(SearchResult result, List<Turn> history, DraftListener drafts) {
        return compose(result, history);
    }
}
