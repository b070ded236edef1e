package startupcoach.knowledge;

import java.util.List;
import java.util.Set;

/**
 * Finds a document's title. The shipped documents state it in four ways: a single {@code # …}
 * heading, a {@code ### 文章标题} heading followed by a quoted line, {@code 《…》} inside a
 * heading such as {@code ### 《…》文章关键词}, or a heading that is only {@code 《…》}. Without any
 * of them the first {@code 《…》} near the top is used, else the file name without extension.
 */
final class TitleExtractor {

    /** Titles sit at the top; looking further down would pick up a book cited in the body. */
    private static final int LOOKAHEAD_LINES = 40;
    private static final Set<String> TITLE_LABELS = Set.of("文章标题", "标题", "title");

    /**
     * @param text      the title without 《》 or quotes, never blank
     * @param lineIndex index (into the scanned lines) of the heading that is the title itself and
     *                  so is left out of heading paths, or -1 when no heading is
     */
    record DocumentTitle(String text, int lineIndex) {
    }

    private TitleExtractor() {
    }

    static DocumentTitle extract(String fileName, List<SourceLine> lines) {
        // Several level-1 headings mean the author used # for chapters, not for the title.
        long levelOne = lines.stream().filter(l -> l.headingLevel() == 1).count();
        int limit = Math.min(lines.size(), LOOKAHEAD_LINES);
        for (int i = 0; i < limit; i++) {
            SourceLine line = lines.get(i);
            if (!line.isHeading()) {
                continue;
            }
            // "# 目录" or "# 摘要" labels a block; it does not name the document.
            boolean label = SectionClassifier.isTableOfContents(line.heading())
                    || SectionClassifier.isFrontMatterLabel(line.heading());
            if (line.headingLevel() == 1 && levelOne == 1 && !label) {
                String title = HeadingText.cleanTitle(line.heading());
                if (!title.isEmpty()) {
                    return new DocumentTitle(title, i);
                }
            }
            if (TITLE_LABELS.contains(HeadingText.normalise(line.heading()))) {
                String title = nextTextLine(lines, i);
                if (title != null) {
                    return new DocumentTitle(title, i);
                }
            }
            String inBrackets = HeadingText.bookTitle(line.heading());
            if (inBrackets != null && !inBrackets.isEmpty()) {
                boolean onlyTitle = HeadingText.normalise(HeadingText.cleanTitle(line.heading()))
                        .equals(HeadingText.normalise(inBrackets));
                return new DocumentTitle(inBrackets, onlyTitle ? i : -1);
            }
        }
        for (int i = 0; i < limit; i++) {
            SourceLine line = lines.get(i);
            String inBrackets = line.code() ? null : HeadingText.bookTitle(line.text());
            if (inBrackets != null && !inBrackets.isEmpty()) {
                return new DocumentTitle(inBrackets, -1);
            }
        }
        return new DocumentTitle(stem(fileName), -1);
    }

    /** The first non-blank prose line after {@code heading}, cleaned, or null if a heading comes first. */
    private static String nextTextLine(List<SourceLine> lines, int heading) {
        for (int i = heading + 1; i < lines.size(); i++) {
            SourceLine line = lines.get(i);
            if (line.isHeading()) {
                return null;
            }
            if (!line.code() && !line.isBlank()) {
                String title = HeadingText.cleanTitle(line.text());
                return title.isEmpty() ? null : title;
            }
        }
        return null;
    }

    private static String stem(String fileName) {
        int slash = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        String name = fileName.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.isBlank() ? "untitled" : stem;
    }
}
