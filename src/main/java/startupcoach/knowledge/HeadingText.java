package startupcoach.knowledge;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Comparison forms of heading text. The documents write the same heading as
 * {@code 第一部分: AI大模型基础} in one place and {@code 第一部分：AI大模型基础} in another, so
 * headings are compared after NFKC (full-width colon and letters become ASCII), without
 * whitespace and case.
 */
final class HeadingText {

    /** Leading numbering: 第5章 / 第1.1节 / 第一部分, 附录A, A.1.1, 4.4.3. */
    private static final Pattern LABEL = Pattern.compile(
            "^(第[0-9.一二三四五六七八九十百零〇两]+(?:章|节|部分|篇)"
                    + "|附录[a-z]?(?:\\.[0-9]+)*"
                    + "|[a-z](?:\\.[0-9]+)+"
                    + "|[0-9]+(?:\\.[0-9]+)*)");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u3000]+");
    private static final Pattern TITLE_MARKS = Pattern.compile("^[\\s\"'“”‘’「」『』*]+|[\\s\"'“”‘’「」『』*]+$");
    private static final Pattern BOOK_TITLE = Pattern.compile("《([^《》]+)》");

    private HeadingText() {
    }

    /** NFKC, no whitespace, lower case: the form used to decide that two headings are "the same". */
    static String normalise(String text) {
        String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
        return WHITESPACE.matcher(nfkc).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /**
     * The heading's leading number in normalised form ({@code 4.4.3}, {@code 第5章}, {@code 附录a}),
     * or an empty string when it has none.
     */
    static String label(String heading) {
        Matcher m = LABEL.matcher(normalise(heading));
        return m.find() ? m.group(1) : "";
    }

    /** Removes surrounding quotes, emphasis and 《》 from a title candidate. */
    static String cleanTitle(String text) {
        String t = TITLE_MARKS.matcher(text.strip()).replaceAll("");
        Matcher m = BOOK_TITLE.matcher(t);
        if (m.matches()) {
            t = m.group(1);
        }
        return TITLE_MARKS.matcher(t).replaceAll("").strip();
    }

    /** The text of the first 《…》 in {@code text}, or {@code null}. */
    static String bookTitle(String text) {
        Matcher m = BOOK_TITLE.matcher(text);
        return m.find() ? m.group(1).strip() : null;
    }

    /** The heading without any 《…》 part, normalised: {@code 《X》文章关键词} becomes {@code 文章关键词}. */
    static String withoutBookTitle(String heading) {
        return normalise(BOOK_TITLE.matcher(heading).replaceAll(""));
    }
}
