package startupcoach.slack;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.MarkdownBlock;
import com.slack.api.model.block.element.BlockElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import startupcoach.compose.Answer;
import startupcoach.compose.CitedGroup;
import startupcoach.knowledge.Section;
import startupcoach.retrieve.Language;

/**
 * An answer as one {@code markdown} block, which Slack renders from standard Markdown (so quotes
 * from the knowledge base stay as they were written), followed by one "Full section" button per
 * cited section. Stateless.
 */
final class AnswerMarkdown {

    static final String SECTIONS_BLOCK_ID = "coach_sections";
    /** Slack shows at most 25 elements in an actions block. */
    private static final int MAX_BUTTONS = 25;

    private AnswerMarkdown() {
    }

    /** The blocks, or empty when the answer's markdown is longer than {@code maxChars}. */
    static Optional<List<LayoutBlock>> blocks(Answer answer, int maxChars) {
        String text = text(answer);
        if (text.length() > maxChars) {
            return Optional.empty();
        }
        return Optional.of(withButtons(text, answer));
    }

    /**
     * What follows a prose answer streamed as the message's text: its sources and follow-ups as one
     * markdown block, then the "Full section" buttons.
     */
    static List<LayoutBlock> afterProse(Answer answer) {
        return withButtons(String.join("\n\n", tail(answer)), answer);
    }

    private static List<LayoutBlock> withButtons(String text, Answer answer) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(MarkdownBlock.builder().text(text).build());
        boolean en = answer.language() == Language.EN;
        List<BlockElement> buttons = answer.groups().stream().map(g -> BlockRenderer.fullSectionButton(g.citation(), en))
                .filter(Objects::nonNull).limit(MAX_BUTTONS).toList();
        if (!buttons.isEmpty()) {
            blocks.add(ActionsBlock.builder().blockId(SECTIONS_BLOCK_ID).elements(buttons).build());
        }
        return blocks;
    }

    static String text(Answer answer) {
        List<String> parts = new ArrayList<>();
        answer.noteIfAny().ifPresent(note -> parts.add("_" + inline(note) + "_"));
        parts.add(answer.lead().strip());
        // The [n] markers of the points or the prose point at the sources, numbered alike.
        if (answer.prose() != null) {
            parts.add(answer.prose().strip());
        } else if (!answer.groups().isEmpty()) {
            parts.add(String.join("\n", answer.numberedPoints().stream().map(p -> "- " + inline(p)).toList()));
        }
        parts.addAll(tail(answer));
        return String.join("\n\n", parts);
    }

    /** The parts after the lead and the points or prose: sources, closest topics, follow-ups. */
    private static List<String> tail(Answer answer) {
        boolean en = answer.language() == Language.EN;
        List<String> parts = new ArrayList<>();
        if (!answer.groups().isEmpty()) {
            parts.add("**" + answer.sourcesHeading() + "**\n" + String.join("\n", answer.numberedSources()));
        }
        if (!answer.closestTopics().isEmpty()) {
            parts.add(String.join("\n", answer.closestTopics().stream().map(Section::citation).map(c -> "- " + c).toList()));
        }
        if (!answer.followUps().isEmpty()) {
            parts.add((en ? "**You could also ask:**\n" : "**你还可以问：**\n")
                    + String.join("\n", answer.followUps().stream().map(q -> "- " + inline(q)).toList()));
        }
        return parts;
    }

    private static String inline(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
