package startupcoach.compose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.Hit;
import startupcoach.retrieve.Language;
import startupcoach.retrieve.Query;
import startupcoach.retrieve.SearchResult;
import startupcoach.retrieve.TextAnalysis;

/**
 * The default composer: quotes the sentences of the top passages that share most terms with the
 * question, verbatim, grouped by section. It invents nothing, so every claim can be checked
 * against its citation, and it needs no model or network.
 */
public final class ExtractiveComposer implements Composer {

    private static final int MAX_GROUPS = 3;
    private static final int MAX_SENTENCES_PER_GROUP = 3;
    /** About one phone screen: a chat answer is read, not studied. */
    private static final int MAX_QUOTED_CHARS = 900;
    private static final double EXPANSION_WEIGHT = 0.6;
    private static final double INTRO_WEIGHT = 0.5;

    private final TextAnalysis analysis;
    private final FollowUps followUps;

    public ExtractiveComposer(TextAnalysis analysis, FollowUps followUps) {
        this.analysis = Objects.requireNonNull(analysis, "analysis == null");
        this.followUps = Objects.requireNonNull(followUps, "followUps == null");
    }

    @Override
    public Answer compose(SearchResult result) {
        Query query = result.query();
        Language lang = query.language();
        if (!result.covered()) {
            List<Section> closest = result.hits().stream().limit(3).map(h -> h.passage().section()).toList();
            return new Answer(query.text(), lang, false, Leads.notCovered(lang, !closest.isEmpty()), List.of(),
                    closest, followUps.about(closest, lang), result.hits());
        }
        List<CitedGroup> groups = new ArrayList<>();
        int budget = MAX_QUOTED_CHARS;
        for (Hit hit : result.hits()) {
            if (groups.size() == MAX_GROUPS || budget <= 0) {
                break;
            }
            List<String> quotes = bestSentences(hit.passage().text(), query, groups.isEmpty(), budget);
            if (!quotes.isEmpty()) {
                groups.add(new CitedGroup(hit.passage().section(), quotes));
                budget -= quotes.stream().mapToInt(String::length).sum();
            }
        }
        List<Section> cited = groups.stream().map(CitedGroup::section).toList();
        return new Answer(query.text(), lang, true, Leads.covered(lang, groups.size()), groups, List.of(),
                followUps.after(cited, lang), result.hits());
    }

    /**
     * The passage's sentences that share the most weighted terms with the question, in their
     * original order. The first group always quotes something (it is the best passage even when
     * its wording differs); later groups only sentences that match.
     */
    private List<String> bestSentences(String text, Query query, boolean first, int budget) {
        List<String> sentences = Sentences.split(text);
        if (sentences.isEmpty()) {
            return List.of();
        }
        double[] scores = sentences.stream().mapToDouble(s -> score(s, query)).toArray();
        List<Integer> order = IntStream.range(0, sentences.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i))
                .toList();
        Set<Integer> chosen = new HashSet<>();
        int used = 0;
        for (int i : order) {
            boolean matches = scores[i] > 0;
            if (chosen.size() == MAX_SENTENCES_PER_GROUP || (!matches && !(first && chosen.isEmpty()))) {
                break;
            }
            int len = sentences.get(i).length();
            if (used + len > budget && !chosen.isEmpty()) {
                continue;
            }
            chosen.add(i);
            used += len;
        }
        return chosen.stream().sorted().map(sentences::get).toList();
    }

    private double score(String sentence, Query query) {
        Set<String> terms = new LinkedHashSet<>(analysis.terms(sentence));
        double score = 0;
        for (String t : query.terms()) {
            score += terms.contains(t) ? 1 : 0;
        }
        for (String t : query.expansions()) {
            score += terms.contains(t) ? EXPANSION_WEIGHT : 0;
        }
        // "…以下几个方面：" announces a list instead of saying something: quote it only if nothing better matches.
        return sentence.endsWith("：") || sentence.endsWith(":") ? score * INTRO_WEIGHT : score;
    }
}
