package startupcoach.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import startupcoach.eval.EvalCase;
import startupcoach.eval.EvalReport;
import startupcoach.eval.EvalSet;
import startupcoach.eval.Evaluator;

/** Scores retrieval on an evaluation set: Recall@1/3/5, MRR and abstain accuracy by language. */
@Command(name = "eval", description = "Score retrieval against an evaluation set (JSON Lines with gold sections).")
final class EvalCommand implements Callable<Integer> {

    private final Main.Terminal terminal;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--set", paramLabel = "FILE", description = "Evaluation set (default: the bundled dev set).")
    Path set;

    @Option(names = "--k", defaultValue = "5", description = "Hits per question considered for Recall@k (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print the scores and every question's outcome as JSON.")
    boolean json;

    EvalCommand(Main.Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        List<EvalCase> cases = EvalSet.load(set);
        try (CoachApp app = common.open(terminal)) {
            EvalReport report = new Evaluator(app.retriever()).run("bm25", cases);
            if (json) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                terminal.out().println(mapper.writeValueAsString(new JsonEval(report.byLanguage(), report.outcomes())));
            } else {
                terminal.out().print(report.table());
                terminal.out().printf("Recall@%d (all answerable): %.2f%n", k, report.recallAt(k));
            }
            return 0;
        }
    }

    private record JsonEval(List<EvalReport.Scores> scores, List<EvalReport.Outcome> outcomes) {
    }
}
