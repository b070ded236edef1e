package startupcoach.retrieve;

/** Document frequencies over the indexed passages, for weighting query terms. */
public interface TermStatistics {

    /** Indexed passages whose body or heading contains the term. */
    int docFreq(String term);

    /** Number of indexed passages. */
    int docCount();

    /** BM25's IDF; a term found nowhere gets the highest weight, since it is the most specific. */
    default double idf(String term) {
        int n = docCount();
        int df = docFreq(term);
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }
}
