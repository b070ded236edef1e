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

    /** An ask with fewer content terms than this names no topic; it points back at the situation. */
    private static final int MIN_ASK_TERMS = 2;

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
        QuestionParts parts = askWithItsTopic(QuestionParts.of(text));
        String ask = parts.ask();
        List<String> terms = analysis.terms(withoutPeers(ask)).stream().distinct().toList();
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

    /**
     * "How have other teams…", "有没有别的公司…" ask for examples ({@link Intent#EXAMPLES}); the
     * teams or companies named are whoever did it, not the topic, and would pull in the sections on
     * building a team.
     */
    static String withoutPeers(String ask) {
        return PEERS.matcher(ask).replaceAll(" ");
    }

    private static final java.util.regex.Pattern PEERS = java.util.regex.Pattern.compile(
            "\\b(other|others'?|similar)\\s+(teams?|compan(y|ies)|startups?|founders?|people|firms?)\\b|\\bhas anyone\\b|\\bhave others\\b|"
                    + "\\b(teams?|compan(y|ies)|startups?) like (us|ours)\\b|"
                    + "(别的|其他|其它|同类|类似的?)(公司|企业|团队|创业公司|创业者)|有没有(公司|企业|团队|人)", java.util.regex.Pattern.CASE_INSENSITIVE);

    private QuestionParts askWithItsTopic(QuestionParts parts) {
        boolean namesNoTopic = analysis.terms(parts.ask()).stream().distinct().count() < MIN_ASK_TERMS;
        return namesNoTopic && parts.hasContext() ? parts.withLastContextSentence() : parts;
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
