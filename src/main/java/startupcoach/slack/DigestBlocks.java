package startupcoach.slack;

import com.slack.api.model.block.DividerBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.PlainTextObject;
import java.util.ArrayList;
import java.util.List;
import startupcoach.digest.Digest;

/**
 * Renders a scheduled {@link Digest} as Slack messages: a header with its title, the intro, each
 * passage quoted as written with its citation as a context line {@code 《title》 › heading › path},
 * and "What your team asked" with the sections that answered each question. Split within Slack's
 * limits as answers are (3,000 characters per section, 50 blocks per message); the notification
 * fallback is the digest's plain text. Stateless and thread-safe.
 */
final class DigestBlocks {

    /** Slack rejects a header block whose text is longer. */
    static final int MAX_HEADER_CHARS = 150;
    static final String NOT_COVERED = "not covered by the knowledge base";

    List<SlackMessage> render(Digest digest) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(HeaderBlock.builder()
                .text(PlainTextObject.builder().text(Mrkdwn.truncate(digest.title(), MAX_HEADER_CHARS)).emoji(true).build())
                .build());
        BlockRenderer.sections(Mrkdwn.escape(digest.intro()), null, blocks);
        for (Digest.Item item : digest.items()) {
            // Bold in the knowledge base stays bold; every word is the passage's own.
            BlockRenderer.sections(Mrkdwn.quote(Mrkdwn.fromMarkdown(item.text())), null, blocks);
            blocks.add(BlockRenderer.context(Mrkdwn.escape(item.citation())));
        }
        if (!digest.asked().isEmpty()) {
            blocks.add(DividerBlock.builder().build());
            BlockRenderer.sections("*" + Digest.ASKED_HEADING + "*", null, blocks);
            for (Digest.TeamQuestion q : digest.asked()) {
                BlockRenderer.sections("• " + Mrkdwn.escape(q.question()), null, blocks);
                String sources = q.citations().isEmpty() ? "_" + NOT_COVERED + "_"
                        : String.join("\n", q.citations().stream().map(Mrkdwn::escape).toList());
                blocks.add(BlockRenderer.context(sources));
            }
        }
        return BlockRenderer.paginate(blocks, null, Mrkdwn.truncate(digest.plainText(), BlockRenderer.MAX_FALLBACK_CHARS));
    }
}
