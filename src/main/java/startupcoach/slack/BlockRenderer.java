package startupcoach.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.MarkdownBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.FeedbackButtonObject;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.block.element.FeedbackButtonsElement;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import startupcoach.coach.Reply;
import startupcoach.compose.Answer;
import startupcoach.compose.CitedGroup;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.Language;

/**
 * Renders a coach {@link Reply} as Slack messages. An answer of up to 12,000 characters is one
 * {@code markdown} block (lead, quotes, each cited {@code — 《title》 › heading › path}, follow-ups),
 * then a row of "Full section" buttons and Slack's native 👍/👎 ({@code context_actions} with
 * {@code feedback_buttons}). A longer answer, or every answer when the markdown block is turned off,
 * is its lead, each cited group as quotes with a "Full section" button and a context line
 * {@code 《title》 › heading › path}, follow-up questions, then the same 👍/👎; other replies are
 * plain sections. A language model's
 * answer shows its prose after the lead and then its sources as context lines
 * {@code [n] 《title》 › heading › path}, numbered as the prose's markers; the answer's note (why
 * quotes are shown instead of prose, say) comes first. Long replies are
 * split within Slack's limits (3,000 characters per section text, 50 blocks per message) into
 * several messages, the feedback row always on the last. Stateless and thread-safe.
 */
final class BlockRenderer {

    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_CHARS = 3000;
    /** The notification fallback only needs the gist; the blocks carry the full reply. */
    static final int MAX_FALLBACK_CHARS = 3000;
    /** Slack's limit for the text of all markdown blocks in one message. */
    static final int MAX_MARKDOWN_CHARS = 12_000;
    static final String FEEDBACK_BLOCK_ID = "coach_feedback";
    /** The native {@code feedback_buttons}; the clicked button's value starts with {@link #VOTE_UP} or {@link #VOTE_DOWN}. */
    static final String ACTION_FEEDBACK = "coach_feedback";
    static final String VOTE_UP = "up:";
    static final String VOTE_DOWN = "down:";
    /** The plain buttons of answers posted before the native ones; their clicks are still understood. */
    static final String ACTION_HELPFUL = "coach_feedback_up";
    static final String ACTION_NOT_HELPFUL = "coach_feedback_down";
    static final String ACTION_FULL_SECTION = "coach_full_section";
    static final String THANKS = "Thanks for the feedback";
    static final String PLACEHOLDER = "Searching the knowledge base…";

    private final boolean markdownBlock;

    /** With the markdown block for answers that fit it. */
    BlockRenderer() {
        this(true);
    }

    /** @param markdownBlock whether answers up to 12,000 characters are one markdown block */
    BlockRenderer(boolean markdownBlock) {
        this.markdownBlock = markdownBlock;
    }

    List<SlackMessage> render(Reply reply) {
        List<LayoutBlock> blocks = new ArrayList<>();
        reply.noteIfAny().ifPresent(note -> blocks.add(context(":information_source: " + Mrkdwn.escape(note))));
        LayoutBlock feedback = null;
        if (reply.answer() != null) {
            Answer answer = reply.answer();
            feedback = feedbackRow(answer);
            Optional<List<LayoutBlock>> asMarkdown = markdownBlock ? AnswerMarkdown.blocks(answer, MAX_MARKDOWN_CHARS) : Optional.empty();
            if (asMarkdown.isPresent()) {
                blocks.addAll(asMarkdown.get());
                blocks.add(feedback);
                return List.of(new SlackMessage(Mrkdwn.truncate(reply.fullText(), MAX_FALLBACK_CHARS), blocks));
            }
            answerBlocks(answer, blocks);
        } else if (reply.section() != null && reply.text().startsWith(reply.section().citation())) {
            Section s = reply.section();
            blocks.add(context(Mrkdwn.escape(s.citation())));
            sections(Mrkdwn.escape(reply.text().substring(s.citation().length()).strip()), null, blocks);
        } else {
            sections(Mrkdwn.escape(reply.text()), null, blocks);
        }
        return paginate(blocks, feedback, Mrkdwn.truncate(reply.fullText(), MAX_FALLBACK_CHARS));
    }

    /**
     * The blocks below a language model's answer that was streamed as the message's text: the
     * reply's note, the sources (numbered as the prose's markers) and follow-ups, the "Full section"
     * buttons and the 👍/👎 row.
     *
     * @param reply an answer with {@link Answer#prose() prose}
     */
    List<LayoutBlock> afterStream(Reply reply) {
        Answer answer = reply.answer();
        if (answer == null || answer.prose() == null) {
            throw new IllegalArgumentException("only a prose answer is streamed");
        }
        List<LayoutBlock> blocks = new ArrayList<>();
        reply.noteIfAny().ifPresent(note -> blocks.add(context(":information_source: " + Mrkdwn.escape(note))));
        blocks.addAll(AnswerMarkdown.afterProse(answer));
        blocks.add(feedbackRow(answer));
        return blocks;
    }

    /** The one-line message shown while a slow answer is being composed. */
    SlackMessage placeholder() {
        return new SlackMessage(PLACEHOLDER, List.of(context(":mag: " + PLACEHOLDER)));
    }

    /** The original message's blocks with the 👍/👎 row replaced by a thank-you line. */
    static List<LayoutBlock> thank(List<LayoutBlock> original, boolean helpful) {
        List<LayoutBlock> out = new ArrayList<>();
        for (LayoutBlock b : original) {
            if (FEEDBACK_BLOCK_ID.equals(blockId(b))) {
                out.add(context((helpful ? ":+1: " : ":-1: ") + THANKS));
            } else {
                out.add(b);
            }
        }
        return out;
    }

