package startupcoach.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import startupcoach.knowledge.Passage;
import startupcoach.knowledge.Section;
import startupcoach.knowledge.SectionKind;

/** The ask is separated from the situation, classified by intent and by what specifics it wants. */
class QuestionUnderstandingTest {

    @Test
    void separatesTheSituationFromTheFinalQuestionSentences() {
        QuestionParts parts = QuestionParts.of("我们是一家做宠物用品电商的小团队，去年刚拿到种子轮。最近两家大平台开始免费送同类工具，"
                + "客户流失很快。这种情况下我们该怎么应对？要不要降价？");
        assertThat(parts.ask()).isEqualTo("这种情况下我们该怎么应对？ 要不要降价？");
        assertThat(parts.context()).startsWith("我们是一家做宠物用品电商的小团队").endsWith("客户流失很快。");
    }

    @Test
    void separatesEnglishSituationsToo() {
        QuestionParts parts = QuestionParts.of("We run a tiny agency that builds chatbots for dentists. Two clients left last month "
                + "after a competitor offered the same thing for free. How should we respond?");
        assertThat(parts.ask()).isEqualTo("How should we respond?");
        assertThat(parts.hasContext()).isTrue();
    }

    @Test
    void aShortQuestionIsAllAsk() {
        assertThat(QuestionParts.of("价格战怎么打？").hasContext()).isFalse();
        assertThat(QuestionParts.of("How do we price an AI product?").ask()).isEqualTo("How do we price an AI product?");
    }

    @Test
    void aMessageWithoutAQuestionIsAllAsk() {
        QuestionParts parts = QuestionParts.of("我们做的是城市物流调度的模型，这半年客户越来越多了，人手明显不够。想了解一下团队扩张时的招聘标准。");
        assertThat(parts.hasContext()).isFalse();
    }

    @Test
    void classifiesTheKindOfAnswerWanted() {
        assertThat(Intent.of("我们该怎么应对？")).containsExactly(Intent.HOW);
        assertThat(Intent.of("What can go wrong with this?")).contains(Intent.RISKS);
        assertThat(Intent.of("有没有公司做过类似的事情？")).contains(Intent.EXAMPLES);
        assertThat(Intent.of("什么是模型即服务")).contains(Intent.DEFINITION);
        assertThat(Intent.of("What kinds of technical risk should we watch for, and how do we manage them?"))
                .contains(Intent.RISKS, Intent.HOW);
        assertThat(Intent.of("大模型")).isEmpty();
    }

    @Test
    void anAskForOnlyAFigureOrARuleIsSpecific() {
        assertThat(Specificity.of("港股上市的市值门槛具体是多少？").onlySpecific()).isTrue();
        assertThat(Specificity.of("What is the corporate tax rate in Ireland?").onlySpecific()).isTrue();
        assertThat(Specificity.of("明年哪些AI概念股值得买？").kinds()).contains(Specificity.Kind.SECURITY);
        assertThat(Specificity.of("社保缴费基数怎么申报？").onlySpecific()).isTrue();
    }

    @Test
    void anAskForAFigureBesideGeneralGuidanceIsPartial() {
        Specificity zh = Specificity.of("首年的客单价定在多少合适？定价的时候要考虑哪些因素？");
        assertThat(zh.partial()).isTrue();
        assertThat(zh.specific()).containsExactly("首年的客单价定在多少合适？");
        assertThat(zh.general()).containsExactly("定价的时候要考虑哪些因素？");
        Specificity en = Specificity.of("How many engineers should we hire first, and how should we structure the team?");
        assertThat(en.partial()).isTrue();
        assertThat(en.general()).containsExactly("how should we structure the team?");
    }

    @Test
    void generalQuestionsAreNotSpecific() {
        assertThat(Specificity.of("How do we attract AI talent when we can't match big-tech salaries?").specific()).isEmpty();
        assertThat(Specificity.of("技术门槛太高怎么办").specific()).isEmpty();
        assertThat(Specificity.of("创业要注意哪几个方面？").specific()).isEmpty();
    }

    @Test
    void intentRankingLiftsTheWantedKindAndPushesUnaskedCasesDown() {
        List<Hit> hits = List.of(hit("2.3.3 市场风险的案例分析", 1), hit("2.3.1 市场风险的具体表现", 2),
                hit("2.3.2 市场风险的评估与应对策略", 3));
        List<Hit> how = IntentRanking.rerank(hits, Set.of(Intent.HOW), 3);
        assertThat(how).extracting(h -> h.passage().section().heading())
                .containsExactly("2.3.2 市场风险的评估与应对策略", "2.3.1 市场风险的具体表现", "2.3.3 市场风险的案例分析");
        assertThat(how).extracting(Hit::rank).containsExactly(1, 2, 3);
        List<Hit> cases = IntentRanking.rerank(hits, Set.of(Intent.EXAMPLES), 3);
        assertThat(cases.get(0).passage().section().heading()).isEqualTo("2.3.3 市场风险的案例分析");
        assertThat(IntentRanking.rerank(hits, Set.of(), 2)).extracting(Hit::rank).containsExactly(1, 2);
    }

    private static Hit hit(String heading, int rank) {
        Section s = new Section("r.md#" + rank, "r.md", "风险", List.of("2.3 市场风险", heading), "正文", 1, 2, SectionKind.BODY);
        return new Hit(new Passage(s.id() + "/0", s, 0, "正文"), 1.0 / rank, rank);
    }
}
