package startupcoach.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.compose.llm.LlmException;
import startupcoach.compose.llm.Prompts;
import startupcoach.retrieve.SearchResult;

/** Every answer the extractive composer gives instead of the model is reported, with why; a model answer is not. */
class LlmFallbackListenerTest {

    @TempDir
    Path tmp;
    private LlmFixture fx;
    private SearchResult covered;
    private final List<String> reasons = new ArrayList<>();

    @BeforeEach
    void setUp() {
        fx = new LlmFixture(tmp);
        covered = fx.search(LlmFixture.COVERED);
    }

    @AfterEach
    void tearDown() throws Exception {
        fx.close();
    }

    private LlmComposer composer(startupcoach.compose.llm.ChatModel model) {
        return new LlmComposer(model, Prompts.defaults(), fx.extractive, fx.followUps, reasons::add);
    }

    @Test
    void reportsTimeoutsUncitedAnswersAndUnexpectedFailuresButNotGoodAnswers() {
        composer(m -> {
            throw new LlmException(LlmException.Reason.TIMEOUT, "no answer within 5 s");
        }).compose(covered);
        composer(m -> "An answer that cites nothing.").compose(covered);
        composer(m -> {
            throw new IllegalStateException("bug");
        }).compose(covered);
        Answer good = composer(m -> "守住利润底线 [1]。").compose(covered);

        assertThat(good.prose()).isEqualTo("守住利润底线 [1]。");
        assertThat(reasons).containsExactly(LlmException.Reason.TIMEOUT.id(), "uncited", "unexpected");
    }
}
