package startupcoach.dingtalk;

import java.util.List;
import java.util.Objects;

/**
 * One DingTalk markdown message, ready to post.
 *
 * @param title        shown in the chat list and the notification; plain text
 * @param text         DingTalk markdown (headings, bold, quotes, lists, links; no tables or code blocks),
 *                     at most {@link MarkdownRenderer#MAX_TEXT_CHARS} characters
 * @param atUserIds    staff ids to @mention (their {@code @id} is also in the text, as DingTalk requires)
 */
record MarkdownMessage(String title, String text, List<String> atUserIds) {

    public MarkdownMessage {
        Objects.requireNonNull(title, "title == null");
        Objects.requireNonNull(text, "text == null");
        atUserIds = atUserIds == null ? List.of() : List.copyOf(atUserIds);
    }
}
