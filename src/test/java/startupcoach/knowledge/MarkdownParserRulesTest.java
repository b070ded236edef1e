package startupcoach.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parser rules on small made-up documents, for cases the shipped files do not cover. */
class MarkdownParserRulesTest {

    private final MarkdownParser parser = new MarkdownParser();

    private List<Section> parse(String content) {
        return parser.parse("t.md", content);
    }

    private static List<SectionKind> kinds(List<Section> sections) {
        return sections.stream().map(Section::kind).toList();
    }

    @Test
    void tableOfContentsAtLevelOneEndsWhereTheBodyRepeatsItsHeadings() {
        List<Section> s = parse("# 目录\n## 第1章 融资\n## 第2章 团队\n## 第1章 融资\n融资正文。\n## 第2章 团队\n团队正文。\n");
        assertThat(kinds(s)).containsExactly(SectionKind.OUTLINE, SectionKind.OUTLINE, SectionKind.OUTLINE,
                SectionKind.BODY, SectionKind.BODY);
    }

    @Test
    void condensedOutlineWithoutTocHeadingIsFoundByItsLaterLongerTwin() {
        List<Section> s = parse("## 第1章: 融资\n### 1.1 渠道\n简述。\n## 第2章: 团队\n"
                + "## 第1章：融资\n### 1.1 渠道\n天使投资、风险投资和银行贷款各有条件，下面逐一说明。\n## 第2章：团队\n团队正文很长。\n");
        assertThat(kinds(s)).containsExactly(SectionKind.OUTLINE, SectionKind.OUTLINE, SectionKind.OUTLINE,
                SectionKind.BODY, SectionKind.BODY, SectionKind.BODY);
    }

    @Test
    void genericHeadingRepeatedUnderDifferentChaptersStaysBody() {
        List<Section> s = parse("## 第1章\n### 小结\n短。\n## 第2章\n### 小结\n第二章的小结要长得多。\n");
        assertThat(kinds(s)).containsOnly(SectionKind.BODY);
    }

    @Test
    void laterShorterRepeatDoesNotTurnTheBodyIntoAnOutline() {
        List<Section> s = parse("## 第1章\n很长的正文，讲了很多内容，远比后面的回顾要长。\n## 回顾\n## 第1章\n短。\n");
        assertThat(s.get(0).kind()).isEqualTo(SectionKind.BODY);
    }

    @Test
    void unclosedFenceWithoutHeadingOrProseRunsToTheEnd() {
        List<String> warnings = new java.util.ArrayList<>();
        List<Section> s = parser.parseWithWarnings("t.md", "## 代码\n说明。\n```python\n# 注释\nx = 1\n").document().sections();
        assertThat(s).singleElement().satisfies(sec -> assertThat(sec.text()).isEqualTo("说明。"));
        warnings.addAll(parser.parseWithWarnings("t.md", "## 代码\n```python\nx = 1\n").warnings());
        assertThat(warnings).singleElement().asString().contains("t.md:2").contains("end of the file");
    }

    @Test
    void unclosedFenceEndsAtANewFenceWithInfoString() {
        List<Section> s = parse("## 甲\n```python\nx = 1\n```mermaid\ngraph TD\n```\n## 乙\n乙的正文。\n");
        assertThat(s).extracting(Section::heading).containsExactly("甲", "乙");
        assertThat(s.get(0).text()).isEmpty();
        assertThat(s.get(1).text()).isEqualTo("乙的正文。");
    }

    @Test
    void longerFenceMayContainShorterFencesAndHeadings() {
        List<Section> s = parse("## 示例\n````markdown\n## 不是标题\n```python\nx = 1\n```\n````\n正文。\n");
        assertThat(s).singleElement().satisfies(sec -> assertThat(sec.text()).isEqualTo("正文。"));
    }

