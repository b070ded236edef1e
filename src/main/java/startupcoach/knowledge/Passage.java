package startupcoach.knowledge;

import java.util.Objects;

/**
 * A retrievable chunk of one section's own body: at most about 400 characters, split on
 * paragraph boundaries. Short sections are one passage.
 *
 * @param id      unique within a knowledge base: {@code sectionId/ordinal}
 * @param section the section it comes from (its citation is the passage's citation)
 * @param ordinal 0-based position within the section
 * @param text    verbatim text from the section's body
 */
public record Passage(String id, Section section, int ordinal, String text) {

    public Passage {
        Objects.requireNonNull(id, "id == null");
        Objects.requireNonNull(section, "section == null");
        Objects.requireNonNull(text, "text == null");
    }
}
