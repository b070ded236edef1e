package startupcoach.retrieve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a question into a {@link Query}: detects its language, truncates it, extracts content
 * terms, asks the {@link QueryExpander} for bridging terms and lists the concepts to cover.
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
        List<Expansion> expansions = expander.expand(text, language);

        Set<String> expansionTerms = new LinkedHashSet<>();
        List<Concept> concepts = new ArrayList<>();
        Set<String> bridged = new LinkedHashSet<>();
        for (Expansion e : expansions) {
            List<String> surfaces = new ArrayList<>();
            for (String target : e.targets()) {
                analysis.terms(target).stream().filter(t -> !terms.contains(t)).forEach(expansionTerms::add);
                surfaces.add(target.toLowerCase(Locale.ROOT));
            }
            if (!surfaces.isEmpty()) {
                concepts.add(new Concept(e.source(), surfaces));
                bridged.addAll(analysis.terms(e.source()));
            }
        }
        // Question words not bridged by an expansion stand for themselves.
        for (String t : terms) {
            if (!bridged.contains(t)) {
                concepts.add(Concept.of(t));
            }
        }
        return new Query(text, language, terms, List.copyOf(expansionTerms), concepts);
    }
}
