package startupcoach.retrieve;

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
}
