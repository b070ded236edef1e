package startupcoach.compose;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.Hit;
import startupcoach.retrieve.Language;

/**
 * A composed answer, independent of how a platform will show it.
 *
 * @param question      the question that was answered (possibly truncated)
 * @param language      the question's language; the lead-in and follow-ups use it
 * @param covered       false when the knowledge base does not cover the question
 * @param lead          one sentence introducing the quotes, or the "not covered" statement
 * @param groups        cited quotes, most relevant section first; empty when not covered. Under
 *                      {@code prose}, the cited sections in marker order with no sentences
 * @param closestTopics when not covered: the nearest sections the knowledge base does have
 * @param followUps     2–3 questions the user could ask next
 * @param evidence      the retrieved passages the answer was composed from, with their scores
 * @param prose         text written by a language model from the evidence, or null (quotes only).
 *                      Its markers {@code [n]} are 1-based indexes into {@code groups}, all valid
 * @param note          a short remark for the user about how the answer was made (e.g. the language
 *                      model was unavailable, so these are quotes), or null
 */
public record Answer(String question, Language language, boolean covered, String lead, List<CitedGroup> groups,
                     List<Section> closestTopics, List<String> followUps, List<Hit> evidence, String prose, String note) {

    public Answer {
        Objects.requireNonNull(question, "question == null");
        Objects.requireNonNull(language, "language == null");
        Objects.requireNonNull(lead, "lead == null");
        groups = List.copyOf(groups);
        closestTopics = List.copyOf(closestTopics);
        followUps = List.copyOf(followUps);
        evidence = List.copyOf(evidence);
        if (prose != null && groups.isEmpty()) {
            throw new IllegalArgumentException("prose without a cited section");
        }
    }

    /** A quotes-only answer without a note, as the extractive composer makes. */
    public Answer(String question, Language language, boolean covered, String lead, List<CitedGroup> groups,
                  List<Section> closestTopics, List<String> followUps, List<Hit> evidence) {
        this(question, language, covered, lead, groups, closestTopics, followUps, evidence, null, null);
    }

    /** The sections this answer cites, in order. */
    public List<Section> citedSections() {
        return groups.stream().map(CitedGroup::section).toList();
    }

    /**
     * The quoted key points in order, each ending with its source marker ("… [2]"), the markers
     * numbering {@link #groups()} as {@link #numberedSources()} does. Empty for prose answers.
     */
    public List<String> numberedPoints() {
        if (prose != null) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            for (String point : groups.get(i).sentences()) {
                out.add(point.strip() + " [" + (i + 1) + "]");
            }
        }
        return out;
    }

    /** "[1] 《title》 › path (English label)": the sources the markers of the points or the prose refer to. */
    public List<String> numberedSources() {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            out.add("[" + (i + 1) + "] " + groups.get(i).displayCitation());
        }
        return out;
    }

    /** The heading above the sources, in the asker's language. */
    public String sourcesHeading() {
        return language == Language.EN ? "Sources (in Chinese):" : "出处：";
    }

    public Optional<String> proseIfAny() {
        return Optional.ofNullable(prose);
    }

    public Optional<String> noteIfAny() {
        return Optional.ofNullable(note);
    }

    /** This answer with the given note (null for none). */
    public Answer withNote(String newNote) {
        return new Answer(question, language, covered, lead, groups, closestTopics, followUps, evidence, prose, newNote);
    }
}
