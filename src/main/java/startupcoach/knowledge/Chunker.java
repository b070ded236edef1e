package startupcoach.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a section's own text into {@link Passage}s of at most {@code maxChars} characters.
 *
 * <p>Whole paragraphs are packed together while they fit; a paragraph longer than the limit is
 * packed sentence by sentence (a sentence ends at 。！？；!?; or a line break, or at a '.' followed
 * by whitespace so that "1.2" and "GPT-3.5" stay whole); a sentence longer than the limit is cut
 * at the limit. Each passage after the first starts with the previous passage's last sentence
 * when that sentence is short, so an idea cut at a boundary is still retrievable with its lead-in.
 * Passage text is always one contiguous substring of {@link Section#text()}; a section whose text
 * fits the limit is one passage and an empty section has none.
 *
 * <p>Immutable and thread-safe.
 */
public final class Chunker {

    /** Default passage limit: small enough for a 512-token embedding model with Chinese text. */
    public static final int DEFAULT_MAX_CHARS = 400;
    /** Default longest sentence repeated at the start of the next passage. */
    public static final int DEFAULT_MAX_OVERLAP_CHARS = 120;

    private final int maxChars;
    private final int maxOverlapChars;

    /** A chunker with {@value #DEFAULT_MAX_CHARS} characters and {@value #DEFAULT_MAX_OVERLAP_CHARS} overlap. */
    public Chunker() {
        this(DEFAULT_MAX_CHARS, DEFAULT_MAX_OVERLAP_CHARS);
    }

    /**
     * @param maxChars        passage limit in characters, at least 20
     * @param maxOverlapChars longest sentence repeated at the start of the next passage, 0 for no
     *                        overlap, less than {@code maxChars / 2}
     */
    public Chunker(int maxChars, int maxOverlapChars) {
        if (maxChars < 20) {
            throw new IllegalArgumentException("maxChars must be at least 20, was " + maxChars);
        }
        if (maxOverlapChars < 0 || maxOverlapChars >= maxChars / 2) {
            throw new IllegalArgumentException("maxOverlapChars must be in [0, " + (maxChars / 2) + "), was "
                    + maxOverlapChars);
        }
        this.maxChars = maxChars;
        this.maxOverlapChars = maxOverlapChars;
    }

    /** The passages of {@code section}'s own text, in order; empty when the text is blank. */
    public List<Passage> chunk(Section section) {
        Objects.requireNonNull(section, "section == null");
        String text = section.text();
        List<Passage> passages = new ArrayList<>();
        if (text.isBlank()) {
            return passages;
        }
        List<TextSpans.Span> sentences = TextSpans.sentences(text, maxChars);
        int next = 0;
        int overlap = -1;
        while (next < sentences.size()) {
            int first = next;
            if (overlap >= 0) {
                // Overlap only when it costs nothing: never split a paragraph that fits on its own.
                int end = sentences.get(next).paragraphStart() && fits(sentences, next, paragraphEnd(sentences, next))
                        ? paragraphEnd(sentences, next) : next;
                first = fits(sentences, overlap, end) ? overlap : next;
            }
            int last = extend(sentences, first, next);
            passages.add(new Passage(section.id() + "/" + passages.size(), section, passages.size(),
                    text.substring(sentences.get(first).start(), sentences.get(last).end())));
            overlap = maxOverlapChars > 0 && sentences.get(last).length() <= maxOverlapChars ? last : -1;
            next = last + 1;
        }
        return passages;
    }

    /**
     * Last sentence index of a passage that starts at {@code first} and must contain {@code next}.
     * A paragraph that fits the limit on its own is taken whole or not at all (unless the passage
     * would otherwise hold no new text), so passages break on paragraph boundaries where they can.
     */
    private int extend(List<TextSpans.Span> sentences, int first, int next) {
        int last = next;
        if (sentences.get(next).paragraphStart()) {
            int paragraphEnd = paragraphEnd(sentences, next);
            while (last < paragraphEnd && fits(sentences, first, last + 1)) {
                last++;
            }
        }
        int k = last + 1;
        while (k < sentences.size()) {
            if (sentences.get(k).paragraphStart()) {
                int paragraphEnd = paragraphEnd(sentences, k);
                if (fits(sentences, first, paragraphEnd)) {
                    last = paragraphEnd;
                } else if (fits(sentences, k, paragraphEnd)) {
                    break;
                } else {
                    // The paragraph must be split anyway, so its first sentences may as well
                    // share this passage (a lead-in like "…分为以下几个方面：" stays with its list).
                    while (k <= paragraphEnd && fits(sentences, first, k)) {
                        last = k++;
                    }
                    break;
                }
            } else {
                if (!fits(sentences, first, k)) {
                    break;
                }
                last = k;
            }
            k = last + 1;
        }
        return last;
    }

    private static int paragraphEnd(List<TextSpans.Span> sentences, int start) {
        int end = start;
        while (end + 1 < sentences.size() && !sentences.get(end + 1).paragraphStart()) {
            end++;
        }
        return end;
    }

    private boolean fits(List<TextSpans.Span> sentences, int first, int last) {
        return sentences.get(last).end() - sentences.get(first).start() <= maxChars;
    }
}
