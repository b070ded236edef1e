package startupcoach.compose;

import java.util.List;
import java.util.Objects;
import startupcoach.knowledge.Section;

/**
 * Sentences quoted verbatim from one section, with that section as their citation.
 *
 * @param section   where the sentences come from
 * @param sentences verbatim, in the order they appear in the section
 */
public record CitedGroup(Section section, List<String> sentences) {

    public CitedGroup {
        Objects.requireNonNull(section, "section == null");
        sentences = List.copyOf(sentences);
    }

    /** {@code 《title》 › heading › path}. */
    public String citation() {
        return section.citation();
    }
}
