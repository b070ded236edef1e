package startupcoach.retrieve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import startupcoach.embed.Embedder;
import startupcoach.knowledge.Passage;

/**
 * Semantic retrieval: the question's embedding against the passages', one passage per section.
 * Query vectors are cached, so a repeated question costs no model call.
 */
public final class DenseRetriever implements Retriever {

    /**
     * bge-*-zh models are trained with this instruction before short retrieval queries (and
     * without it on passages); it measurably sharpens question → passage matching.
     */
    /**
     * Best-passage cosine from which dense retrieval alone judges a question covered. With
     * bge-small-zh on this corpus off-topic questions score about 0.28–0.44 and on-topic ones
     * mostly above 0.45 (short ones lower, hence hybrid's second signal).
     */
    public static final double DEFAULT_MIN_COSINE = 0.45;

    static final String QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";
    private static final int CANDIDATES = 100;

    private final VectorIndex index;
    private final Embedder embedder;
    private final QueryBuilder queryBuilder;
    private final double minCosine;
    /** Null when caching is off. */
    private final Cache<String, float[]> queryVectors;

    /**
     * @param minCosine the similarity of the best passage below which the question counts as not
     *                  covered when this retriever runs alone
     */
    public DenseRetriever(VectorIndex index, Embedder embedder, QueryBuilder queryBuilder, double minCosine) {
        this(index, embedder, queryBuilder, minCosine, 10_000);
    }

    /** @param cachedQueries how many query vectors to keep; 0 embeds every question (benchmarks) */
    public DenseRetriever(VectorIndex index, Embedder embedder, QueryBuilder queryBuilder, double minCosine,
                          int cachedQueries) {
        this.queryVectors = cachedQueries > 0 ? Caffeine.newBuilder().maximumSize(cachedQueries).build() : null;
        this.index = Objects.requireNonNull(index, "index == null");
        this.embedder = Objects.requireNonNull(embedder, "embedder == null");
        this.queryBuilder = Objects.requireNonNull(queryBuilder, "queryBuilder == null");
        this.minCosine = minCosine;
    }

    @Override
    public SearchResult search(String question, int k) {
        Query query = queryBuilder.build(question);
        List<Hit> hits = IntentRanking.rerank(search(query, Math.max(k, Bm25Retriever.RERANK_DEPTH)), query.intents(), k);
        double best = hits.isEmpty() ? 0 : hits.get(0).score();
        return new SearchResult(query, hits, AbstainRule.answerable(query, best >= minCosine), best);
    }

    /** Ranked hits for a prepared query, one per section; for fusion by a hybrid retriever. */
    public List<Hit> search(Query query, int k) {
        if (query.text().isBlank()) {
            return List.of();
        }
        String text = queryText(query);
        float[] vector = queryVectors == null ? embedder.embed(text) : queryVectors.get(text, embedder::embed);
        List<Hit> hits = new ArrayList<>();
        Set<String> sections = new HashSet<>();
        for (VectorIndex.Scored s : index.nearest(vector, CANDIDATES)) {
            Passage p = index.passage(s.index());
            if (sections.add(p.section().id())) {
                hits.add(new Hit(p, s.score(), hits.size() + 1));
                if (hits.size() == k) {
                    break;
                }
            }
        }
        return hits;
    }

    /**
     * What is embedded for a question. bge-small-zh does not map English questions onto Chinese
     * passages, so an English question is replaced by the Chinese renderings the glossary found
     * (dev set, English Recall@1 0.23 → 0.62); with no bridged term, the English text is all there is.
     */
    static String queryText(Query query) {
        if (query.language() == Language.EN) {
            StringBuilder bridged = new StringBuilder();
            for (Concept c : query.concepts()) {
                if (!c.label().equals(c.surfaces().get(0))) {
                    bridged.append(c.surfaces().get(0)).append(' ');
                }
            }
            if (!bridged.isEmpty()) {
                return QUERY_INSTRUCTION + bridged.toString().strip();
            }
        }
        return QUERY_INSTRUCTION + query.parts().ask();
    }
}
