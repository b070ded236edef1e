package startupcoach.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.eval.EvalReport;
import startupcoach.eval.EvalSet;
import startupcoach.eval.Evaluator;
import startupcoach.knowledge.KnowledgeBase;

/** The retrieval-quality gate on the shipped knowledge base and the bundled dev set. */
class RetrievalQualityTest {

    @TempDir
    static Path data;
    private static PassageIndex index;
    private static Bm25Retriever bm25;

    @BeforeAll
    static void buildIndex() {
        KnowledgeBase kb = KnowledgeBase.load(Path.of("knowledge"));
        TextAnalysis analysis = new TextAnalysis();
        index = PassageIndex.openOrBuild(data.resolve("index"), kb, analysis, IndexProgress.SILENT);
        bm25 = Bm25Retriever.create(index, analysis, Glossary.load(Path.of("knowledge")));
    }

    @AfterAll
    static void close() throws Exception {
        index.close();
    }

    @Test
    void bm25FindsTheGoldSectionOfChineseQuestionsInTheTopFive() {
        EvalReport report = new Evaluator(bm25).run("bm25", EvalSet.load(null));
        EvalReport.Scores zh = report.scores("zh", o -> o.evalCase().lang().equals("zh"));
        System.out.print(report.table());
        // The README reports this figure (0.88 = 21/24); the reference (jieba BM25) reached 0.79.
        // One question of margin: the gate fails if BM25 falls below 20/24.
        assertThat(zh.recall5()).isGreaterThanOrEqualTo(0.83);
    }

    @Test
    void pricingQuestionCitesAPricingSection() {
        SearchResult result = bm25.search("How should we price our product against competitors?", 5);
        assertThat(result.covered()).isTrue();
        assertThat(result.hits().subList(0, 3)).anySatisfy(h ->
                assertThat(h.passage().section().heading() + h.passage().text()).containsAnyOf("定价", "价格"));
    }

    @Test
    void abstainsOnQuestionsTheKnowledgeBaseDoesNotCover() {
        assertThat(bm25.search("量子计算芯片的制造工艺", 5).covered()).isFalse();
        assertThat(bm25.search("红烧肉怎么做比较好吃？", 5).covered()).isFalse();
    }

    @Test
    void answersQuestionsItCovers() {
        assertThat(bm25.search("价格战怎么打？", 5).covered()).isTrue();
        assertThat(bm25.search("怎么控制市场风险", 5).covered()).isTrue();
    }
}
