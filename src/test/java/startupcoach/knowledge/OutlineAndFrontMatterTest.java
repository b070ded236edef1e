package startupcoach.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Outline copies and front matter in the shipped documents. */
class OutlineAndFrontMatterTest {

    private static List<Section> ofKind(String file, SectionKind kind) {
        return RealKnowledge.sections(file).stream().filter(s -> s.kind() == kind).toList();
    }

    @Test
    void priceWarTableOfContentsIsOutlineAndEveryChapterHasABodyCopy() {
        String file = "price-war.md";
        List<Section> outline = ofKind(file, SectionKind.OUTLINE);
        assertThat(outline).isNotEmpty().allSatisfy(s -> assertThat(s.startLine()).isBetween(22, 110));
        assertThat(outline.get(0).heading()).endsWith("目录大纲");
        assertThat(outline).extracting(Section::heading).contains("第1章：AI大模型与创业关系概述", "附录");
        for (int chapter = 1; chapter <= 10; chapter++) {
            String prefix = "第" + chapter + "章：";
            List<Section> copies = RealKnowledge.sections(file).stream()
                    .filter(s -> s.heading().startsWith(prefix)).toList();
            assertThat(copies).as(prefix).extracting(Section::kind)
                    .containsExactly(SectionKind.OUTLINE, SectionKind.BODY);
            assertThat(copies.get(1).startLine()).isGreaterThan(110);
        }
    }

    @Test
    void futureOpportunitiesTableOfContentsIsOutline() {
        String file = "future-opportunities.md";
        assertThat(ofKind(file, SectionKind.OUTLINE)).singleElement()
                .satisfies(s -> assertThat(s.heading()).isEqualTo("《AI大模型创业：如何抓住未来机遇？》目录大纲"))
                .satisfies(s -> assertThat(s.text()).contains("第1章：AI大模型的基础概念与产业应用"));
        assertThat(RealKnowledge.body(file, "第1章：AI大模型的基础概念与产业应用").startLine()).isEqualTo(53);
    }

    @Test
    void sustainableCondensedOutlineIsOutlineAndTheBodyAfterItIsBody() {
        String file = "sustainable-business-models.md";
        // Lines 11-275 repeat the chapter headings (with ":" instead of "：") before the body; the
        // sub-sections the body does not repeat (2.3.x, 3.x.x) exist only there and stay citable.
        for (Section s : RealKnowledge.sections(file)) {
            String key = HeadingText.normalise(s.heading());
            boolean repeatedLater = RealKnowledge.sections(file).stream()
                    .anyMatch(o -> o.startLine() > s.startLine() && HeadingText.normalise(o.heading()).equals(key));
            SectionKind expected = s.startLine() < 11 ? SectionKind.FRONT_MATTER
                    : s.startLine() < 275 && (repeatedLater || s.text().isBlank()) ? SectionKind.OUTLINE : SectionKind.BODY;
            assertThat(s.kind()).as("%s %s (line %d)", s.id(), s.heading(), s.startLine()).isEqualTo(expected);
        }
        assertThat(RealKnowledge.body(file, "3.1.1 大模型技术选型").text()).contains("选择合适的大模型技术");
        // Each outline heading that the body repeats (modulo colon width/spaces) has its body copy.
        for (Section outline : ofKind(file, SectionKind.OUTLINE)) {
            String key = HeadingText.normalise(outline.heading());
            boolean repeated = RealKnowledge.sections(file).stream()
                    .anyMatch(s -> s.startLine() > 275 && HeadingText.normalise(s.heading()).equals(key));
            if (repeated) {
                assertThat(RealKnowledge.sections(file)).as(outline.heading())
                        .anyMatch(s -> s.kind() == SectionKind.BODY && s.startLine() >= 275
                                && HeadingText.normalise(s.heading()).equals(key));
            }
        }
        assertThat(RealKnowledge.withHeading(file, "1.1.1 什么是AI大模型")).extracting(Section::kind)
                .containsExactly(SectionKind.OUTLINE, SectionKind.BODY);
        assertThat(RealKnowledge.withHeading(file, "第一部分: AI大模型基础")).extracting(Section::kind)
                .containsExactly(SectionKind.OUTLINE);
        assertThat(RealKnowledge.body(file, "第一部分：AI大模型基础").startLine()).isEqualTo(275);
    }

    @Test
    void documentsWithoutOutlineHaveNoOutlineSections() {
        assertThat(ofKind("brand-advantage.md", SectionKind.OUTLINE)).isEmpty();
        assertThat(ofKind("risks-and-opportunities.md", SectionKind.OUTLINE)).isEmpty();
    }

    @Test
    void marksTitleKeywordsAbstractAndAuthorAsFrontMatter() {
        assertThat(ofKind("brand-advantage.md", SectionKind.FRONT_MATTER)).singleElement().satisfies(s -> {
            assertThat(s.headingPath()).containsExactly(MarkdownParser.TITLE_BLOCK_HEADING);
            assertThat(s.text()).contains("关键词").contains("摘要");
        });
        assertThat(ofKind("future-opportunities.md", SectionKind.FRONT_MATTER)).extracting(Section::heading)
                .containsExactly("文章标题", "文章关键词", "文章摘要");
        assertThat(ofKind("price-war.md", SectionKind.FRONT_MATTER)).extracting(Section::heading).containsExactly(
                "《AI大模型创业：如何应对未来价格战？》文章关键词", "《AI大模型创业：如何应对未来价格战？》文章摘要", "作者信息");
        assertThat(ofKind("risks-and-opportunities.md", SectionKind.FRONT_MATTER)).extracting(Section::heading)
                .containsExactly(MarkdownParser.TITLE_BLOCK_HEADING, "作者信息");
        assertThat(ofKind("sustainable-business-models.md", SectionKind.FRONT_MATTER)).extracting(Section::heading)
                .containsExactly(MarkdownParser.TITLE_BLOCK_HEADING);
    }
}
