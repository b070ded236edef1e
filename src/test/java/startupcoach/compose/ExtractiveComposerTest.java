package startupcoach.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.SectionKind;
import startupcoach.retrieve.AbstainRule;
import startupcoach.retrieve.Bm25Retriever;
import startupcoach.retrieve.Glossary;
import startupcoach.retrieve.IndexProgress;
import startupcoach.retrieve.Language;
import startupcoach.retrieve.PassageIndex;
import startupcoach.retrieve.QueryBuilder;
import startupcoach.retrieve.TextAnalysis;

class ExtractiveComposerTest {

    @TempDir
    static Path data;
    private static PassageIndex index;
    private static Bm25Retriever retriever;
    private static ExtractiveComposer composer;

    @BeforeAll
    static void setUp() {
        KnowledgeBase kb = KnowledgeBase.load(Path.of("knowledge"));
        TextAnalysis analysis = new TextAnalysis();
        index = PassageIndex.openOrBuild(data, kb, analysis, IndexProgress.SILENT);
        retriever = Bm25Retriever.create(index, analysis, Glossary.load(Path.of("knowledge")));
        composer = new ExtractiveComposer(analysis, new FollowUps(kb));
    }

    @AfterAll
    static void tearDown() throws Exception {
        index.close();
    }

    private Answer answer(String question) {
        return composer.compose(retriever.search(question, 5));
    }

    @Test
    void quotesSentencesVerbatimFromTheCitedBodySections() {
        Answer a = answer("客户需求变来变去，这种风险怎么控制");
        assertThat(a.covered()).isTrue();
        assertThat(a.groups()).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        for (CitedGroup g : a.groups()) {
            assertThat(g.section().kind()).isEqualTo(SectionKind.BODY);
            assertThat(g.citation()).startsWith("《" + g.section().docTitle() + "》 › ");
            assertThat(g.sentences()).isNotEmpty().allSatisfy(s -> assertThat(g.section().text()).contains(s));
        }
    }

    @Test
    void answerIsShortEnoughForAChatWindow() {
        String text = new PlainTextRenderer().render(answer("价格战怎么打？"));
        assertThat(text.length()).isLessThan(2000);
    }

    @Test
    void suggestsTwoOrThreeFollowUps() {
        Answer a = answer("品牌建设具体怎么做");
        assertThat(a.followUps()).hasSizeBetween(2, 3);
        assertThat(a.followUps()).allSatisfy(f -> assertThat(f).endsWith("有哪些要点？"));
    }

    @Test
    void englishQuestionGetsAnEnglishLeadAndChineseQuotes() {
        Answer a = answer("How should we price our product against competitors?");
        assertThat(a.language()).isEqualTo(Language.EN);
        assertThat(a.lead()).contains("the knowledge base recommends").doesNotContainPattern("\\p{IsHan}");
        assertThat(a.followUps()).allSatisfy(f -> assertThat(f).startsWith("What does the knowledge base say about"));
    }

    @Test
    void uncoveredQuestionSaysSoAndNamesTheClosestTopics() {
        Answer a = answer("量子计算芯片的制造工艺");
        assertThat(a.covered()).isFalse();
        assertThat(a.groups()).isEmpty();
        assertThat(a.lead()).startsWith("知识库没有涉及这个问题");
        String text = new PlainTextRenderer().render(a);
        assertThat(text).contains("知识库没有涉及这个问题");
    }
}
