package startupcoach.knowledge;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds a section's prose from its body lines. Lines are kept verbatim (trailing whitespace
 * aside) so that quotes from the file can be found in the text; fenced blocks (code, mermaid,
 * latex) and thematic breaks ({@code ---}) are dropped because they are not prose worth
 * retrieving, and count as paragraph breaks; runs of blank lines become one blank line.
 */
final class SectionText {

    private static final Pattern THEMATIC_BREAK = Pattern.compile("^ {0,3}([-*_])(?:[ \\t]*\\1){2,}[ \\t]*$");

    private SectionText() {
    }

    static String of(List<SourceLine> body) {
        StringBuilder text = new StringBuilder();
        boolean gap = false;
        for (SourceLine line : body) {
            if (line.code() || line.isBlank() || THEMATIC_BREAK.matcher(line.text()).matches()) {
                gap = true;
                continue;
            }
            if (!text.isEmpty()) {
                text.append(gap ? "\n\n" : "\n");
            }
            text.append(line.text().stripTrailing());
            gap = false;
        }
        return text.toString();
    }

    /** Last line of the body that holds anything (prose or code), or {@code headingLine}. */
    static int endLine(List<SourceLine> body, int headingLine) {
        int end = headingLine;
        for (SourceLine line : body) {
            if (!line.isBlank()) {
                end = Math.max(end, line.number());
            }
        }
        return end;
    }
}
