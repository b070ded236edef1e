package startupcoach.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * One parsed Markdown file.
 *
 * @param fileName the file's name relative to the knowledge directory, e.g. {@code price-war.md}
 * @param title    the document title without 《》 (never blank)
 * @param sections every section in file order, whatever its kind
 */
public record Document(String fileName, String title, List<Section> sections) {

    public Document {
        Objects.requireNonNull(fileName, "fileName == null");
        Objects.requireNonNull(title, "title == null");
        if (title.isBlank()) {
            throw new IllegalArgumentException("title is blank for " + fileName);
        }
        sections = List.copyOf(sections);
    }
}
