package startupcoach.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * What one document covers, for a "what do you know about" answer.
 *
 * @param fileName the document's file name
 * @param title    the document title without 《》
 * @param chapters headings of the document's top-level body sections (parts, chapters,
 *                 appendices), in file order, without repeats
 */
public record Topic(String fileName, String title, List<String> chapters) {

    public Topic {
        Objects.requireNonNull(fileName, "fileName == null");
        Objects.requireNonNull(title, "title == null");
        chapters = List.copyOf(chapters);
    }
}
