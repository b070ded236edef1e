package startupcoach.dingtalk;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs markdown blocks into messages of at most {@code maxChars} characters each, breaking
 * between blocks where it can, else between lines, else inside a line. Every page starts with the
 * {@code ####} title ("(2/3)" when there are several); only the first one @mentions the asker, so a
 * long answer pings them once.
 */
final class MarkdownPager {

    private static final String BREAK = "\n\n";

    private final int maxChars;

    MarkdownPager(int maxChars) {
        this.maxChars = maxChars;
    }

    List<MarkdownMessage> page(String title, String mention, List<String> blocks) {
        String mentionLine = mention == null || mention.isBlank() ? "" : "@" + mention + BREAK;
        // Room for the longest header any page can get, "(99/99)" included.
        int budget = maxChars - header(title, 99, 99).length() - mentionLine.length();
        List<String> pieces = new ArrayList<>();
        for (String block : blocks) {
            pieces.addAll(fit(block, budget));
        }
        List<String> pages = new ArrayList<>();
        StringBuilder page = new StringBuilder();
        for (String piece : pieces) {
            if (page.length() > 0 && page.length() + BREAK.length() + piece.length() > budget) {
                pages.add(page.toString());
                page.setLength(0);
            }
            page.append(page.length() == 0 ? "" : BREAK).append(piece);
        }
        if (page.length() > 0 || pages.isEmpty()) {
            pages.add(page.toString());
        }
        List<MarkdownMessage> messages = new ArrayList<>();
        int n = pages.size();
        for (int i = 0; i < n; i++) {
            boolean first = i == 0;
            String text = header(title, i + 1, n) + (first ? mentionLine : "") + pages.get(i);
            messages.add(new MarkdownMessage(n == 1 ? title : title + " (" + (i + 1) + "/" + n + ")", text.stripTrailing(),
                    first && !mentionLine.isEmpty() ? List.of(mention) : List.of()));
        }
        return messages;
    }

    private static String header(String title, int index, int count) {
        return "#### " + title + (count > 1 ? " (" + index + "/" + count + ")" : "") + BREAK;
    }

    /** A block longer than the budget is cut between lines, and a line longer than it between characters. */
    private static List<String> fit(String block, int budget) {
        if (block.length() <= budget) {
            return List.of(block);
        }
        List<String> out = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String line : block.split("\n")) {
            for (String part : cut(line, budget)) {
                if (piece.length() > 0 && piece.length() + 1 + part.length() > budget) {
                    out.add(piece.toString());
                    piece.setLength(0);
                }
                piece.append(piece.length() == 0 ? "" : "\n").append(part);
            }
        }
        if (piece.length() > 0) {
            out.add(piece.toString());
        }
        return out;
    }

    private static List<String> cut(String line, int budget) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (line.length() - start > budget) {
            int end = start + budget;
            if (Character.isHighSurrogate(line.charAt(end - 1))) {
                end--; // never split a surrogate pair (emoji, rare CJK)
            }
            parts.add(line.substring(start, end));
            start = end;
        }
        parts.add(line.substring(start));
        return parts;
    }
}
