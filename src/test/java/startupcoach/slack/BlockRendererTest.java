package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextActionsBlock;
import com.slack.api.model.block.MarkdownBlock;
import com.slack.api.model.block.element.FeedbackButtonsElement;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import startupcoach.coach.Reply;
import startupcoach.coach.ReplyKind;
import startupcoach.compose.Answer;
import startupcoach.compose.CitedGroup;
import startupcoach.knowledge.Section;
import startupcoach.knowledge.SectionKind;
import startupcoach.retrieve.Language;

class BlockRendererTest {

    /** The section layout (markdown block off): what answers longer than 12,000 characters get anyway. */
    private final BlockRenderer renderer = new BlockRenderer(false);
    private final BlockRenderer markdown = new BlockRenderer();

    private static Section section(int n) {
        return new Section("doc.md#" + n, "doc.md", "定价手册", List.of("第" + n + "章", n + ".1 价格战"), "正文", 1, 2, SectionKind.BODY);
    }

    private static Reply answer(int groups, String sentence) {
        List<CitedGroup> cited = new ArrayList<>();
        for (int i = 1; i <= groups; i++) {
            cited.add(new CitedGroup(section(i), List.of(sentence)));
        }
        Answer a = new Answer("价格战怎么打？", Language.ZH, true, "知识库中的相关内容：", cited, List.of(),
                List.of("融资有哪些要点？"), List.of());
        return new Reply(ReplyKind.ANSWER, "plain text fallback", a, null, null);
    }

    private static String text(LayoutBlock b) {
        if (b instanceof SectionBlock s) {
            return s.getText().getText();
        }
        if (b instanceof ContextBlock c) {
            return ((MarkdownTextObject) c.getElements().get(0)).getText();
        }
        return "";
    }

    @Test
    void quotesConvertMarkdownBoldToSlackBoldAndEscapeControlCharacters() {
        SlackMessage m = renderer.render(answer(1, "**价格战**的核心是 <成本> & 效率")).get(0);
        String quote = text(m.blocks().get(1));
        assertThat(quote).isEqualTo("• *价格战*的核心是 &lt;成本&gt; &amp; 效率 [1]");
        assertThat(text(m.blocks().get(2))).isEqualTo("[1] 《定价手册》 › 第1章 › 1.1 价格战");
        assertThat(((SectionBlock) m.blocks().get(2)).getAccessory()).isNotNull();
        assertThat(m.blocks().get(m.blocks().size() - 1)).isInstanceOf(ContextActionsBlock.class);
        assertThat(m.text()).isEqualTo("plain text fallback");
    }

    @Test
    void aLongQuoteIsSplitIntoSectionsOfAtMost3000Characters() {
        String longSentence = "这是一句很长的话，".repeat(800);
        List<SlackMessage> messages = renderer.render(answer(1, longSentence));
        assertThat(messages).hasSize(1);
        List<LayoutBlock> sections = messages.get(0).blocks().stream().filter(SectionBlock.class::isInstance).toList();
        assertThat(sections.size()).isGreaterThanOrEqualTo(3);
        sections.forEach(s -> assertThat(text(s).length()).isLessThanOrEqualTo(BlockRenderer.MAX_SECTION_CHARS));
        String joined = String.join("", sections.stream().map(BlockRendererTest::text).toList());
        assertThat(joined.replace("> ", "").replace("\n", "")).contains(longSentence.substring(0, 5000));
    }

    @Test
    void moreThanFiftyBlocksBecomeSeveralMessagesWithTheButtonsOnTheLast() {
        List<SlackMessage> messages = renderer.render(answer(60, "一句话。"));
        assertThat(messages).hasSizeGreaterThan(1);
        messages.forEach(m -> assertThat(m.blocks().size()).isLessThanOrEqualTo(BlockRenderer.MAX_BLOCKS));
        messages.forEach(m -> assertThat(m.text()).isNotBlank());
        for (int i = 0; i < messages.size() - 1; i++) {
            assertThat(messages.get(i).blocks()).noneMatch(ContextActionsBlock.class::isInstance);
        }
        List<LayoutBlock> last = messages.get(messages.size() - 1).blocks();
        assertThat(last.get(last.size() - 1)).isInstanceOf(ContextActionsBlock.class);
        int total = messages.stream().mapToInt(m -> m.blocks().size()).sum();
        // The lead, one section of points, one section per source, the follow-ups, the feedback row.
        assertThat(total).isEqualTo(1 + 1 + 60 + 1 + 1);
    }