    @Test
    void leavesLatexDisplayBlocksOutButKeepsInlineMath() {
        List<Section> s = parse("## 公式\n损失函数如下：\n$$\nL = -\\sum y \\log p\n$$\n其中 $$p$$ 是概率。\n$$ 未闭合\n");
        assertThat(s.get(0).text()).isEqualTo("损失函数如下：\n\n其中 $$p$$ 是概率。\n$$ 未闭合");
        // A stray $$ never swallows the next section.
        List<Section> stray = parse("## 甲\n$$ 开头\n## 乙\n结尾 $$\n");
        assertThat(stray).extracting(Section::heading).containsExactly("甲", "乙");
        assertThat(stray.get(0).text()).isEqualTo("$$ 开头");
    }

    @Test
    void stripsChatTokensWithRoleAndSplitsGluedHeadings() {
        List<Section> s = parse("<|im_start|>assistant\n## 标题\n正文。<|im_end|>## 下一节\n<|endoftext|>\n下一节正文。\n");
        assertThat(s).extracting(Section::heading).containsExactly("标题", "下一节");
        assertThat(s.get(0).text()).isEqualTo("正文。");
        assertThat(s.get(1).text()).isEqualTo("下一节正文。");
        assertThat(s.get(1).startLine()).isEqualTo(3);
    }

    @Test
    void textBeforeTheFirstHeadingBecomesAPreambleSection() {
        List<Section> s = parse("一段导言。\n\n## 第1章\n正文。\n");
        assertThat(s.get(0).headingPath()).containsExactly(MarkdownParser.PREAMBLE_HEADING);
        assertThat(s.get(0).kind()).isEqualTo(SectionKind.BODY);
        assertThat(s.get(1).headingPath()).containsExactly("第1章");

        List<Section> titleOnly = parse("《创业手册》\n\n## 第1章\n正文。\n");
        assertThat(titleOnly.get(0).kind()).isEqualTo(SectionKind.FRONT_MATTER);
        assertThat(titleOnly.get(1).docTitle()).isEqualTo("创业手册");
    }

    @Test
    void documentWithoutHeadingsIsOneSectionAndAnEmptyOneHasNone() {
        assertThat(parse("只有正文。\n第二行。")).singleElement()
                .satisfies(s -> assertThat(s.text()).isEqualTo("只有正文。\n第二行。"));
        assertThat(parse("")).isEmpty();
        assertThat(parse("\n   \n")).isEmpty();
    }

    @Test
    void readsAtxHeadingsTheCommonMarkWay() {
        List<Section> s = parse("\uFEFF## 概述 ##\r\n正文\r\n#不是标题\r\n####### 也不是\r\n### **加粗标题**\r\n");
        assertThat(s).extracting(Section::heading).containsExactly("概述", "加粗标题");
        assertThat(s.get(0).text()).isEqualTo("正文\n#不是标题\n####### 也不是");
        assertThat(s.get(1).headingPath()).containsExactly("概述", "加粗标题");
    }

    @Test
    void titleHeadingIsNobodysParentAndKeepsItsOwnFrontMatterSection() {
        List<Section> s = parse("# 创业手册\n> 摘要：关于创业。\n## 第1章\n正文。\n### 1.1 小节\n正文。\n");
        assertThat(s.get(0).headingPath()).containsExactly(MarkdownParser.TITLE_BLOCK_HEADING);
        assertThat(s.get(0).kind()).isEqualTo(SectionKind.FRONT_MATTER);
        assertThat(s.get(2).headingPath()).containsExactly("第1章", "1.1 小节");
        assertThat(s.get(2).docTitle()).isEqualTo("创业手册");
    }

    @Test
    void dropsThematicBreaksAndCollapsesBlankLines() {
        List<Section> s = parse("## 节\n第一段。\n\n---\n\n\n第二段。\n```\ncode\n```\n第三段。\n");
        assertThat(s.get(0).text()).isEqualTo("第一段。\n\n第二段。\n\n第三段。");
    }
}
