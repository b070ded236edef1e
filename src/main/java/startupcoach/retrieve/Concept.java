package startupcoach.retrieve;

import java.util.List;
import java.util.Objects;

/**
 * One thing a question asks about, with the surface forms that express it in the knowledge
 * base's text: a Chinese word stands for itself; an English word bridged by the glossary stands
 * for any of its Chinese renderings ("pricing" → 定价 | 价格). The abstain rule checks concepts,
 * not terms, so three alternative translations count once.
 *
 * @param label    what the user wrote
 * @param surfaces strings to look for in passage text (case-insensitive for Latin letters)
 */
public record Concept(String label, List<String> surfaces) {

    public Concept {
        Objects.requireNonNull(label, "label == null");
        surfaces = List.copyOf(surfaces);
        if (surfaces.isEmpty()) {
            throw new IllegalArgumentException("concept without surface forms: " + label);
        }
    }

    public static Concept of(String word) {
        return new Concept(word, List.of(word));
    }

    /** Whether the (lower-cased) text expresses this concept. */
    public boolean foundIn(String lowerText) {
        for (String s : surfaces) {
            if (lowerText.contains(s)) {
                return true;
            }
        }
        return false;
    }
}
