package startupcoach.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.Glossary;

/**
 * English labels for the Chinese headings an English asker is shown, rendered term by term through
 * the glossary ("市场风险的评估与应对策略" → "Market risk: assessment and response strategy"). A
 * heading the glossary cannot mostly render gets no label rather than a half-Chinese one; the
 * citation itself always stays verbatim so it can be checked against the document.
 */
public final class HeadingLabels {

    /** At least this share of a heading's Chinese characters must be rendered for a label. */
    private static final double MIN_RENDERED = 0.75;
    private static final Pattern NUMBERING = Pattern.compile(
            "^(第[0-9一二三四五六七八九十]+[章节部分][:：]?\\s*|附录\\s*[A-Z]?[:：.]?\\s*|[A-Z]?[0-9]+(\\.[0-9]+)*\\.?\\s*)");
    private static final String JOINERS = "与和及、";

    private final Glossary glossary;
    private final int longest;

    public HeadingLabels(Glossary glossary) {
        this.glossary = Objects.requireNonNull(glossary, "glossary == null");
        this.longest = glossary.longestChinese();
    }

    /** No glossary: no labels. */
    public static HeadingLabels none() {
        return new HeadingLabels(Glossary.empty());
    }

    /** The English label of a section's own heading, if the glossary renders it. */
    public Optional<String> of(Section section) {
        return render(topic(section.heading()));
    }

    /** A heading's text without its chapter or section number: "2.3.2 市场风险" → "市场风险". */
    static String topic(String heading) {
        String t = NUMBERING.matcher(heading).replaceFirst("").strip();
        return t.isEmpty() ? heading : t;
    }

    /** Chinese text rendered term by term, greedy longest match; empty when too little is rendered. */
    public Optional<String> render(String chinese) {
        if (longest == 0) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>();
        int han = 0;
        int rendered = 0;
        int i = 0;
        String text = chinese.strip();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (!isHan(c)) {
                // Latin text ("AI", "SaaS") reads the same in English; punctuation separates.
                int j = i;
                while (j < text.length() && !isHan(text.charAt(j))) {
                    j++;
                }
                String latin = text.substring(i, j).replaceAll("[：:，,（）()、]", " ").strip();
                if (!latin.isEmpty()) {
                    words.add(latin);
                }
                i = j;
                continue;
            }
            han++;
            if (c == '的') {
                i++;
                rendered++;
                words.add("·");
                continue;
            }
            if (JOINERS.indexOf(c) >= 0) {
                i++;
                rendered++;
                words.add("and");
                continue;
            }
            int matched = 0;
            for (int n = Math.min(longest, text.length() - i); n >= 1 && matched == 0; n--) {
                Optional<String> en = glossary.english(text.substring(i, i + n));
                if (en.isPresent()) {
                    words.add(en.get());
                    matched = n;
                }
            }
            if (matched == 0) {
                i++;
            } else {
                han += matched - 1;
                rendered += matched;
                i += matched;
            }
        }
        if (han == 0 || (double) rendered / han < MIN_RENDERED) {
            return Optional.empty();
        }
        return Optional.of(phrase(words));
    }

    /** "market risk · assessment and response strategy" → "Market risk: assessment and response strategy". */
    private static String phrase(List<String> words) {
        String joined = String.join(" ", words).replaceAll("\\s+", " ").strip()
                .replaceAll("^(· |and )+", "").replaceAll("( ·| and)+$", "")
                .replaceFirst(" · ", ": ").replace(" · ", " ");
        return joined.isEmpty() ? joined : joined.substring(0, 1).toUpperCase(Locale.ROOT) + joined.substring(1);
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }
}
