package startupcoach.knowledge;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds fenced code blocks (``` and ~~~, indented or not) and LaTeX display blocks
 * ({@code $$} lines) so that {@code #} comments inside them are not taken for headings and their
 * content is not indexed as prose.
 *
 * <p>A fence is closed the CommonMark way: a line of only the same fence character, at least
 * as long as the opener. The shipped documents also contain a fence that is never closed
 * (price-war.md, the {@code ```python} block of 8.3): CommonMark would turn the whole rest of
 * the file into code. Here an unclosed fence instead ends before the first line inside it that
 * cannot be code in a machine-written document: a heading of level 2 or deeper, or a line of
 * Chinese prose (starting with a Han character, or a list/quote/bold marker followed by text
 * with Han characters). A level-1 {@code # …} line stays code: that is a Python comment far
 * more often than a document heading. A new opener with an info string ({@code ```mermaid})
 * inside an open fence also means the open one was never closed, since code does not contain
 * fence openers.
 */
final class FenceScanner {

    private static final Pattern FENCE = Pattern.compile("^[ \\t]*(`{3,}|~{3,})(.*)$");
    private static final Pattern MARKED_PROSE = Pattern.compile("^(?:\\d+[.)、]|[-*+>]|\\*\\*)\\s*(.*)$");

    private FenceScanner() {
    }

    /**
     * @return for each line, whether it is code or a fence delimiter
     */
    static boolean[] markCode(String fileName, List<String> lines, List<Integer> numbers, List<String> warnings) {
        int n = lines.size();
        boolean[] code = new boolean[n];
        int i = 0;
        while (i < n) {
            int mathEnd = mathBlockEnd(lines, i);
            if (mathEnd > i) {
                for (int k = i; k < mathEnd; k++) {
                    code[k] = true;
                }
                i = mathEnd;
                continue;
            }
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches() || isBacktickWithBacktickInfo(open)) {
                i++;
                continue;
            }
            String fence = open.group(1);
            int end = closingIndex(lines, i, fence);
            if (end < 0) {
                int limit = -end - 1;
                end = limit;
                for (int j = i + 1; j < limit; j++) {
                    if (cannotBeCode(lines.get(j))) {
                        end = j;
                        break;
                    }
                }
                String until = end < n ? "before line " + numbers.get(end) : "at the end of the file";
                warnings.add(fileName + ":" + numbers.get(i) + ": code fence " + lines.get(i).strip()
                        + " is never closed; treated as ending " + until);
            } else {
                end++;
            }
            for (int k = i; k < end; k++) {
                code[k] = true;
            }
            i = end;
        }
        return code;
    }

    /**
     * Index of the closing line, or {@code -(limit + 1)} when the fence is never closed, where
     * {@code limit} is the index of a new opener of the same kind (or the line count).
     */
    private static int closingIndex(List<String> lines, int opener, String fence) {
        char c = fence.charAt(0);
        for (int j = opener + 1; j < lines.size(); j++) {
            Matcher m = FENCE.matcher(lines.get(j));
            if (!m.matches() || m.group(1).charAt(0) != c || m.group(1).length() < fence.length()) {
                continue;
            }
            if (m.group(2).isBlank()) {
                return j;
            }
            if (!isBacktickWithBacktickInfo(m)) {
                return -(j + 1);
            }
        }
        return -(lines.size() + 1);
    }

    /**
     * Exclusive end of a LaTeX display block opened by a line starting with {@code $$} (and not
     * closing on the same line), or {@code opener} when there is none. A {@code $$} without a
     * closing line before the next blank line or heading is left as text.
     */
    private static int mathBlockEnd(List<String> lines, int opener) {
        String first = lines.get(opener).strip();
        if (!first.startsWith("$$") || (first.length() > 2 && first.endsWith("$$"))) {
            return opener;
        }
        for (int j = opener + 1; j < lines.size(); j++) {
            String line = lines.get(j);
            // A formula has no blank line and no heading: meeting one means this $$ was prose.
            if (line.isBlank() || MarkdownLines.headingLevel(line) > 0) {
                return opener;
            }
            if (line.strip().endsWith("$$")) {
                return j + 1;
            }
        }
        return opener;
    }

    /** CommonMark: a backtick fence's info string cannot contain a backtick (that is inline code). */
    private static boolean isBacktickWithBacktickInfo(Matcher fence) {
        return fence.group(1).charAt(0) == '`' && fence.group(2).contains("`");
    }

    private static boolean cannotBeCode(String line) {
        if (MarkdownLines.headingLevel(line) >= 2) {
            return true;
        }
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return false;
        }
        if (isHan(s.codePointAt(0))) {
            return true;
        }
        Matcher m = MARKED_PROSE.matcher(s);
        return m.matches() && m.group(1).codePoints().anyMatch(FenceScanner::isHan);
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
