package startupcoach.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Parser behaviour on the five shipped documents. */
class MarkdownParserRealFilesTest {

    static final List<String> FILES = RealKnowledge.FILES;

    @Test
    void nestsHeadingsByLevelWithoutTheTitleHeading() {
        assertThat(RealKnowledge.body("brand-advantage.md", "4.2.1 项目目标设定").headingPath()).containsExactly(
                "第二部分：AI大模型在创业中的应用", "第4章：AI大模型创业实践", "第4.2节：AI大模型创业项目规划",
                "4.2.1 项目目标设定");
        assertThat(RealKnowledge.body("price-war.md", "5.2 市场风险").headingPath())
                .containsExactly("第5章：AI大模型创业风险控制", "5.2 市场风险");
        assertThat(RealKnowledge.body("risks-and-opportunities.md", "2.4.3 财务风险的案例分析").headingPath())
                .containsExactly("第二部分：大模型创业中的风险", "2.4 财务风险", "2.4.3 财务风险的案例分析");
    }

    @ParameterizedTest
    @FieldSource("FILES")
    void neverPutsTheDocumentTitleIntoAHeadingPath(String file) {
        String title = HeadingText.normalise(RealKnowledge.document(file).title());
        for (Section section : RealKnowledge.sections(file)) {
            assertThat(section.headingPath()).as(section.id())
                    .noneMatch(h -> HeadingText.normalise(HeadingText.cleanTitle(h)).equals(title));
        }
    }

    @Test
    void handlesAChapterWrittenOneLevelAboveItsSectionsAndSiblingsAtDifferentLevels() {
        // sustainable: "##### 第2章" with "###### 2.1 …" and "###### 2.1.2 …" children at one level.
        assertThat(RealKnowledge.body("sustainable-business-models.md", "2.1.2 商业模式分类").headingPath())
                .containsExactly("第二部分：商业模式构建", "第2章：构建可持续的AI大模型商业模式", "2.1.2 商业模式分类");
        // future: "### 1.4" follows "##### 1.3" and so is a sibling of "### 第一部分".
        assertThat(RealKnowledge.body("future-opportunities.md", "1.3 AI大模型的发展前景与机遇").headingPath())
                .hasSize(3);
        assertThat(RealKnowledge.body("future-opportunities.md", "1.4 AI大模型的关键概念与联系").headingPath())
                .containsExactly("1.4 AI大模型的关键概念与联系");
        // "###### 3.2.1" sits under "##### 3.2", which sits under "#### 3.1" by level.
        assertThat(RealKnowledge.body("future-opportunities.md", "3.2.1 GPT系列模型").headingPath()).containsExactly(
                "第3章：大规模预训练模型原理与实践", "3.1 预训练的概念与意义", "3.2 主流大规模预训练模型分析",
                "3.2.1 GPT系列模型");
    }

    @ParameterizedTest
    @FieldSource("FILES")
    void givesSectionsOrdinalIdsAndTheLinesOfTheirHeadings(String file) {
        List<Section> sections = RealKnowledge.sections(file);
        int previousStart = 0;
        for (int i = 0; i < sections.size(); i++) {
            Section s = sections.get(i);
            assertThat(s.id()).isEqualTo(file + "#" + i);
            assertThat(s.fileName()).isEqualTo(file);
            assertThat(s.startLine()).isGreaterThanOrEqualTo(previousStart);
            assertThat(s.endLine()).isGreaterThanOrEqualTo(s.startLine());
            if (!s.heading().equals(MarkdownParser.TITLE_BLOCK_HEADING)) {
                assertThat(RealKnowledge.line(file, s.startLine())).as(s.id()).contains("# " + s.heading());
            }
            previousStart = s.startLine();
        }
    }

    @ParameterizedTest
    @FieldSource("FILES")
    void keepsEveryTextLineVerbatimFromTheFile(String file) {
        Set<String> fileLines = new HashSet<>(List.of(RealKnowledge.content(file).replace("<|im_end|>", "\n").split("\n")));
        Set<String> trimmed = new HashSet<>();
        fileLines.forEach(l -> trimmed.add(l.stripTrailing()));
        for (Section s : RealKnowledge.sections(file)) {
            for (String line : s.text().split("\n")) {
                if (!line.isEmpty()) {
                    assertThat(trimmed).as("line of %s", s.id()).contains(line);
                }
            }
        }
    }

