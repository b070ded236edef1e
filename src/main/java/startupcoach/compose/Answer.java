package startupcoach.compose;

import java.util.List;
import java.util.Objects;
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
 * @param groups        cited quotes, most relevant section first; empty when not covered
 * @param closestTopics when not covered: the nearest sections the knowledge base does have
 * @param followUps     2–3 questions the user could ask next
 * @param evidence      the retrieved passages the answer was composed from, with their scores
 */
public record Answer(String question, Language language, boolean covered, String lead, List<CitedGroup> groups,
                     List<Section> closestTopics, List<String> followUps, List<Hit> evidence) {

    public Answer {
        Objects.requireNonNull(question, "question == null");
        Objects.requireNonNull(language, "language == null");
        Objects.requireNonNull(lead, "lead == null");
        groups = List.copyOf(groups);
        closestTopics = List.copyOf(closestTopics);
        followUps = List.copyOf(followUps);
        evidence = List.copyOf(evidence);
    }

    /** The sections this answer cites, in order. */
    public List<Section> citedSections() {
        return groups.stream().map(CitedGroup::section).toList();
    }
}
