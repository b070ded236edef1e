package startupcoach.retrieve;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether the best hits actually answer a question or are merely the least bad matches.
 *
 * <p>BM25 always returns something, and on this corpus a raw score threshold does not separate
 * "定价策略" from "红烧肉": scores grow with query length. What does separate them is <em>key-term
 * coverage</em>: the share of the question's information (IDF-weighted, so rare words such as
 * "H100" or "GmbH" count most) that one top passage and its heading path contain. A question whose
 * distinctive words appear nowhere in the knowledge base is not covered, however high its score.
 */
public final class AbstainRule {

    /** Default share of the question's weighted terms one top passage must contain. */
    public static final double DEFAULT_MIN_COVERAGE = 0.5;
    /** How many of the top hits may supply the coverage. */
    private static final int HITS_CONSIDERED = 3;

    private final TextAnalysis analysis;
    private final TermStatistics stats;
    private final double minCoverage;

    public AbstainRule(TextAnalysis analysis, TermStatistics stats, double minCoverage) {
        this.analysis = analysis;
        this.stats = stats;
        this.minCoverage = minCoverage;
    }

    public boolean covered(Query query, List<Hit> hits) {
        return coverage(query, hits) >= minCoverage;
    }

    /** Best IDF-weighted share of the query's key terms found in one of the top hits, 0..1. */
    public double coverage(Query query, List<Hit> hits) {
        List<String> keyTerms = keyTerms(query);
        if (keyTerms.isEmpty() || hits.isEmpty()) {
            return 0;
        }
        double total = 0;
        for (String t : keyTerms) {
            total += stats.idf(t);
        }
        double best = 0;
        for (Hit hit : hits.subList(0, Math.min(HITS_CONSIDERED, hits.size()))) {
            Set<String> present = new HashSet<>(analysis.terms(hit.passage().text()));
            present.addAll(analysis.terms(String.join(" ", hit.passage().section().headingPath())));
            double found = 0;
            for (String t : keyTerms) {
                if (present.contains(t)) {
                    found += stats.idf(t);
                }
            }
            best = Math.max(best, found / total);
        }
        return best;
    }

    /**
     * The terms that must be found. A Chinese question's own words; for an English question over a
     * Chinese corpus its own words mostly do not occur, so its bridging terms and the English words
     * the corpus does use (GDPR, API…) stand in for them.
     */
    private List<String> keyTerms(Query query) {
        if (query.language() == Language.ZH) {
            return query.terms();
        }
        return query.allTerms().stream()
                .filter(t -> query.expansions().contains(t) || stats.docFreq(t) > 0)
                .toList();
    }
}
