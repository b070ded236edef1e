package startupcoach.retrieve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BM25 and dense results fused by reciprocal rank (RRF): each list contributes 1/(K + rank) per
 * section. Ranks, not scores, because BM25 scores and cosines live on unrelated scales; K = 60 is
 * the value of the original RRF paper and damps the difference between rank 1 and rank 2.
 *
 * <p>Abstaining combines signals, since no single threshold separates unanswerable questions on
 * this corpus: the question counts as covered when either the lexical concept coverage of the
 * fused top hits or the dense similarity of the best passage is convincing. Each signal alone
 * misjudges some questions (a short question shares few words; a paraphrase scores a low
 * cosine); an off-topic question is weak on both.
 */
public final class HybridRetriever implements Retriever {

    /**
     * A cosine this high counts as covered even when few words are shared (a paraphrase); below
     * it, lexical coverage must vouch for the question.
     */
    public static final double DEFAULT_MIN_COSINE = 0.50;
    static final int RRF_K = 60;
    /** Both retrievers put the same section this high: they found it for different reasons. */
    private static final int AGREEMENT_DEPTH = 3;
    private static final int DEPTH = 50;

    private final Bm25Retriever bm25;
    private final DenseRetriever dense;
    private final QueryBuilder queryBuilder;
    private final AbstainRule coverageRule;
    private final double minCosine;

    public HybridRetriever(Bm25Retriever bm25, DenseRetriever dense, QueryBuilder queryBuilder, AbstainRule coverageRule,
                           double minCosine) {
        this.bm25 = Objects.requireNonNull(bm25, "bm25 == null");
        this.dense = Objects.requireNonNull(dense, "dense == null");
        this.queryBuilder = Objects.requireNonNull(queryBuilder, "queryBuilder == null");
        this.coverageRule = Objects.requireNonNull(coverageRule, "coverageRule == null");
        this.minCosine = minCosine;
    }

    @Override
    public SearchResult search(String question, int k) {
        Query query = queryBuilder.build(question);
        List<Hit> lexical = bm25.search(query, DEPTH);
        List<Hit> semantic = dense.search(query, DEPTH);
        List<Hit> fused = IntentRanking.rerank(fuse(List.of(lexical, semantic), Math.max(k, Bm25Retriever.RERANK_DEPTH)),
                query.intents(), k);
        double coverage = coverageRule.coverage(query, fused);
        double cosine = semantic.isEmpty() ? 0 : semantic.get(0).score();
        boolean covered = !fused.isEmpty() && (coverageRule.covered(coverage) || cosine >= minCosine
                || (query.parts().hasContext() && !query.intents().isEmpty() && agree(lexical, semantic)));
        return new SearchResult(query, fused, AbstainRule.answerable(query, covered), coverage);
    }

    /**
     * Whether the lexical and the semantic ranking share a section near their tops. Words and
     * meaning agreeing on a section is evidence of its own, which matters for long chatty messages:
     * their ask shares few words with the text ("我们接下来该怎么应对？") and the cosine of a long
     * message is diluted by its situation.
     */
    static boolean agree(List<Hit> lexical, List<Hit> semantic) {
        java.util.Set<String> top = new java.util.HashSet<>();
        lexical.stream().limit(AGREEMENT_DEPTH).forEach(h -> top.add(h.passage().section().id()));
        return semantic.stream().limit(AGREEMENT_DEPTH).anyMatch(h -> top.contains(h.passage().section().id()));
    }

    /**
     * Reciprocal rank fusion over section-level rankings; the passage of a section's first
     * appearance (in list order) is kept.
     */
    static List<Hit> fuse(List<List<Hit>> rankings, int k) {
        Map<String, Double> scores = new LinkedHashMap<>();
        Map<String, Hit> best = new LinkedHashMap<>();
        for (List<Hit> ranking : rankings) {
            for (Hit h : ranking) {
                String section = h.passage().section().id();
                scores.merge(section, 1.0 / (RRF_K + h.rank()), Double::sum);
                best.putIfAbsent(section, h);
            }
        }
        List<String> order = new ArrayList<>(scores.keySet());
        order.sort(Comparator.comparingDouble((String s) -> -scores.get(s)));
        List<Hit> out = new ArrayList<>();
        for (String section : order.subList(0, Math.min(k, order.size()))) {
            out.add(new Hit(best.get(section).passage(), scores.get(section), out.size() + 1));
        }
        return out;
    }
}
