package startupcoach.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Slack's {@code mrkdwn} is not Markdown: bold is {@code *x*} (Markdown's {@code **x**} shows
 * literal asterisks), and {@code &}, {@code <}, {@code >} must be escaped or Slack reads them as
 * control sequences ({@code <!channel>}, links). Factory-only.
 */
final class Mrkdwn {

    private static final Pattern MARKDOWN_BOLD = Pattern.compile("\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*");
    private static final Pattern SLACK_ENTITY = Pattern.compile("&(amp|lt|gt);");

    private Mrkdwn() {
    }

    /** Escapes Slack's control characters and turns Markdown bold into Slack bold. */
    static String fromMarkdown(String text) {
        return MARKDOWN_BOLD.matcher(escape(text)).replaceAll("*$1*");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Undoes Slack's escaping of incoming message text, so the coach sees what the user typed. */
    static String unescape(String text) {
        return SLACK_ENTITY.matcher(text).replaceAll(m -> switch (m.group(1)) {
            case "amp" -> "&";
            case "lt" -> "<";
            default -> ">";
        });
    }

    /** Each line as a quote ({@code > line}); Slack quotes only the line a {@code >} starts. */
    static String quote(String text) {
        return "> " + text.strip().replace("\n", "\n> ");
    }

    /**
     * Cuts text into pieces of at most {@code max} characters, at line breaks where possible,
     * never inside an escape such as {@code &amp;} or a surrogate pair. Blank input gives no piece.
     */
    static List<String> split(String text, int max) {
        List<String> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String rest = line;
            while (rest.length() > max) {
                flush(current, pieces);
                int cut = safeCut(rest, max);
                pieces.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            int needed = current.isEmpty() ? rest.length() : current.length() + 1 + rest.length();
            if (needed > max) {
                flush(current, pieces);
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(rest);
        }
        flush(current, pieces);
        return pieces;
    }

    /** Truncates to {@code max} characters with an ellipsis, safely (see {@link #split}). */
    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, safeCut(text, max - 1)) + "…";
    }

    private static void flush(StringBuilder current, List<String> pieces) {
        if (!current.toString().isBlank()) {
            pieces.add(current.toString().strip());
        }
        current.setLength(0);
    }

    private static int safeCut(String text, int max) {
        int cut = max;
        int amp = text.lastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - 5 && text.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        if (cut > 0 && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return Math.max(cut, 1);
    }
}
