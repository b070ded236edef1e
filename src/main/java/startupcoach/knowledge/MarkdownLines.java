package startupcoach.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Markdown file into {@link SourceLine}s: line breaks normalised, chat-template tokens
 * removed, fences marked (see {@link FenceScanner}) and ATX headings recognised outside code.
 */
final class MarkdownLines {

    /**
     * Chat-template tokens the generator left in the text ({@code <|im_end|>}, {@code <|im_start|>}
     * plus its role word, {@code <|endoftext|>}).
     */
    private static final Pattern CHAT_TOKEN =
            Pattern.compile("<\\|[A-Za-z0-9_]+\\|>(?:(?:system|user|assistant)\\b)?");
    /** CommonMark ATX heading: up to 3 spaces, 1–6 #, a space, text, optional closing #s. */
    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})[ \\t]+(.*?)(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");

    private MarkdownLines() {
    }

    /**
     * Scans one document.
     *
     * @param fileName used in warnings only
     * @param content  the whole file
     * @param warnings receives one message per repaired defect (e.g. an unclosed fence)
     */
    static List<SourceLine> scan(String fileName, String content, List<String> warnings) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<String> texts = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        String[] physical = LINE_BREAK.split(text, -1);
        for (int i = 0; i < physical.length; i++) {
            for (String segment : splitAtChatTokens(physical[i])) {
                texts.add(segment);
                numbers.add(i + 1);
            }
        }
        boolean[] code = FenceScanner.markCode(fileName, texts, numbers, warnings);
        List<SourceLine> lines = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String line = texts.get(i);
            int level = 0;
            String heading = "";
            Matcher m = ATX.matcher(line);
            if (!code[i] && m.matches() && !m.group(2).isBlank()) {
                level = m.group(1).length();
                heading = stripEmphasis(m.group(2).strip());
            }
            lines.add(new SourceLine(numbers.get(i), line, code[i], level, heading));
        }
        return lines;
    }

    /** Heading level of a raw line, ignoring whether it is inside code; 0 when it is no heading. */
    static int headingLevel(String line) {
        Matcher m = ATX.matcher(line);
        return m.matches() && !m.group(2).isBlank() ? m.group(1).length() : 0;
    }

    /**
     * A chat token ends one generated message and the next one starts right after it, so the
     * text after a token is a new line: that is what makes {@code …**<|im_end|>### 第一部分}
     * a heading. Blank remainders are dropped.
     */
    private static List<String> splitAtChatTokens(String line) {
        Matcher m = CHAT_TOKEN.matcher(line);
        if (!m.find()) {
            return List.of(line);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        do {
            parts.add(line.substring(start, m.start()));
            start = m.end();
        } while (m.find());
        parts.add(line.substring(start));
        List<String> kept = new ArrayList<>();
        kept.add(parts.get(0));
        for (int i = 1; i < parts.size(); i++) {
            if (!parts.get(i).isBlank()) {
                kept.add(parts.get(i));
            }
        }
        return kept;
    }

    /** {@code ### **第1章**} is written as a heading with bold text; the emphasis is not part of it. */
    private static String stripEmphasis(String heading) {
        if (heading.length() > 4 && heading.startsWith("**") && heading.endsWith("**")) {
            String inner = heading.substring(2, heading.length() - 2);
            return inner.contains("**") ? heading : inner.strip();
        }
        return heading;
    }
}
