package startupcoach.knowledge;

/**
 * One logical line of a Markdown file after chat tokens are split off and fences are found.
 * Several logical lines can share a physical line number when a heading was glued after
 * {@code <|im_end|>}.
 *
 * @param number       1-based physical line in the file
 * @param text         the line without chat-template tokens
 * @param code         inside a fenced block, or the fence delimiter itself
 * @param headingLevel 1–6 for an ATX heading outside code, else 0
 * @param heading      the heading text (no {@code #}s, no closing sequence), or an empty string
 */
record SourceLine(int number, String text, boolean code, int headingLevel, String heading) {

    boolean isHeading() {
        return headingLevel > 0;
    }

    boolean isBlank() {
        return text.isBlank();
    }
}
