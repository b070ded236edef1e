package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.SharedTestCache;
import startupcoach.eval.EvalCase;
import startupcoach.eval.EvalReport;
import startupcoach.eval.EvalSet;
import startupcoach.eval.Evaluator;
import startupcoach.retrieve.IndexProgress;
import startupcoach.retrieve.RetrievalMode;

/**
 * The quality gate of the product as wired (real model, offline): all three retrieval modes on the
 * bundled dev set. Thresholds sit one question below what the README reports, so a regression of
 * more than one question fails the build.
 */
class RetrievalQualityGateTest {

    @TempDir
    static Path data;
    private static CoachApp app;
    private static final Map<RetrievalMode, EvalReport> reports = new EnumMap<>(RetrievalMode.class);

    @BeforeAll
    static void evaluateEveryMode() {
        app = CoachApp.open(SharedTestCache.config(Path.of("knowledge"), data), IndexProgress.SILENT);
        List<EvalCase> cases = EvalSet.load(null);
        for (RetrievalMode mode : RetrievalMode.values()) {
            EvalReport report = new Evaluator(app.retriever(mode).orElseThrow()).run(mode.label(), cases);
            reports.put(mode, report);
            System.out.print(report.table());
        }
    }

    @AfterAll
    static void close() {
        app.close();
    }

    private static EvalReport.Scores scores(RetrievalMode mode, String lang) {
        return reports.get(mode).scores(lang, o -> lang.equals("all") || o.evalCase().lang().equals(lang));
    }

    @Test
    void hybridIsTheDefaultMode() {
        assertThat(app.mode()).isEqualTo(RetrievalMode.HYBRID);
    }

    @Test
    void hybridFindsGoldSectionsInTheTopFiveInBothLanguages() {
        // Reached: zh 23/24 (0.96), en 12/13 (0.92).
        assertThat(scores(RetrievalMode.HYBRID, "zh").recall5()).isGreaterThanOrEqualTo(0.91);
        assertThat(scores(RetrievalMode.HYBRID, "en").recall5()).isGreaterThanOrEqualTo(0.84);
    }

    @Test
    void hybridIsAtLeastAsGoodAsEitherRetrieverAlone() {
        double hybrid = scores(RetrievalMode.HYBRID, "all").recall5();
        assertThat(hybrid).isGreaterThanOrEqualTo(scores(RetrievalMode.BM25, "all").recall5());
        assertThat(hybrid).isGreaterThanOrEqualTo(scores(RetrievalMode.DENSE, "all").recall5());
    }

    @Test
    void hybridAbstainsOnUnanswerableQuestionsOnly() {
        EvalReport.Scores all = scores(RetrievalMode.HYBRID, "all");
        assertThat(all.abstainOnUnanswerable()).isGreaterThanOrEqualTo(0.85);
        assertThat(all.answerOnAnswerable()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void denseAloneUnderstandsChineseParaphrases() {
        // Dense finds the gold section of most Chinese questions (reached R@5 0.88, R@1 0.54: the
        // intent re-ranking costs dev questions first places it wins on the held-out sets, see README).
        assertThat(scores(RetrievalMode.DENSE, "zh").recall5()).isGreaterThanOrEqualTo(0.83);
        assertThat(scores(RetrievalMode.DENSE, "zh").recall1()).isGreaterThanOrEqualTo(0.50);
    }
}
