package startupcoach.compose.llm;

import java.util.List;
import java.util.regex.Pattern;
import startupcoach.knowledge.Passage;

/**
 * Text that goes into a prompt as data: the user's question inside the templates' fenced
 * {@code ```text} block, and the numbered passages. Whatever a user types, it cannot close that
 * block and continue as instructions.
 */
public final class QuotedData {

    /** Three or more backticks or tildes would close (or open) a fenced block. */
    private static final Pattern FENCE = Pattern.compile("`{3,}|~{3,}");
    /** Control characters other than tab and newline: invisible in chat, confusing to a model. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u200B-\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    private QuotedData() {
    }

    /**
     * The text with fence markers replaced by apostrophes or hyphens of the same length, control and
     * bidirectional-override characters removed and line ends normalised; otherwise unchanged.
     */
    public static String neutralise(String text) {
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        s = CONTROL.matcher(s).replaceAll("");
        s = FENCE.matcher(s).replaceAll(m -> (m.group().charAt(0) == '`' ? "'" : "-").repeat(m.group().length()));
        return s.strip();
    }

    /**
     * Passages numbered from 1, each headed by its citation:
     * <pre>
     * [1] 《定价手册》 › 1 定价策略
     * 价值定价比成本定价更能体现产品差异。…
     * </pre>
     */
    public static String numberedPassages(List<Passage> passages) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            if (i > 0) {
                out.append("\n\n");
            }
            out.append('[').append(i + 1).append("] ").append(p.section().citation()).append('\n')
                    .append(neutralise(p.text()));
        }
        return out.toString();
    }
}
