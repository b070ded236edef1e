package startupcoach.retrieve;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import startupcoach.knowledge.Passage;

/**
 * Decides whether the best hits actually answer a question or are merely the least bad matches.
 *
 * <p>BM25 always returns something, and on this corpus a raw score threshold does not separate
 * "定价策略" from "红烧肉": scores grow with query length. What does separate them is <em>concept
 * coverage</em>: the share of what the question asks about (IDF-weighted, so rare words such as
 * "H100" or "GmbH" count most) that one top passage and its heading path express. A question whose
 * distinctive words appear nowhere in the knowledge base is not covered, however high its score.
 *
 * <p>Presence is checked on the text itself, not on analysed terms, because smartcn segments the
 * same word differently in different contexts (算力 → 算 + 力).
 */
public final class AbstainRule {

    /** Default share of the question's weighted concepts one top passage must express. */
    public static final double DEFAULT_MIN_COVERAGE = 0.25;
    /** How many of the top hits may supply the coverage. */
    private static final int HITS_CONSIDERED = 3;
    private static final int MAX_CACHED = 10_000;

    private final List<String> corpus;
    private final double minCoverage;
    private final Map<List<String>, Integer> docFreqs = new ConcurrentHashMap<>();

    /** @param passages every indexed passage, for document frequencies */
    public AbstainRule(Collection<Passage> passages, double minCoverage) {
        this.corpus = passages.stream().map(AbstainRule::searchableText).toList();
        this.minCoverage = minCoverage;
    }

    public boolean covered(double coverage) {
        return coverage >= minCoverage;
    }

    /**
     * The final decision: an ask that wants only specific figures, rules or securities
     * ({@link Specificity#onlySpecific()}) is declined however well its words match, because a book
     * of general advice never holds them ("港股18C的市值门槛" matches every section on listing risk);
     * otherwise the retriever's own judgement stands.
     */
    static boolean answerable(Query query, boolean judged) {
        return judged && !query.specificity().onlySpecific();
    }

    /** Best IDF-weighted share of the question's concepts found in one of the top hits, 0..1. */
    public double coverage(Query query, List<Hit> hits) {
        List<Concept> concepts = judgedConcepts(query);
        if (concepts.isEmpty() || hits.isEmpty()) {
            return 0;
        }
        double[] weights = concepts.stream().mapToDouble(this::idf).toArray();
        double total = java.util.Arrays.stream(weights).sum();
        double best = 0;
        for (Hit hit : hits.subList(0, Math.min(HITS_CONSIDERED, hits.size()))) {
            String text = searchableText(hit.passage());
            double found = 0;
            for (int i = 0; i < concepts.size(); i++) {
                if (concepts.get(i).foundIn(text)) {
                    found += weights[i];
                }
            }
            best = Math.max(best, found / total);
        }
        return best;
    }

    /**
     * The concepts to judge by. An English word that neither the glossary bridged nor the
     * knowledge base contains says nothing either way (the text is Chinese), so it is left out;
     * an unknown Chinese word, on the other hand, is exactly what the knowledge base lacks.
     */
    private List<Concept> judgedConcepts(Query query) {
        return query.concepts().stream()
                .filter(c -> !(isLatin(c) && docFreq(c) == 0))
                .toList();
    }

    private static boolean isLatin(Concept c) {
        return c.surfaces().size() == 1 && c.label().equals(c.surfaces().get(0))
                && c.label().chars().allMatch(ch -> ch < 0x3000);
    }

    /** BM25's IDF over passages; a concept found nowhere gets the highest weight, being the most specific. */
    private double idf(Concept c) {
        int n = corpus.size();
        int df = docFreq(c);
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }

    private int docFreq(Concept c) {
        if (docFreqs.size() > MAX_CACHED) {
            docFreqs.clear();
        }
        return docFreqs.computeIfAbsent(c.surfaces(), s -> (int) corpus.stream().filter(c::foundIn).count());
    }

    private static String searchableText(Passage p) {
        return (String.join(" ", p.section().headingPath()) + "\n" + p.text()).toLowerCase(Locale.ROOT);
    }
}
