package startupcoach.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.Language;
import startupcoach.retrieve.Query;
import startupcoach.retrieve.SearchResult;
import startupcoach.retrieve.TextAnalysis;

/**
 * The default composer: a lead that says what the knowledge base recommends, then a few key
 * points quoted verbatim from the top passages ({@link KeyPoints}), each with its section as the
 * citation. It invents nothing, so every claim can be checked, and it needs no model or network.
 * An English asker gets the lead, the section labels and the suggestions in English; the quotes
 * stay in the documents' Chinese.
 */
public final class ExtractiveComposer implements Composer {

    private final KeyPoints keyPoints;
    private final FollowUps followUps;
    private final HeadingLabels labels;

    public ExtractiveComposer(TextAnalysis analysis, FollowUps followUps) {
        this(analysis, followUps, HeadingLabels.none());
    }

    public ExtractiveComposer(TextAnalysis analysis, FollowUps followUps, HeadingLabels labels) {
        this.keyPoints = new KeyPoints(Objects.requireNonNull(analysis, "analysis == null"));
        this.followUps = Objects.requireNonNull(followUps, "followUps == null");
        this.labels = Objects.requireNonNull(labels, "labels == null");
    }

    @Override
    public Answer compose(SearchResult result) {
        Query query = result.query();
        Language lang = query.language();
        Map<Section, List<String>> points = result.covered() ? keyPoints.pick(query, result.hits()) : Map.of();
        if (points.isEmpty()) {
            List<Section> closest = result.hits().stream().limit(3).map(h -> h.passage().section()).toList();
            return new Answer(query.text(), lang, false, Leads.notCovered(lang, !closest.isEmpty()), List.of(),
                    closest, followUps.about(closest, lang), result.hits());
        }
        List<CitedGroup> groups = new ArrayList<>();
        points.forEach((section, sentences) -> groups.add(new CitedGroup(section, sentences,
                lang == Language.EN ? labels.of(section).orElse(null) : null)));
        List<Section> cited = groups.stream().map(CitedGroup::section).toList();
        return new Answer(query.text(), lang, true, Leads.covered(query, groups, labels), groups, List.of(),
                followUps.after(cited, lang), result.hits());
    }
}