    @Test
    void thankingReplacesOnlyTheFeedbackRow() {
        List<LayoutBlock> blocks = renderer.render(answer(2, "一句话。")).get(0).blocks();
        List<LayoutBlock> thanked = BlockRenderer.thank(blocks, false);
        assertThat(thanked).hasSameSizeAs(blocks).noneMatch(ContextActionsBlock.class::isInstance);
        assertThat(text(thanked.get(thanked.size() - 1))).contains("Thanks for the feedback");
        assertThat(thanked.subList(0, blocks.size() - 1)).isEqualTo(blocks.subList(0, blocks.size() - 1));
    }

    @Test
    void nonAnswersAreEscapedPlainSections() {
        SlackMessage m = renderer.render(Reply.of(ReplyKind.HELP, "source <citation> — a & b")).get(0);
        assertThat(m.blocks()).hasSize(1);
        assertThat(text(m.blocks().get(0))).isEqualTo("source &lt;citation&gt; — a &amp; b");
    }

    @Test
    void splittingNeverCutsAnEscapeOrASurrogatePair() {
        String text = "a".repeat(2998) + "&amp;" + "😀".repeat(10);
        for (String piece : Mrkdwn.split(text, 3000)) {
            assertThat(piece.length()).isLessThanOrEqualTo(3000);
            assertThat(piece).doesNotEndWith("&").doesNotEndWith("&a").doesNotEndWith("&am");
            assertThat(Character.isHighSurrogate(piece.charAt(piece.length() - 1))).isFalse();
        }
        assertThat(String.join("", Mrkdwn.split(text, 3000))).isEqualTo(text);
    }

    @Test
    void feedbackValueStaysWithinSlacksButtonLimit() {
        FeedbackValue v = new FeedbackValue("问".repeat(3000), List.of("《" + "长".repeat(700) + "》", "《b》", "《c》"));
        String encoded = v.encode();
        assertThat(encoded.length()).isLessThanOrEqualTo(FeedbackValue.MAX_CHARS);
        FeedbackValue decoded = FeedbackValue.decode(encoded).orElseThrow();
        assertThat(decoded.question()).hasSize(500);
        assertThat(FeedbackValue.decode("not json")).isEmpty();
    }

    @Test
    void theBotsMentionIsStrippedWherever() {
        assertThat(MessageEvents.stripMention("<@UBOT> 价格战怎么打？", "UBOT")).isEqualTo("价格战怎么打？");
        assertThat(MessageEvents.stripMention("请问 <@UBOT|coach> 价格战", "UBOT")).isEqualTo("请问 价格战");
        assertThat(MessageEvents.stripMention("<@UOTHER> and <@UBOT>", "UBOT")).isEqualTo("<@UOTHER> and");
        assertThat(MessageEvents.stripMention("<@U123ABC> hi", null)).isEqualTo("hi");
        assertThat(Mrkdwn.unescape("a &lt;b&gt; &amp;amp;")).isEqualTo("a <b> &amp;");
    }

    private static Reply llmAnswer(String note) {
        Answer a = new Answer("How do we survive a price war?", Language.EN, true, "Based on 2 sections of the knowledge base (sources below):",
                List.of(new CitedGroup(section(1), List.of()), new CitedGroup(section(2), List.of())), List.of(),
                List.of("How should we price?"), List.of(), "Protect **margins** first [1], then compete on value & service [2].", note);
        return new Reply(ReplyKind.ANSWER, "plain text fallback", a, null, null);
    }

