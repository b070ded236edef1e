package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

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

class MarkdownRendererTest {

    private static Section section(int n) {
        return new Section("price-war.md#" + n, "price-war.md", "AI大模型创业：如何应对未来价格战？",
                List.of("第" + n + "章：定价", n + ".1 价格战的应对"), "", 1, 2, SectionKind.BODY);
    }

    private static Reply answer(int groups, int sentencesPerGroup, int sentenceChars) {
        List<CitedGroup> cited = new ArrayList<>();
        for (int g = 1; g <= groups; g++) {
            List<String> sentences = new ArrayList<>();
            for (int s = 0; s < sentencesPerGroup; s++) {
                sentences.add(("价格战中要守住利润底线" + g + "。").repeat(Math.max(1, sentenceChars / 13)));
            }
            cited.add(new CitedGroup(section(g), sentences));
        }
        Answer answer = new Answer("价格战怎么打？", Language.ZH, true, "知识库中的相关内容：", cited, List.of(),
                List.of("定价策略有哪些要点？", "如何评估价格战的风险？"), List.of());
        return new Reply(ReplyKind.ANSWER, "plain text", answer, null, null);
    }

    @Test
    void shortAnswerIsOneMessageWithTitleMentionQuotesCitationsAndFollowUps() {
        List<MarkdownMessage> messages = new MarkdownRenderer().render(answer(2, 2, 20), "manager4821");

        assertThat(messages).hasSize(1);
        MarkdownMessage m = messages.get(0);
        assertThat(m.title()).isEqualTo("价格战怎么打？");
        assertThat(m.atUserIds()).containsExactly("manager4821");
        assertThat(m.text()).isEqualTo("""
                #### 价格战怎么打？

                @manager4821

                知识库中的相关内容：

                - 价格战中要守住利润底线1。 [1]
                - 价格战中要守住利润底线1。 [1]
                - 价格战中要守住利润底线2。 [2]
                - 价格战中要守住利润底线2。 [2]

                **出处：**

                - [1] 《AI大模型创业：如何应对未来价格战？》 › 第1章：定价 › 1.1 价格战的应对
                - [2] 《AI大模型创业：如何应对未来价格战？》 › 第2章：定价 › 2.1 价格战的应对

                **你还可以问：**

                - 定价策略有哪些要点？
                - 如何评估价格战的风险？""");
    }

    @Test
    void longAnswerIsSplitIntoNumberedMessagesWithinTheLimitMentioningOnce() {
        List<MarkdownMessage> messages = new MarkdownRenderer().render(answer(12, 6, 120), "manager4821");

        assertThat(messages).hasSizeGreaterThan(1);
        int n = messages.size();
        for (int i = 0; i < n; i++) {
            MarkdownMessage m = messages.get(i);
            assertThat(m.text().length()).isLessThanOrEqualTo(MarkdownRenderer.MAX_TEXT_CHARS);
            assertThat(m.text().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(20 * 1024);
            assertThat(m.title()).isEqualTo("价格战怎么打？ (" + (i + 1) + "/" + n + ")");
            assertThat(m.text()).startsWith("#### 价格战怎么打？ (" + (i + 1) + "/" + n + ")\n\n");
            assertThat(m.atUserIds()).isEqualTo(i == 0 ? List.of("manager4821") : List.of());
            assertThat(m.text().contains("@manager4821")).isEqualTo(i == 0);
        }
        String all = String.join("\n", messages.stream().map(MarkdownMessage::text).toList());
        for (int g = 1; g <= 12; g++) {
            assertThat(all).contains("- [" + g + "] 《AI大模型创业：如何应对未来价格战？》 › 第" + g + "章：定价 › " + g + ".1 价格战的应对");
        }
        assertThat(messages.get(n - 1).text()).endsWith("- 如何评估价格战的风险？");
    }

    @Test
    void blockLongerThanAMessageIsCutBetweenCharactersNeverInsideASurrogatePair() {
        String huge = "😀".repeat(1500) + "\n" + "长".repeat(900);
        List<MarkdownMessage> messages = new MarkdownRenderer(500).notice("startup-coach", huge, null);

        assertThat(messages).hasSizeGreaterThan(3);
        for (MarkdownMessage m : messages) {
            assertThat(m.text().length()).isLessThanOrEqualTo(500);
            assertThat(Character.isHighSurrogate(m.text().charAt(m.text().length() - 1))).isFalse();
        }
        String joined = messages.stream().map(m -> m.text().substring(m.text().indexOf("\n\n") + 2))
                .reduce("", String::concat);
        assertThat(joined.replace("\n", "")).isEqualTo(huge.replace("\n", ""));
    }

    @Test
    void plainRepliesBecomeParagraphsAndListsWithoutCodeFencesOrHtmlLikeTags() {
        Reply help = Reply.of(ReplyKind.HELP, """
                Ask me anything, e.g.
                  价格战怎么打？
                Commands:
                  source <citation> — the full text
                ```
                • 《大模型创业的风险与机遇》""");

        String text = new MarkdownRenderer().render(help, null).get(0).text();

        assertThat(text).isEqualTo("""
                #### startup-coach 使用帮助 · help

                Ask me anything, e.g.

                - 价格战怎么打？

                Commands:

                - source ‹citation› — the full text

                - 《大模型创业的风险与机遇》""");
    }

    @Test
    void noteIsShownAboveTheAnswer() {
        Reply reply = answer(1, 1, 10);
        Reply noted = new Reply(reply.kind(), reply.text(), reply.answer(), null, "Your message is long;\nI answered its first part.");

        String text = new MarkdownRenderer().render(noted, null).get(0).text();

        assertThat(text).startsWith("#### 价格战怎么打？\n\n> Your message is long; I answered its first part.\n\n知识库中的相关内容：");
    }

    @Test
    void languageModelProseComesBeforeItsNumberedSourcesWithoutTablesOrCode() {
        Answer a = new Answer("价格战怎么打？", Language.ZH, true, "根据知识库中的 2 个章节（出处见下）：",
                List.of(new CitedGroup(section(1), List.of()), new CitedGroup(section(2), List.of())), List.of(), List.of(),
                List.of(), "先守住**利润底线** [1]。\n\n| 做法 | 原因 |\n|---|---|\n| 差异化 | 避免比价 |\n\n```\ncode\n```\n再比拼价值 [2]。",
                "（语言模型回答较慢。）");

        String text = new MarkdownRenderer().render(new Reply(ReplyKind.ANSWER, "plain", a, null, null), null).get(0).text();

        assertThat(text).isEqualTo("""
                #### 价格战怎么打？

                > （语言模型回答较慢。）

                根据知识库中的 2 个章节（出处见下）：

                先守住**利润底线** [1]。

                做法 · 原因
                差异化 · 避免比价

                code
                再比拼价值 [2]。

                **出处：**

                - [1] 《AI大模型创业：如何应对未来价格战？》 › 第1章：定价 › 1.1 价格战的应对
                - [2] 《AI大模型创业：如何应对未来价格战？》 › 第2章：定价 › 2.1 价格战的应对""");
    }
}
