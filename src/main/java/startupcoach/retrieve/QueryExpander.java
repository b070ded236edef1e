package startupcoach.retrieve;

import java.util.ArrayList;
import java.util.List;

/**
 * Adds words to a question before search, e.g. Chinese terms for an English question over a
 * Chinese knowledge base. Returns phrases in the knowledge base's language; they are analysed
 * like any other text.
 */
@FunctionalInterface
public interface QueryExpander {

    QueryExpander NONE = (question, language) -> List.of();

    /** Bridging words for the parts of the question this expander understands, in question order. */
    List<Expansion> expand(String question, Language language);

    /**
     * All the expanders' expansions, in the order given: e.g. the offline glossary, then a
     * translation by a language model on top of it.
     */
    static QueryExpander combine(QueryExpander... expanders) {
        List<QueryExpander> all = List.of(expanders);
        return (question, language) -> {
            List<Expansion> out = new ArrayList<>();
            all.forEach(e -> out.addAll(e.expand(question, language)));
            return out;
        };
    }
}
