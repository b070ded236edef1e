package startupcoach.retrieve;

import java.util.List;
import java.util.Objects;

/**
 * A question prepared for search.
 *
 * @param text       the question text that was searched (possibly truncated)
 * @param language   the question's language
 * @param terms      content terms analysed from the question itself, stop words removed
 * @param expansions extra terms added to bridge languages or vocabularies (may be empty)
 * @param concepts   what the question asks about, for judging whether a passage covers it
 */
public record Query(String text, Language language, List<String> terms, List<String> expansions, List<Concept> concepts) {

    public Query {
        Objects.requireNonNull(text, "text == null");
        Objects.requireNonNull(language, "language == null");
        terms = List.copyOf(terms);
        expansions = List.copyOf(expansions);
        concepts = List.copyOf(concepts);
    }

    /** Terms and expansions, without duplicates, question terms first. */
    public List<String> allTerms() {
        return java.util.stream.Stream.concat(terms.stream(), expansions.stream()).distinct().toList();
    }

    public boolean isEmpty() {
        return terms.isEmpty() && expansions.isEmpty();
    }
}
