package startupcoach.retrieve;

/**
 * Finds the passages of the knowledge base that answer a question. BM25, dense and hybrid
 * retrievers implement it, so the composer and the evaluation never know which one ran.
 *
 * <p>Implementations are thread-safe: one instance serves every chat conversation.
 */
@FunctionalInterface
public interface Retriever {

    /**
     * @param question the user's question, never null (may be blank, then nothing is found)
     * @param k        how many sections to return at most, at least 1
     * @return best first, one passage per section, with the abstain decision
     */
    SearchResult search(String question, int k);
}
