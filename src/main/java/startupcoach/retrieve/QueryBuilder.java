package startupcoach.retrieve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a question into a {@link Query}: detects its language, truncates it, separates the ask
 * from the situation ({@link QuestionParts}), extracts content terms of each, asks the
 * {@link QueryExpander} for bridging terms and lists the ask's concepts to cover.
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
        QuestionParts parts = QuestionParts.of(text);
        String ask = parts.ask();
        List<String> terms = analysis.terms(ask).stream().distinct().toList();
        List<Expansion> expansions = expander.expand(ask, language);
        Set<String> expansionTerms = new LinkedHashSet<>();
        for (Expansion e : expansions) {
            e.targets().forEach(target -> analysis.terms(target).stream().filter(t -> !terms.contains(t))
                    .forEach(expansionTerms::add));
        }
        Specificity specificity = Specificity.of(ask);
        // Coverage is judged on what the knowledge base could answer: beside a specific figure
        // ("抽成比例定在百分之几？"), only the general clauses.
        List<Concept> concepts = specificity.partial()
                ? concepts(String.join(" ", specificity.general()), language)
                : concepts(terms, expansions);
        return new Query(text, language, terms, List.copyOf(expansionTerms), concepts, parts, Intent.of(ask),
                contextTerms(parts, language, terms, expansionTerms), specificity);
    }

    private List<Concept> concepts(String text, Language language) {
        return concepts(analysis.terms(text).stream().distinct().toList(), expander.expand(text, language));
    }

    /** One concept per bridged phrase (its renderings are alternatives), one per remaining word. */
    private List<Concept> concepts(List<String> terms, List<Expansion> expansions) {
        List<Concept> concepts = new ArrayList<>();
        Set<String> bridged = new LinkedHashSet<>();
        for (Expansion e : expansions) {
            List<String> surfaces = e.targets().stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
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
        return concepts;
    }

    /** The situation's own terms and bridged terms that the ask does not already search for. */
    private List<String> contextTerms(QuestionParts parts, Language language, List<String> askTerms, Set<String> askExpansions) {
        if (!parts.hasContext()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>(analysis.terms(parts.context()));
        for (Expansion e : expander.expand(parts.context(), language)) {
            e.targets().forEach(t -> out.addAll(analysis.terms(t)));
        }
        out.removeAll(askTerms);
        out.removeAll(askExpansions);
        return List.copyOf(out);
    }
}
