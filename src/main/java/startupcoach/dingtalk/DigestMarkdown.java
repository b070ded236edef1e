package startupcoach.dingtalk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import startupcoach.digest.Digest;

/**
 * Renders a scheduled {@link Digest} in DingTalk's markdown subset: the title as a {@code ####}
 * heading, the intro, each passage quoted line by line as written followed by
 * {@code — 《title》 › heading path}, and "What your team asked" as a list of questions with the
 * sections that answered them. No tables or code blocks (DingTalk shows neither): fence lines are
 * dropped. Split into several messages when longer than one may be. Stateless and thread-safe.
 */
final class DigestMarkdown {

    static final String NOT_COVERED = "(not covered by the knowledge base)";
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");

    private final int maxTextChars;

    DigestMarkdown(int maxTextChars) {
        this.maxTextChars = maxTextChars;
    }

    List<MarkdownMessage> render(Digest digest) {
        List<String> blocks = new ArrayList<>();
        blocks.add(MarkdownRenderer.inline(digest.intro()));
        for (Digest.Item item : digest.items()) {
            blocks.add(quote(item.text()));
            // Its own block: on the next line, markdown would pull the citation into the quote.
            blocks.add("— " + MarkdownRenderer.inline(item.citation()));
        }
        if (!digest.asked().isEmpty()) {
            blocks.add("**" + Digest.ASKED_HEADING + "**");
            List<String> items = new ArrayList<>();
            for (Digest.TeamQuestion q : digest.asked()) {
                String sources = q.citations().isEmpty() ? NOT_COVERED : String.join(" · ", q.citations());
                items.add("- " + MarkdownRenderer.inline(q.question()) + " → " + MarkdownRenderer.inline(sources));
            }
            blocks.add(String.join("\n", items));
        }
        String title = MarkdownRenderer.shorten(digest.title(), MarkdownRenderer.MAX_TITLE_CHARS);
        return new MarkdownPager(maxTextChars).page(title, null, blocks);
    }

    /** Every non-blank line of the passage as a quote line, words unchanged. */
    private static String quote(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !FENCE.matcher(line).matches()) {
                lines.add("> " + MarkdownRenderer.inline(line));
            }
        }
        return String.join("\n", lines);
    }
}