    @Test
    void languageModelProseComesAfterTheLeadAndBeforeItsNumberedSources() {
        List<LayoutBlock> blocks = renderer.render(llmAnswer(null)).get(0).blocks();

        assertThat(blocks.subList(0, 4)).extracting(BlockRendererTest::text).containsExactly(
                "Based on 2 sections of the knowledge base (sources below):",
                "Protect *margins* first [1], then compete on value &amp; service [2].",
                "[1] 《定价手册》 › 第1章 › 1.1 价格战",
                "[2] 《定价手册》 › 第2章 › 2.1 价格战");
        assertThat(blocks.subList(2, 4)).allSatisfy(source -> assertThat(source).isInstanceOfSatisfying(SectionBlock.class,
                section -> assertThat(section.getAccessory()).isNotNull()));
        assertThat(blocks).extracting(BlockRendererTest::text).noneMatch(t -> t.startsWith(">"));
        assertThat(blocks.get(blocks.size() - 1)).isInstanceOf(ContextActionsBlock.class);
    }

    @Test
    void answerNoteIsShownFirst() {
        Answer quotes = answer(1, "价格战要守住利润底线").answer().withNote("(The language model was unavailable; showing quotes instead.)");
        List<LayoutBlock> blocks = renderer.render(new Reply(ReplyKind.ANSWER, "fallback", quotes, null, null)).get(0).blocks();

        assertThat(blocks.get(0)).isInstanceOf(ContextBlock.class);
        assertThat(text(blocks.get(0))).isEqualTo(":information_source: (The language model was unavailable; showing quotes instead.)");
        assertThat(text(blocks.get(1))).isEqualTo("知识库中的相关内容：");
        assertThat(text(blocks.get(2))).isEqualTo("• 价格战要守住利润底线 [1]");
        assertThat(text(renderer.render(llmAnswer("A note.")).get(0).blocks().get(0))).isEqualTo(":information_source: A note.");
    }

    @Test
    void anAnswerThatFitsIsOneMarkdownBlockWithSectionButtonsAndNativeFeedback() {
        List<SlackMessage> messages = markdown.render(answer(2, "**价格战**的核心是 <成本> & 效率"));

        assertThat(messages).hasSize(1);
        List<LayoutBlock> blocks = messages.get(0).blocks();
        assertThat(blocks).hasSize(3);
        String text = ((MarkdownBlock) blocks.get(0)).getText();
        assertThat(text).startsWith("知识库中的相关内容：\n\n- **价格战**的核心是 <成本> & 效率 [1]\n- **价格战**的核心是 <成本> & 效率 [2]\n\n"
                + "**出处：**\n[1] 《定价手册》 › 第1章 › 1.1 价格战\n[2] 《定价手册》 › 第2章 › 2.1 价格战");
        assertThat(blocks.get(1)).isInstanceOfSatisfying(ActionsBlock.class,
                a -> assertThat(a.getElements()).hasSize(2));
        ContextActionsBlock feedback = (ContextActionsBlock) blocks.get(2);
        FeedbackButtonsElement buttons = (FeedbackButtonsElement) feedback.getElements().get(0);
        assertThat(buttons.getActionId()).isEqualTo(BlockRenderer.ACTION_FEEDBACK);
        assertThat(buttons.getPositiveButton().getValue()).startsWith(BlockRenderer.VOTE_UP);
        assertThat(buttons.getNegativeButton().getValue()).startsWith(BlockRenderer.VOTE_DOWN)
                .hasSizeLessThanOrEqualTo(FeedbackValue.MAX_CHARS);
        FeedbackValue rated = FeedbackValue.decode(buttons.getNegativeButton().getValue().substring(BlockRenderer.VOTE_DOWN.length()))
                .orElseThrow();
        assertThat(rated.citations()).containsExactly("《定价手册》 › 第1章 › 1.1 价格战", "《定价手册》 › 第2章 › 2.1 价格战");
    }

    @Test
    void anAnswerLongerThanAMarkdownBlockFallsBackToSections() {
        List<SlackMessage> messages = markdown.render(answer(2, "这是一句很长的话，".repeat(800)));

        assertThat(messages.get(0).blocks()).noneMatch(MarkdownBlock.class::isInstance).anyMatch(SectionBlock.class::isInstance);
        List<LayoutBlock> last = messages.get(messages.size() - 1).blocks();
        assertThat(last.get(last.size() - 1)).isInstanceOf(ContextActionsBlock.class);
    }
}