    private void answerBlocks(Answer answer, List<LayoutBlock> blocks) {
        boolean en = answer.language() == Language.EN;
        answer.noteIfAny().ifPresent(note -> blocks.add(context(":information_source: " + Mrkdwn.escape(note))));
        sections(Mrkdwn.fromMarkdown(answer.lead()), null, blocks);
        // The [n] markers of the points or the prose point at the sources, numbered alike.
        if (answer.prose() != null) {
            sections(Mrkdwn.fromMarkdown(answer.prose().strip()), null, blocks);
        } else if (!answer.groups().isEmpty()) {
            StringBuilder points = new StringBuilder();
            answer.numberedPoints().forEach(p -> points.append("• ").append(Mrkdwn.fromMarkdown(p)).append('\n'));
            sections(points.toString(), null, blocks);
        }
        List<String> sources = answer.numberedSources();
        for (int i = 0; i < sources.size(); i++) {
            // Each source with its "Full section" button, so the quote can be checked in one click.
            sections(Mrkdwn.escape(sources.get(i)), fullSectionButton(answer.groups().get(i).citation(), en), blocks);
        }
        if (!answer.closestTopics().isEmpty()) {
            StringBuilder topics = new StringBuilder();
            answer.closestTopics().forEach(s -> topics.append("• ").append(Mrkdwn.escape(s.citation())).append('\n'));
            sections(topics.toString(), null, blocks);
        }
        if (!answer.followUps().isEmpty()) {
            StringBuilder f = new StringBuilder(en ? "*You could also ask:*" : "*你还可以问：*");
            answer.followUps().forEach(q -> f.append("\n• ").append(Mrkdwn.fromMarkdown(q)));
            sections(f.toString(), null, blocks);
        }
    }

    /** Section blocks of at most 3,000 characters each; the accessory goes on the first. */
    static void sections(String mrkdwn, BlockElement accessory, List<LayoutBlock> blocks) {
        List<String> pieces = Mrkdwn.split(mrkdwn, MAX_SECTION_CHARS);
        for (int i = 0; i < pieces.size(); i++) {
            SectionBlock.SectionBlockBuilder section = SectionBlock.builder()
                    .text(MarkdownTextObject.builder().text(pieces.get(i)).build());
            if (i == 0 && accessory != null) {
                section.accessory(accessory);
            }
            blocks.add(section.build());
        }
    }

    static LayoutBlock context(String mrkdwn) {
        return ContextBlock.builder()
                .elements(List.of(MarkdownTextObject.builder().text(Mrkdwn.truncate(mrkdwn, MAX_SECTION_CHARS)).build()))
                .build();
    }

    static BlockElement fullSectionButton(String citation, boolean en) {
        if (citation.length() > FeedbackValue.MAX_CHARS) {
            return null;
        }
        return ButtonElement.builder().actionId(ACTION_FULL_SECTION).value(citation)
                .text(PlainTextObject.builder().text(en ? "Full section" : "查看原文").emoji(true).build()).build();
    }

    /** Slack's own 👍/👎: the value of each button carries the verdict and what it rates. */
    private static LayoutBlock feedbackRow(Answer answer) {
        boolean en = answer.language() == Language.EN;
        String value = new FeedbackValue(answer.question(), answer.groups().stream().map(CitedGroup::citation).toList())
                .encode(FeedbackValue.MAX_CHARS - VOTE_DOWN.length());
        FeedbackButtonsElement buttons = FeedbackButtonsElement.builder().actionId(ACTION_FEEDBACK)
                .positiveButton(FeedbackButtonObject.builder().value(VOTE_UP + value)
                        .text(PlainTextObject.builder().text("👍").emoji(true).build())
                        .accessibilityLabel(en ? "This answer was helpful" : "这个回答有帮助").build())
                .negativeButton(FeedbackButtonObject.builder().value(VOTE_DOWN + value)
                        .text(PlainTextObject.builder().text("👎").emoji(true).build())
                        .accessibilityLabel(en ? "This answer was not helpful" : "这个回答没帮助").build())
                .build();
        return ContextActionsBlock.builder().blockId(FEEDBACK_BLOCK_ID).elements(List.of(buttons)).build();
    }

    /** Splits into messages of at most 50 blocks, keeping the feedback row on the last one. */
    static List<SlackMessage> paginate(List<LayoutBlock> blocks, LayoutBlock feedback, String fallback) {
        List<LayoutBlock> all = new ArrayList<>(blocks);
        if (feedback != null) {
            all.add(feedback);
        }
        List<SlackMessage> messages = new ArrayList<>();
        for (int start = 0; start < all.size(); start += MAX_BLOCKS) {
            List<LayoutBlock> page = all.subList(start, Math.min(all.size(), start + MAX_BLOCKS));
            String text = messages.isEmpty() ? fallback : "(continued " + (messages.size() + 1) + ")";
            messages.add(new SlackMessage(text, page));
        }
        if (messages.isEmpty()) {
            messages.add(new SlackMessage(fallback, List.of()));
        }
        return messages;
    }

    private static String blockId(LayoutBlock block) {
        if (block instanceof ContextActionsBlock c) {
            return c.getBlockId();
        }
        return block instanceof ActionsBlock a ? a.getBlockId() : null;
    }
}
