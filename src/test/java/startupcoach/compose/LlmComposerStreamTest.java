package startupcoach.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.compose.llm.SseChunks;
import startupcoach.retrieve.SearchResult;

/** Composing with a draft listener: the real composer and client against MockWebServer streaming SSE. */
class LlmComposerStreamTest {

    @TempDir
    Path tmp;
    private LlmFixture fx;
    private LlmComposer composer;
    private SearchResult result;
    private final Drafts drafts = new Drafts();

    /** Records what the composer streams, and the outcome. */
    private static final class Drafts implements DraftListener {
        final List<String> deltas = new ArrayList<>();
        final List<Outcome> outcomes = new ArrayList<>();

        @Override
        public void delta(String text) {
            deltas.add(text);
        }

        @Override
        public void finished(Outcome outcome) {
            outcomes.add(outcome);
        }
    }

    @BeforeEach
    void setUp() {
        fx = new LlmFixture(tmp);
        composer = fx.composer();
        result = fx.search(LlmFixture.COVERED);
        assertThat(result.covered()).isTrue();
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    @Test
    void deltasArriveAsWrittenAndTheCheckedTextIsAccepted() {
        fx.server.enqueue(SseChunks.response(List.of("价格战中要", "守住利润底线 [1]，", "定价先看客户价值 [2]。")));

        Answer a = composer.compose(result, List.of(), drafts);

        assertThat(drafts.deltas).containsExactly("价格战中要", "守住利润底线 [1]，", "定价先看客户价值 [2]。");
        assertThat(drafts.outcomes).containsExactly(DraftListener.Outcome.ACCEPTED);
        assertThat(a.prose()).isEqualTo(String.join("", drafts.deltas));
        assertThat(a.citedSections()).containsExactly(result.hits().get(0).passage().section(),
                result.hits().get(1).passage().section());
        assertThat(LlmFixture.json(fx.take()).get("stream").asBoolean()).isTrue();
    }

    @Test
    void repairedMarkersMakeTheStreamedTextRevised() {
        fx.server.enqueue(SseChunks.response(List.of("定价先看客户价值 [2]。", "守住利润底线 [1]，另见报告 [9]。")));

        Answer a = composer.compose(result, List.of(), drafts);

        assertThat(drafts.outcomes).containsExactly(DraftListener.Outcome.REVISED);
        assertThat(a.prose()).isEqualTo("定价先看客户价值 [1]。守住利润底线 [2]，另见报告。");
    }

    @Test
    void aStreamCitingOnlyPassagesNotGivenFallsBackToTheQuotes() {
        fx.server.enqueue(SseChunks.response(List.of("See the report ", "[7]", " and [8].")));

        Answer a = composer.compose(result, List.of(), drafts);

        assertThat(drafts.deltas).containsExactly("See the report ", "[7]", " and [8].");
        assertThat(drafts.outcomes).containsExactly(DraftListener.Outcome.FELL_BACK);
        assertThat(a.prose()).isNull();
        assertThat(a.groups()).isEqualTo(fx.extractive.compose(result).groups());
        assertThat(a.note()).isEqualTo(Leads.modelUncited(result.query().language()));
    }

    @Test
    void aStreamBrokenHalfWayFallsBackToTheQuotes() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add("第" + i + "句 [1]。");
        }
        fx.server.enqueue(SseChunks.response(many).setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY));

        Answer a = composer.compose(result, List.of(), drafts);

        assertThat(drafts.deltas).isNotEmpty();
        assertThat(drafts.outcomes).containsExactly(DraftListener.Outcome.FELL_BACK);
        assertThat(a.prose()).isNull();
        assertThat(a.note()).isEqualTo(Leads.modelUnavailable(result.query().language()));
    }

    @Test
    void aCachedAnswerOrAnUncoveredQuestionStreamsNothing() {
        fx.server.enqueue(LlmFixture.reply("守住利润底线 [1]。"));
        Answer first = composer.compose(result);

        Answer cached = composer.compose(fx.search(LlmFixture.COVERED), List.of(), drafts);
        Answer uncovered = composer.compose(fx.search(LlmFixture.NOT_COVERED), List.of(), drafts);

        assertThat(cached.prose()).isEqualTo(first.prose());
        assertThat(uncovered.covered()).isFalse();
        assertThat(drafts.deltas).isEmpty();
        assertThat(drafts.outcomes).isEmpty();
        assertThat(fx.server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void withoutAListenerTheModelIsAskedForOneReply() {
        fx.server.enqueue(LlmFixture.reply("守住利润底线 [1]。"));

        composer.compose(result, List.of(), DraftListener.NONE);

        assertThat(LlmFixture.json(fx.take()).get("stream").asBoolean()).isFalse();
    }

    @Test
    void theExtractiveComposerIgnoresTheListener() {
        fx.extractive.compose(result, List.of(), drafts);

        assertThat(drafts.deltas).isEmpty();
        assertThat(drafts.outcomes).isEmpty();
    }
}
