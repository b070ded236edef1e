package startupcoach.retrieve;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A question prepared for search.
 *
 * @param text         the question text that was searched (possibly truncated)
 * @param language     the question's language
 * @param terms        content terms analysed from the ask, stop words removed
 * @param expansions   extra terms added to bridge languages or vocabularies (may be empty)
 * @param concepts     what the ask is about, for judging whether a passage covers it
 * @param parts        the ask and the situation around it
 * @param intents      the kinds of section the ask wants (empty: no preference)
 * @param contextTerms terms (and bridged terms) of the situation that the ask does not have: a soft
 *                     signal for ranking, never judged for coverage
 * @param specificity  which clauses of the ask want a specific figure, rule or security
 */
public record Query(String text, Language language, List<String> terms, List<String> expansions, List<Concept> concepts,
                    QuestionParts parts, Set<Intent> intents, List<String> contextTerms, Specificity specificity) {

    public Query {
        Objects.requireNonNull(text, "text == null");
        Objects.requireNonNull(language, "language == null");
        Objects.requireNonNull(parts, "parts == null");
        Objects.requireNonNull(specificity, "specificity == null");
        terms = List.copyOf(terms);
        expansions = List.copyOf(expansions);
        concepts = List.copyOf(concepts);
        intents = Set.copyOf(intents);
        contextTerms = List.copyOf(contextTerms);
    }

    /** A question that is all ask, with no intent preference. */
    public Query(String text, Language language, List<String> terms, List<String> expansions, List<Concept> concepts) {
        this(text, language, terms, expansions, concepts, QuestionParts.whole(text), Set.of(), List.of(),
                Specificity.of(""));
    }

    /** Terms and expansions, without duplicates, question terms first. */
    public List<String> allTerms() {
        return java.util.stream.Stream.concat(terms.stream(), expansions.stream()).distinct().toList();
    }

    public boolean isEmpty() {
        return terms.isEmpty() && expansions.isEmpty();
    }
}
