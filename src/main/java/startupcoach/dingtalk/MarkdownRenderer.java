package startupcoach.dingtalk;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.compose.Answer;
import startupcoach.compose.CitedGroup;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.Language;

/**
 * Renders a {@link Reply} in DingTalk's markdown subset: a {@code ####} title, the asker's
 * {@code @staffId} in groups, quotes with their citation {@code 《title》 › heading path}, related
 * sections and follow-ups as lists. A language model's answer shows its prose after the lead, then
 * its sources numbered as the prose's {@code [n]} markers; an answer's note (why quotes are shown
 * instead, say) comes first. DingTalk shows neither tables nor code blocks, so fences are dropped,
 * table rows become plain lines and tag-like {@code <word>} is written as {@code ‹word›} (a
 * markdown renderer would hide it as HTML). Stateless and thread-safe.
 */
final class MarkdownRenderer {

    /**
     * Characters per message text. DingTalk rejects markdown over ~20 KB; 4,000 characters stay
     * under that even when every character takes 4 bytes in UTF-8, and read well on a phone.
     */
    public static final int MAX_TEXT_CHARS = 4000;
    static final int MAX_TITLE_CHARS = 30;
    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");
    private static final Pattern TAG_LIKE = Pattern.compile("<([A-Za-z/!][^<>\\n]*)>");
    private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*\\|(.*)\\|\\s*$");

    private final int maxTextChars;

    public MarkdownRenderer() {
        this(MAX_TEXT_CHARS);
    }

    /** @param maxTextChars per-message limit; smaller values let tests exercise splitting */
    public MarkdownRenderer(int maxTextChars) {
        if (maxTextChars < 200) {
            throw new IllegalArgumentException("maxTextChars must be at least 200, was " + maxTextChars);
        }
        this.maxTextChars = maxTextChars;
    }

    /**
     * @param mention staff id to @mention (groups), or null
     * @return one message, or several when the reply is longer than one message may be
     */
    public List<MarkdownMessage> render(Reply reply, String mention) {
        return new MarkdownPager(maxTextChars).page(titleOf(reply), mention, blocks(reply));
    }

    /**
     * The reply as one markdown text for an AI card's content: the blocks of {@link #render}, without
     * the title (the card shows it) or paging (a card scrolls).
     */
    public String cardMarkdown(Reply reply) {
        return String.join("\n\n", blocks(reply));
    }

    private static List<String> blocks(Reply reply) {
        List<String> blocks = new ArrayList<>();
        reply.noteIfAny().ifPresent(note -> blocks.add("> " + inline(note)));
        if (reply.kind() == ReplyKind.ANSWER && reply.answer() != null) {
            blocks.addAll(answerBlocks(reply.answer()));
        } else if (reply.kind() == ReplyKind.SOURCE && reply.section() != null) {
            blocks.add("**" + inline(reply.section().citation()) + "**");
            // The core writes "citation, blank line, body (possibly cut with a note)".
            int body = reply.text().indexOf("\n\n");
            blocks.addAll(markdownBlocks(body < 0 ? reply.text() : reply.text().substring(body + 2)));
        } else {
            blocks.addAll(plainBlocks(reply.text()));
        }
        return blocks;
    }

    /** A short message of the adapter's own (text-only notice, feedback thanks). */
    public List<MarkdownMessage> notice(String title, String text, String mention) {
        return new MarkdownPager(maxTextChars).page(title, mention, plainBlocks(text));
    }

    static String titleOf(Reply reply) {
        String title = switch (reply.kind()) {
            case ANSWER -> reply.answer() != null ? reply.answer().question() : "startup-coach";
            case HELP -> "startup-coach 使用帮助 · help";
            case TOPICS -> "知识库主题 · topics";
            case SOURCE -> reply.section() != null ? "出处 · " + reply.section().heading() : "出处 · source";
            case ERROR -> "startup-coach";
            case DIGEST -> "知识库精选 · digest";
            case ADMIN -> "知识库更新 · reload";
        };
        return shorten(title.strip().replaceAll("\\s+", " "), MAX_TITLE_CHARS);
    }

