package startupcoach.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The knowledge base built from the shipped {@code knowledge/} directory. */
class KnowledgeBaseTest {

    private static KnowledgeBase kb;

    @BeforeAll
    static void load() {
        kb = KnowledgeBase.load(RealKnowledge.DIR);
    }

    private static Section only(String citation) {
        return kb.findSection(citation).orElseThrow(() -> new AssertionError("no section for " + citation));
    }

    @Test
    void loadsTheFiveDocumentsInFileNameOrder() {
        assertThat(kb.documents()).extracting(Document::fileName).containsExactlyElementsOf(RealKnowledge.FILES);
        assertThat(kb.documents()).extracting(Document::title).containsExactly(
                "AI大模型创业：如何利用品牌优势？", "AI大模型创业：如何抓住未来机遇？", "AI大模型创业：如何应对未来价格战？",
                "大模型创业的风险与机遇", "AI大模型创业：如何构建未来可持续的商业模式？");
        int sections = kb.documents().stream().mapToInt(d -> d.sections().size()).sum();
        assertThat(kb.sections()).hasSize(sections);
        // Only the repaired fence is worth a warning in the shipped files.
        assertThat(kb.warnings()).singleElement().asString().startsWith("price-war.md:715");
    }

    @Test
    void passagesComeFromAllSectionsAndCitablePassagesFromBodyOnly() {
        assertThat(kb.passages()).extracting(p -> p.section().kind()).contains(SectionKind.OUTLINE,
                SectionKind.FRONT_MATTER, SectionKind.BODY);
        assertThat(kb.citablePassages()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.section().kind()).isEqualTo(SectionKind.BODY));
        assertThat(kb.passages()).extracting(Passage::id).doesNotHaveDuplicates();
    }

    @Test
    void contentHashIsAStableSha256() {
        assertThat(kb.contentHash()).matches("[0-9a-f]{64}");
        assertThat(KnowledgeBase.load(RealKnowledge.DIR).contentHash()).isEqualTo(kb.contentHash());
    }

    @Test
    void findsSectionsById() {
        Section first = kb.sections().get(0);
        assertThat(kb.section(first.id())).contains(first);
        assertThat(kb.section("price-war.md#9999")).isEmpty();
        assertThat(only("price-war.md#3")).isSameAs(kb.section("price-war.md#3").orElseThrow());
    }

    @Test
    void everyBodyCitationResolvesBackToItsSection() {
        for (Section section : kb.sections()) {
            if (section.kind() == SectionKind.BODY) {
                Section found = only(section.citation());
                assertThat(found.kind()).isEqualTo(SectionKind.BODY);
                assertThat(found.citation()).isEqualTo(section.citation());
            }
        }
    }

    @Test
    void resolvesHandTypedCitations() {
        Section marketRisk = RealKnowledge.body("price-war.md", "5.2 市场风险");
        assertThat(only("price-war.md › 5.2 市场风险").id()).isEqualTo(marketRisk.id());
        assertThat(only("《AI大模型创业：如何应对未来价格战？》 > 第5章：AI大模型创业风险控制 > 5.2 市场风险").id())
                .isEqualTo(marketRisk.id());
        assertThat(only("4.4.3").heading()).isEqualTo("4.4.3 大模型产品的商业化路径");
        assertThat(only("《大模型创业的风险与机遇》 › 2.4 财务风险").heading()).isEqualTo("2.4 财务风险");
        // A path that skips the part level still finds the section.
        assertThat(only("《AI大模型创业：如何利用品牌优势？》 › 第4章：AI大模型创业实践 › 4.2.1 项目目标设定").fileName())
                .isEqualTo("brand-advantage.md");
        assertThat(only("商业化路径").heading()).isEqualTo("4.4.3 大模型产品的商业化路径");
    }

    @Test
    void prefersTheBodyOverAnOutlineCopyWithTheSameHeading() {
        Section chapter = only("第5章：AI大模型创业风险控制");
        assertThat(chapter.kind()).isEqualTo(SectionKind.BODY);
        assertThat(chapter.startLine()).isEqualTo(404);
        // The outline spells it with an ASCII colon; the body copy still wins.
        Section part = only("sustainable-business-models.md › 第一部分: AI大模型基础");
        assertThat(part.kind()).isEqualTo(SectionKind.BODY);
        assertThat(part.startLine()).isEqualTo(275);
        List<Section> all = kb.findSections("第5章");
        assertThat(all.get(0).kind()).isEqualTo(SectionKind.BODY);
        assertThat(all).extracting(Section::kind).contains(SectionKind.OUTLINE);
    }

    @Test
    void findsNothingForBlankOrUnknownCitations() {
        assertThat(kb.findSection("")).isEmpty();
        assertThat(kb.findSection("   ")).isEmpty();
        assertThat(kb.findSection(null)).isEmpty();
        assertThat(kb.findSection("《不存在的文档》 › 第1章")).isEmpty();
        assertThat(kb.findSection("nope.md › 5.2 市场风险")).isEmpty();
        assertThat(kb.findSection("量子引力")).isEmpty();
    }

    @Test
    void topicsListTitlesAndTopLevelBodyChapters() {
        List<Topic> topics = kb.topics();
        assertThat(topics).extracting(Topic::fileName).containsExactlyElementsOf(RealKnowledge.FILES);
        assertThat(topics.get(2).chapters()).startsWith("第1章：AI大模型与创业关系概述", "第2章：AI大模型技术基础")
                .contains("第10章：AI大模型创业案例分析与实践").hasSize(12);
        assertThat(topics.get(3).chapters()).containsExactly("第一部分：大模型创业背景", "第二部分：大模型创业中的风险",
                "第三部分：大模型创业中的机遇", "第四部分：大模型创业实践", "附录");
        for (Topic topic : topics) {
            assertThat(topic.chapters()).as(topic.fileName()).isNotEmpty().hasSizeLessThanOrEqualTo(12)
                    .doesNotHaveDuplicates()
                    .noneMatch(h -> h.contains("目录") || h.contains("文章") || h.contains("作者"));
        }
        assertThat(topics.get(4).chapters()).startsWith("第一部分：AI大模型基础");
    }
}
