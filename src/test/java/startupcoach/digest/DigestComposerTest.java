package startupcoach.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.coach.AnsweredQuestion;
import startupcoach.knowledge.Passage;
import startupcoach.knowledge.Section;
import startupcoach.knowledge.SectionKind;

/** Digest content on the shipped knowledge base. */
class DigestComposerTest {

    private static final Instant T0 = Instant.parse("2025-03-03T01:00:00Z");

    @TempDir
    static Path shared;
    private static Knowledge knowledge;

    @BeforeAll
    static void load() {
        knowledge = Knowledge.shipped(shared);
    }

    @AfterAll
    static void close() throws Exception {
        knowledge.close();
    }

    @Test
    void candidatesAreBodySectionsOnTheTopicOnePassageEach() {
        List<Passage> candidates = knowledge.composer().candidates(List.of(DigestTopic.RISK));
        assertThat(candidates).hasSizeGreaterThan(20);
        Set<String> sections = new HashSet<>();
        for (Passage p : candidates) {
            Section s = p.section();
            assertThat(s.kind()).isEqualTo(SectionKind.BODY);
            assertThat(String.join(" ", s.headingPath()) + s.text()).contains("风险");
            assertThat(sections.add(s.id())).as("one passage per section").isTrue();
        }
        // Every body section that names the topic is a candidate: rotation covers them all.
        long matching = knowledge.kb().sections().stream().filter(s -> s.kind() == SectionKind.BODY)
                .filter(s -> knowledge.kb().citablePassages().stream().anyMatch(p -> p.section().id().equals(s.id())))
                .filter(s -> (String.join(" ", s.headingPath()) + s.text()).contains("风险")).count();
        assertThat(candidates).hasSize((int) matching);
    }

    @Test
    void noPassageRepeatsBeforeEveryMatchingPassageWasSentThenTheRoundRepeats() {
        List<DigestTopic> topics = List.of(DigestTopic.RISK);
        List<Passage> candidates = knowledge.composer().candidates(topics);
        int n = candidates.size();
        Map<String, Integer> sentCounts = new HashMap<>();
        List<String> sentInOrder = new ArrayList<>();
        int digests = (2 * n) / DigestComposer.ITEMS + 2;
        for (int i = 0; i < digests; i++) {
            Instant slot = T0.plus(Duration.ofDays(i));
            Digest d = knowledge.composer().compose(topics, new DigestHistory(sentCounts, List.of(), slot), slot);
            assertThat(d.items()).hasSize(DigestComposer.ITEMS);
            for (Digest.Item item : d.items()) {
                sentInOrder.add(item.passageId());
                sentCounts.merge(item.passageId(), 1, Integer::sum);
            }
        }
        assertThat(sentInOrder.subList(0, n)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(candidates.stream().map(Passage::id).toList());
        // The second round goes through the same order again.
        assertThat(sentInOrder.subList(n, 2 * n)).containsExactlyElementsOf(sentInOrder.subList(0, n));
    }

    @Test
    void itemsQuoteThePassageVerbatimWithItsSectionsCitation() {
        Digest d = knowledge.composer().compose(List.of(DigestTopic.PRICING), DigestHistory.none(T0), T0);
        Map<String, Passage> byId = new HashMap<>();
        knowledge.kb().citablePassages().forEach(p -> byId.put(p.id(), p));
        for (Digest.Item item : d.items()) {
            Passage p = byId.get(item.passageId());
            assertThat(item.text()).isEqualTo(p.text());
            assertThat(item.citation()).isEqualTo(p.section().citation()).startsWith("《");
        }
        assertThat(d.title()).isEqualTo("Startup digest · pricing");
        assertThat(d.plainText()).contains("— " + d.items().get(0).citation());
    }

    @Test
    void theSameHistoryGivesTheSameDigest() {
        List<DigestTopic> topics = List.of(DigestTopic.MARKETING, DigestTopic.BRAND);
        Digest a = knowledge.composer().compose(topics, DigestHistory.none(T0), T0);
        Digest b = new DigestComposer(knowledge.kb(), (q, k) -> knowledgeRetriever().search(q, k)).compose(topics, DigestHistory.none(T0), T0);
        assertThat(b.passageIds()).isEqualTo(a.passageIds());
    }

    private static startupcoach.retrieve.Retriever knowledgeRetriever() {
        return startupcoach.retrieve.Bm25Retriever.create(knowledge.index(), new startupcoach.retrieve.TextAnalysis(),
                startupcoach.retrieve.QueryExpander.NONE);
    }

    @Test
    void teamQuestionsShowTheSectionsThatAnsweredThem() {
        Section answered = knowledge.composer().candidates(List.of(DigestTopic.PRICING)).get(0).section();
        List<AnsweredQuestion> asked = List.of(
                new AnsweredQuestion("slack", "C1", "U1", "价格战怎么打？", List.of(answered.id()), true, T0.minusSeconds(60)),
                new AnsweredQuestion("slack", "C1", "U2", "How do I launch a rocket?", List.of(), false, T0.minusSeconds(30)));
        Digest d = knowledge.composer().compose(List.of(DigestTopic.PRICING), new DigestHistory(Map.of(), asked, T0.minusSeconds(3600)), T0);
        assertThat(d.asked()).containsExactly(new Digest.TeamQuestion("价格战怎么打？", List.of(answered.citation()), true),
                new Digest.TeamQuestion("How do I launch a rocket?", List.of(), false));
        assertThat(d.plainText()).contains(Digest.ASKED_HEADING, "• 价格战怎么打？", "  — " + answered.citation(),
                "(not covered by the knowledge base)");
        assertThat(d.intro()).contains("what your team asked");
    }
}
