package startupcoach.compose;

import java.util.List;
import java.util.Objects;
import startupcoach.knowledge.Section;

/**
 * Key points quoted verbatim from one section, with that section as their citation.
 *
 * @param section   where the points come from
 * @param sentences verbatim, in the order they appear in the section
 * @param label     the section heading in the asker's language when that differs from the
 *                  document's (an English rendering of a Chinese heading), or null
 */
public record CitedGroup(Section section, List<String> sentences, String label) {

    public CitedGroup {
        Objects.requireNonNull(section, "section == null");
        sentences = List.copyOf(sentences);
        label = label == null || label.isBlank() ? null : label.strip();
    }

    /** Without a label: the asker reads the document's language. */
    public CitedGroup(Section section, List<String> sentences) {
        this(section, sentences, null);
    }

    /** {@code 《title》 › heading › path}: verbatim, so it can be looked up and checked. */
    public String citation() {
        return section.citation();
    }

    /** The citation as shown to the asker: verbatim, then the heading in their language if it differs. */
    public String displayCitation() {
        return label == null ? citation() : citation() + " (" + label + ")";
    }
}
