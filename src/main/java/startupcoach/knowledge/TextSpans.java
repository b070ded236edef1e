package startupcoach.knowledge;

import java.util.ArrayList;
import java.util.List;

/** Sentence spans of a text, for {@link Chunker}. */
final class TextSpans {

    /**
     * A sentence (or a piece of an over-long one) as offsets into the text.
     *
     * @param paragraphStart whether it is the first span of its paragraph
     */
    record Span(int start, int end, boolean paragraphStart) {
        int length() {
            return end - start;
        }
    }

    private static final String TERMINATORS = "。！？；!?;";
    private static final String CLOSERS = "”’\"'）)】」』";
    private static final String SOFT_BREAKS = "，、,：:）) ";

    private TextSpans() {
    }

    /** Sentences of {@code text}, none longer than {@code maxChars}, blank ones left out. */
    static List<Span> sentences(String text, int maxChars) {
        List<Span> spans = new ArrayList<>();
        int lineStart = 0;
        int paragraphStart = -1;
        // Paragraphs are runs of non-blank lines; each is split into sentences on its own.
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            boolean blank = text.substring(lineStart, lineEnd).isBlank();
            if (!blank && paragraphStart < 0) {
                paragraphStart = lineStart;
            }
            if (blank && paragraphStart >= 0) {
                paragraph(text, paragraphStart, lineStart, maxChars, spans);
                paragraphStart = -1;
            }
            lineStart = lineEnd + 1;
        }
        if (paragraphStart >= 0) {
            paragraph(text, paragraphStart, text.length(), maxChars, spans);
        }
        return spans;
    }

    private static void paragraph(String text, int from, int to, int maxChars, List<Span> out) {
        boolean first = true;
        int start = from;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            boolean dot = c == '.' && (i + 1 == to || Character.isWhitespace(text.charAt(i + 1)))
                    && !isListMarker(text, from, i);
            if (c != '\n' && !dot && TERMINATORS.indexOf(c) < 0) {
                continue;
            }
            int end = c == '\n' ? i : i + 1;
            while (c != '\n' && end < to && CLOSERS.indexOf(text.charAt(end)) >= 0) {
                end++;
            }
            first = add(text, start, end, maxChars, first, out);
            start = c == '\n' ? i + 1 : end;
            i = start - 1;
        }
        add(text, start, to, maxChars, first, out);
    }

    /** Whether the '.' at {@code dot} ends an ordered-list marker such as "4." rather than a sentence. */
    private static boolean isListMarker(String text, int from, int dot) {
        int lineStart = Math.max(from, text.lastIndexOf('\n', dot - 1) + 1);
        String marker = text.substring(lineStart, dot).strip();
        return !marker.isEmpty() && marker.chars().allMatch(Character::isDigit);
    }

    /** Adds the trimmed span [from, to) cut to {@code maxChars}; returns whether the paragraph still has no span. */
    private static boolean add(String text, int from, int to, int maxChars, boolean first, List<Span> out) {
        int start = from;
        int end = to;
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        boolean none = first;
        while (start < end) {
            int cut = end - start <= maxChars ? end : softCut(text, start, start + maxChars);
            out.add(new Span(start, cut, none));
            none = false;
            start = cut;
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
        }
        return none;
    }

    /** A cut at most at {@code limit}, after a comma-like character in the last third if there is one. */
    private static int softCut(String text, int start, int limit) {
        for (int i = limit; i > start + (limit - start) * 2 / 3; i--) {
            if (SOFT_BREAKS.indexOf(text.charAt(i - 1)) >= 0) {
                return i;
            }
        }
        // Never leave half of a surrogate pair at either side of the cut.
        return Character.isHighSurrogate(text.charAt(limit - 1)) ? limit - 1 : limit;
    }
}
