package startupcoach.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.Passage;
import startupcoach.knowledge.Section;
import startupcoach.knowledge.SectionKind;
import startupcoach.retrieve.Hit;
import startupcoach.retrieve.Language;
import startupcoach.retrieve.Query;
import startupcoach.retrieve.Retriever;
import startupcoach.retrieve.SearchResult;

/** Follow-ups read against the last answer; self-contained questions start fresh. On the shipped knowledge base. */
class ConversationalSearchTest {

    private static KnowledgeBase kb;
    private static Section flow;       // 4.1.1 … 流程
    private static Section keySteps;   // 4.1.2 … 关键环节 (its sibling)
    private static Section elsewhere;  // a section of another document
    private static Section other;      // a second cited section of the last answer

    @BeforeAll
    static void load() {
        kb = KnowledgeBase.load(Path.of("knowledge"));
        flow = body("4.1.1 大模型创业实践的流程");
        keySteps = body("4.1.2 大模型创业实践的关键环节");
        elsewhere = kb.sections().stream().filter(s -> s.kind() == SectionKind.BODY && !s.fileName().equals(flow.fileName()))
                .filter(s -> !s.text().isBlank()).findFirst().orElseThrow();
        other = body("4.1.3 大模型创业实践的成功因素");
    }

    private static Section body(String heading) {
        return kb.sections().stream().filter(s -> s.kind() == SectionKind.BODY && s.heading().equals(heading)).findFirst()
                .orElseThrow();
    }

    /** A retriever whose ranking for each question the test decides; it records what was searched. */
    private static final class Scripted implements Retriever {
        final List<String> searched = new ArrayList<>();
        final Function<String, List<Section>> ranking;
        final boolean covered;

        Scripted(boolean covered, Function<String, List<Section>> ranking) {
            this.covered = covered;
            this.ranking = ranking;
        }

        @Override
        public SearchResult search(String question, int k) {
            searched.add(question);
            List<Hit> hits = new ArrayList<>();
            for (Section s : ranking.apply(question)) {
                Passage p = kb.passages().stream().filter(x -> x.section().id().equals(s.id())).findFirst().orElseThrow();
                hits.add(new Hit(p, 1.0 / (hits.size() + 1), hits.size() + 1));
            }
            Query q = new Query(question, Language.detect(question), Arrays.asList(question.split("\\s+")), List.of(), List.of());
            return new SearchResult(q, hits.subList(0, Math.min(k, hits.size())), covered, 0.5);
        }
    }

    private static List<Turn> lastAnswerCited(Section... sections) {
        return List.of(new Turn("大模型创业从规划到落地的流程是怎样的？", "大模型创业从规划到落地的流程是怎样的？",
                Arrays.stream(sections).map(Section::id).toList(), Instant.EPOCH));
    }

    @Test
    void aFollowUpCarriesTheLastTopicOverAndPrefersSectionsNextToIt() {
        // Alone the question lands elsewhere; the sibling of the cited section ranks second.
        Scripted retriever = new Scripted(false, q -> List.of(elsewhere, keySteps));
        ConversationalSearch search = new ConversationalSearch(retriever, kb);

        ConversationalSearch.Resolution r = search.search("这几步里哪几个环节最不能掉链子？", lastAnswerCited(flow), 5);

        assertThat(r.followUp()).isTrue();
        assertThat(r.searchedQuery()).contains("这几步里哪几个环节最不能掉链子？").contains("大模型创业实践的流程");
        assertThat(retriever.searched).hasSize(2);
        assertThat(r.result().hits().get(0).passage().section()).isEqualTo(keySteps);
        assertThat(r.result().query().text()).as("the answer is in the question's own words and language")
                .isEqualTo("这几步里哪几个环节最不能掉链子？");
    }

    @Test
    void anEnglishFollowUpKeepsEnglishAsTheAnswerLanguage() {
        Scripted retriever = new Scripted(true, q -> List.of(keySteps, elsewhere));
        ConversationalSearch.Resolution r = new ConversationalSearch(retriever, kb)
                .search("any examples?", lastAnswerCited(flow), 5);
        assertThat(r.followUp()).isTrue();
        assertThat(r.result().query().language()).isEqualTo(Language.EN);
    }

    @Test
    void theNamedPointOfTheLastAnswerComesFirst() {
        Scripted retriever = new Scripted(true, q -> List.of(elsewhere, keySteps));
        ConversationalSearch.Resolution r = new ConversationalSearch(retriever, kb)
                .search("展开说说第二点", lastAnswerCited(flow, other), 5);
        assertThat(r.result().hits().get(0).passage().section()).isEqualTo(other);
        assertThat(r.result().hits()).extracting(h -> h.rank()).startsWith(1, 2);
    }

    @Test
    void aSelfContainedQuestionOnAnotherSubjectStartsFresh() {
        Scripted retriever = new Scripted(true, q -> List.of(elsewhere, keySteps));
        ConversationalSearch.Resolution r = new ConversationalSearch(retriever, kb)
                .search("品牌 定位 差异化 策略 有哪些", lastAnswerCited(flow), 5);
        assertThat(r.followUp()).isFalse();
        assertThat(retriever.searched).containsExactly("品牌 定位 差异化 策略 有哪些");
        assertThat(r.result().hits().get(0).passage().section()).isEqualTo(elsewhere);
    }

    @Test
    void theFirstQuestionOfAConversationIsSearchedAsItIs() {
        Scripted retriever = new Scripted(true, q -> List.of(flow));
        ConversationalSearch.Resolution r = new ConversationalSearch(retriever, kb).search("流程是怎样的", List.of(), 5);
        assertThat(r.followUp()).isFalse();
        assertThat(r.searchedQuery()).isEqualTo("流程是怎样的");
    }

    @Test
    void recognisesBackPointingWordingInBothLanguagesButNotAStandaloneQuestion() {
        assertThat(FollowUps.pointsBack("那企业客户呢？")).isTrue();
        assertThat(FollowUps.pointsBack("具体怎么做？")).isTrue();
        assertThat(FollowUps.pointsBack("展开说说第二点")).isTrue();
        assertThat(FollowUps.pointsBack("any examples?")).isTrue();
        assertThat(FollowUps.pointsBack("and for B2B?")).isTrue();
        assertThat(FollowUps.pointsBack("如何控制市场风险")).isFalse();
        assertThat(FollowUps.pointsBack("How do we price an API product")).isFalse();
        assertThat(FollowUps.ordinal("展开说说第二点")).contains(1);
        assertThat(FollowUps.ordinal("tell me more about the third point")).contains(2);
        assertThat(FollowUps.ordinal("具体怎么做？")).isEmpty();
    }
}