    @Test
    void repeatedHeadingTextsGetDistinctSectionsWithOneBodyCopy() {
        String file = "price-war.md";
        List<Section> copies = RealKnowledge.withHeading(file, "第5章：AI大模型创业风险控制");
        assertThat(copies).hasSize(2);
        assertThat(copies).extracting(Section::kind).containsExactly(SectionKind.OUTLINE, SectionKind.BODY);
        assertThat(copies.get(0).id()).isNotEqualTo(copies.get(1).id());
        assertThat(RealKnowledge.sections(file)).extracting(Section::id).doesNotHaveDuplicates();
        // Same heading text, different sections: the two "架构详解" headings differ only in number.
        assertThat(RealKnowledge.body(file, "2.2 AI大模型架构详解").text())
                .isNotEqualTo(RealKnowledge.body(file, "2.3 AI大模型架构详解").text());
    }

    @Test
    void treatsHashLinesInsideFencesAsCodeNotHeadings() {
        List<Section> brand = RealKnowledge.sections("brand-advantage.md");
        assertThat(brand).extracting(Section::heading)
                .doesNotContain("前向传播", "反向传播", "Word2Vec算法示例", "LSTM算法示例", "BERT预训练示例");
        assertThat(RealKnowledge.body("brand-advantage.md", "2.1.3 前向传播与反向传播算法").text())
                .doesNotContain("# 前向传播").contains("前向传播");
    }

    @ParameterizedTest
    @FieldSource("FILES")
    void leavesFencedBlocksOutOfSectionText(String file) {
        for (Section s : RealKnowledge.sections(file)) {
            assertThat(s.text()).as(s.id()).doesNotContain("```", "-->", "\\begin{");
            // Inline code such as `import tensorflow as tf` is prose; a line of code is not.
            assertThat(s.text().lines().map(String::strip)).as(s.id())
                    .noneMatch(l -> l.startsWith("import ") || l.startsWith("def ") || l.startsWith("graph ")
                            || l.startsWith("from ") || l.startsWith("model.") || l.equals("$$"));
        }
    }

    @Test
    void dropsMermaidAndLatexFromBrandAdvantage() {
        String text = RealKnowledge.body("brand-advantage.md", "1.2.1 GPT系列模型").text();
        assertThat(text).startsWith("GPT（Generative Pre-trained Transformer）").doesNotContain("A[输入文本]");
        assertThat(RealKnowledge.body("brand-advantage.md", "2.1.2 激活函数").text()).doesNotContain("$$", "sigma");
    }

    @Test
    void unclosedFenceInPriceWarDoesNotSwallowTheRestOfTheDocument() {
        String file = "price-war.md";
        for (String heading : List.of("8.4 项目评估与优化", "第9章：AI大模型创业资源整合", "9.1 技术资源整合",
                "9.2 人力资源整合", "9.3 资金资源整合", "9.4 市场资源整合", "第10章：AI大模型创业案例分析与实践",
                "10.1 案例一：某创业公司AI大模型应用实践", "10.3 启示与经验总结", "附录A：AI大模型开发工具与资源",
                "10.2 PyTorch实践技巧", "附录B：参考文献与推荐阅读")) {
            assertThat(RealKnowledge.body(file, heading).startLine()).isGreaterThan(715);
        }
        Section codeSection = RealKnowledge.body(file, "8.3 代码实战与解析");
        // The code is out, the explanation after it (written inside the unclosed fence) is prose.
        assertThat(codeSection.text()).doesNotContain("import tensorflow", "model.fit")
                .contains("**加载BERT模型和Tokenizer**：首先");
        assertThat(RealKnowledge.parsed(file).warnings()).singleElement().asString()
                .contains("price-war.md:715").contains("never closed");
    }

    @Test
    void splitsHeadingsGluedAfterImEnd() {
        String file = "sustainable-business-models.md";
        record Glued(int line, String heading) { }
        for (Glued g : List.of(new Glued(275, "第一部分：AI大模型基础"), new Glued(413, "第二部分：商业模式构建"),
                new Glued(494, "第三部分：技术落地与实施"), new Glued(585, "第四部分：未来展望"),
                new Glued(697, "附录"), new Glued(773, "总结"), new Glued(789, "附录A: AI大模型创业资源汇总"),
                new Glued(877, "附录B: AI大模型创业案例解析"))) {
            Section s = RealKnowledge.body(file, g.heading());
            assertThat(s.startLine()).isEqualTo(g.line());
            assertThat(s.headingPath()).containsExactly(g.heading());
        }
        // The text before the token stays with the section it ends.
        assertThat(RealKnowledge.body(file, "1.3.3 语音识别与生成").text()).endsWith("敬请期待！");
        for (String f : FILES) {
            assertThat(RealKnowledge.sections(f)).allSatisfy(s -> assertThat(s.text()).doesNotContain("<|"));
        }
    }

    @Test
    void keepsEmptySectionsThatOnlyOpenAChapter() {
        Section part = RealKnowledge.body("risks-and-opportunities.md", "第二部分：大模型创业中的风险");
        assertThat(part.text()).isEmpty();
        assertThat(part.endLine()).isEqualTo(part.startLine());
    }
}
