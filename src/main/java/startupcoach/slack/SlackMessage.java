package startupcoach.slack;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;
import java.util.Objects;

/**
 * One Slack message ready to send: Block Kit blocks plus the plain-text {@code text} that
 * notifications, screen readers and old clients show instead of the blocks.
 *
 * @param text   plain-text fallback, never blank
 * @param blocks at most {@link BlockRenderer#MAX_BLOCKS} blocks
 */
record SlackMessage(String text, List<LayoutBlock> blocks) {

    SlackMessage {
        Objects.requireNonNull(text, "text == null");
        if (text.isBlank()) {
            throw new IllegalArgumentException("text is blank");
        }
        blocks = List.copyOf(blocks);
        if (blocks.size() > BlockRenderer.MAX_BLOCKS) {
            throw new IllegalArgumentException(blocks.size() + " blocks exceed Slack's limit of " + BlockRenderer.MAX_BLOCKS);
        }
    }
}
