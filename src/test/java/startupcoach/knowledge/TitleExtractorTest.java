package startupcoach.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TitleExtractorTest {

    private static TitleExtractor.DocumentTitle title(String fileName, String content) {
        return TitleExtractor.extract(fileName, MarkdownLines.scan(fileName, content, new ArrayList<>()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // # heading
        "brand-advantage.md             | AI大模型创业：如何利用品牌优势？",
        // ### 文章标题 followed by a quoted line
        "future-opportunities.md        | AI大模型创业：如何抓住未来机遇？",
        // 《…》 inside ### 《…》文章关键词
        "price-war.md                   | AI大模型创业：如何应对未来价格战？",
        // ### 《…》
        "risks-and-opportunities.md     | 大模型创业的风险与机遇",
        // # 《…》
        "sustainable-business-models.md | AI大模型创业：如何构建未来可持续的商业模式？"})
    void findsTheTitleOfEachShippedDocument(String fileName, String expected) {
        assertThat(title(fileName, RealKnowledge.content(fileName)).text()).isEqualTo(expected);
        assertThat(RealKnowledge.document(fileName).title()).isEqualTo(expected);
    }

    @Test
    void titleHeadingIsRememberedOnlyWhenTheHeadingIsTheTitle() {
        List<SourceLine> brand = MarkdownLines.scan("b", RealKnowledge.content("brand-advantage.md"), new ArrayList<>());
        int index = title("brand-advantage.md", RealKnowledge.content("brand-advantage.md")).lineIndex();
        assertThat(brand.get(index).heading()).isEqualTo("AI大模型创业：如何利用品牌优势？");
        // price-war's title sits inside the keywords heading, which stays a heading of its own.
        assertThat(title("price-war.md", RealKnowledge.content("price-war.md")).lineIndex()).isEqualTo(-1);
    }

    @Test
    void fallsBackToTheFirstBookTitleNearTheTop() {
        assertThat(title("notes.md", "本文是《创业者手册》的读书笔记。\n\n## 第1章\n正文").text()).isEqualTo("创业者手册");
    }

    @Test
    void fallsBackToTheFileNameWithoutExtension() {
        assertThat(title("pricing-notes.md", "## 定价\n按价值定价。").text()).isEqualTo("pricing-notes");
    }

    @Test
    void ignoresLevelOneHeadingsWhenTheyAreChapters() {
        // Several # headings are chapters, not a title.
        assertThat(title("guide.md", "# 第1章 融资\n正文\n# 第2章 团队\n正文").text()).isEqualTo("guide");
    }

    @Test
    void ignoresHashCommentsInCodeAtTheTop() {
        assertThat(title("code.md", "```python\n# 训练脚本\n```\n《真正的标题》").text()).isEqualTo("真正的标题");
    }
}
