package startupcoach.retrieve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a question into a {@link Query}: detects its language, truncates it, extracts content
 * terms and asks the {@link QueryExpander} for bridging terms.
 */
public final class QueryBuilder {

    /** Longer questions are searched on their first part: BM25 over a whole essay finds everything. */
    public static final int MAX_QUESTION_CHARS = 1000;

    private final TextAnalysis analysis;
    private final QueryExpander expander;

    public QueryBuilder(TextAnalysis analysis, QueryExpander expander) {
        this.analysis = Objects.requireNonNull(analysis, "analysis == null");
        this.expander = Objects.requireNonNull(expander, "expander == null");
    }

    public Query build(String question) {
        String text = question.strip();
        if (text.length() > MAX_QUESTION_CHARS) {
            text = text.substring(0, MAX_QUESTION_CHARS);
        }
        Language language = Language.detect(text);
        List<String> terms = analysis.terms(text).stream().distinct().toList();
        Map<String, Boolean> expansions = new LinkedHashMap<>();
        for (String phrase : expander.expand(text, language)) {
            for (String t : analysis.terms(phrase)) {
                if (!terms.contains(t)) {
                    expansions.put(t, Boolean.TRUE);
                }
            }
        }
        return new Query(text, language, terms, List.copyOf(expansions.keySet()));
    }
}