    private static List<String> answerBlocks(Answer answer) {
        List<String> blocks = new ArrayList<>();
        answer.noteIfAny().ifPresent(note -> blocks.add("> " + inline(note)));
        blocks.add(inline(answer.lead()));
        // The [n] markers of the points or the prose point at the sources, numbered alike.
        if (answer.prose() != null) {
            blocks.addAll(markdownBlocks(answer.prose()));
        } else if (!answer.groups().isEmpty()) {
            blocks.add(list(answer.numberedPoints().stream().map(MarkdownRenderer::inline).toList()));
        }
        if (!answer.groups().isEmpty()) {
            blocks.add("**" + answer.sourcesHeading() + "**");
            blocks.add(list(answer.numberedSources()));
        }
        if (!answer.closestTopics().isEmpty()) {
            blocks.add(list(answer.closestTopics().stream().map(Section::citation).toList()));
        }
        if (!answer.followUps().isEmpty()) {
            blocks.add("**" + (answer.language() == Language.EN ? "You could also ask:" : "你还可以问：") + "**");
            blocks.add(list(answer.followUps()));
        }
        return blocks;
    }

    /** Plain text as the core writes it: indented or • lines become list items, the rest paragraphs. */
    static List<String> plainBlocks(String text) {
        List<String> blocks = new ArrayList<>();
        List<String> items = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            boolean item = !stripped.isEmpty() && (stripped.startsWith("•") || line.startsWith("  "));
            if (stripped.isEmpty() || item) {
                flushParagraph(blocks, paragraph);
            }
            if (!item) {
                flushList(blocks, items);
            }
            if (item) {
                items.add(stripped.startsWith("•") ? stripped.substring(1).strip() : stripped);
            } else if (!stripped.isEmpty() && !FENCE.matcher(line).matches()) {
                paragraph.append(paragraph.length() == 0 ? "" : "\n").append(inline(stripped));
            }
        }
        flushParagraph(blocks, paragraph);
        flushList(blocks, items);
        return blocks;
    }

    /** A section's own Markdown: kept as written, paragraphs intact, fences dropped. */
    static List<String> markdownBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        for (String paragraph : markdown.split("\\n\\s*\\n")) {
            StringBuilder kept = new StringBuilder();
            for (String line : paragraph.split("\n")) {
                if (FENCE.matcher(line).matches() || TABLE_RULE.matcher(line).matches() || line.isBlank()) {
                    continue;
                }
                Matcher row = TABLE_ROW.matcher(line);
                String shown = row.matches() ? String.join(" · ", cells(row.group(1))) : line.stripTrailing();
                kept.append(kept.length() == 0 ? "" : "\n").append(untag(shown));
            }
            if (kept.length() > 0) {
                blocks.add(kept.toString());
            }
        }
        return blocks;
    }

    private static List<String> cells(String row) {
        return java.util.Arrays.stream(row.split("\\|")).map(String::strip).filter(c -> !c.isEmpty()).toList();
    }

    private static void flushParagraph(List<String> blocks, StringBuilder paragraph) {
        if (paragraph.length() > 0) {
            blocks.add(paragraph.toString());
            paragraph.setLength(0);
        }
    }

    private static void flushList(List<String> blocks, List<String> items) {
        if (!items.isEmpty()) {
            blocks.add(list(items));
            items.clear();
        }
    }

    private static String list(List<String> items) {
        return String.join("\n", items.stream().map(i -> "- " + inline(i)).toList());
    }

    /** One line of text: no line breaks (they would end a quote or list item), no tag-like brackets. */
    static String inline(String text) {
        return untag(text.replaceAll("\\s*\\R\\s*", " ").strip());
    }

    /** {@code <citation>} → {@code ‹citation›}: shown, where markdown would swallow it as an HTML tag. */
    private static String untag(String text) {
        return TAG_LIKE.matcher(text).replaceAll("‹$1›");
    }

    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
