package startupcoach.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import startupcoach.conversation.ConversationalSearch;
import startupcoach.eval.EvalCase;
import startupcoach.eval.EvalReport;
import startupcoach.eval.EvalSet;
import startupcoach.eval.Evaluator;
import startupcoach.eval.TurnEvaluator;
import startupcoach.eval.TurnSet;
import startupcoach.retrieve.RetrievalMode;

/**
 * Scores retrieval and answers on an evaluation set: Recall@1/3/5, MRR, abstain accuracy and
 * answers quoting a right section, by language.
 */
@Command(name = "eval", description = "Score retrieval against an evaluation set (JSON Lines with gold sections);"
        + " --mode all compares bm25, dense and hybrid side by side.")
final class EvalCommand implements Callable<Integer> {

    private final Main.Terminal terminal;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = {"--set", "--file"}, paramLabel = "SET",
            description = "dev (the default), scenario (situation-first questions), turns (two-turn conversations), bundled, or a JSON Lines file.")
    String set;

    @Option(names = "--show-failures", description = "List the questions that went wrong, with what was retrieved.")
    boolean showFailures;

    @Option(names = "--k", defaultValue = "5", description = "Hits per question considered for Recall@k (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print the scores and every question's outcome as JSON.")
    boolean json;

    @Option(names = "--no-memory", description = "Multi-turn sets: ask the scored turn as if nothing came before (baseline).")
    boolean noMemory;

    EvalCommand(Main.Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Optional<List<TurnSet.Conversation>> conversations = TurnSet.named(set);
        List<EvalCase> cases = conversations.isPresent() ? List.of() : EvalSet.named(set);
        boolean all = "all".equalsIgnoreCase(common.mode);
        RetrievalMode opened = all ? RetrievalMode.HYBRID : common.mode(terminal.env());
        try (CoachApp app = common.open(terminal, opened, false)) {
            List<RetrievalMode> modes = all ? List.of(RetrievalMode.values()) : List.of(opened);
            List<JsonEval> results = new ArrayList<>();
            for (RetrievalMode m : modes) {
                EvalReport report = conversations.isPresent()
                        ? new TurnEvaluator(new ConversationalSearch(app.retriever(m).orElseThrow(), app.knowledge()), app.composer(),
                                !noMemory).run(m.label(), conversations.get())
                        : new Evaluator(app.retriever(m).orElseThrow(), app.composer()).run(m.label(), cases);
                results.add(new JsonEval(m.label(), report.recallAt(k), report.byLanguage(), report.outcomes()));
                if (!json) {
                    terminal.out().print(report.table());
                    terminal.out().printf(Locale.ROOT, "%s Recall@%d (all answerable): %.2f%n%n", m.label(), k, report.recallAt(k));
                    if (showFailures) {
                        terminal.out().println(report.failures());
                    }
                }
            }
            if (json) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                terminal.out().println(mapper.writeValueAsString(all ? results : results.get(0)));
            }
            return 0;
        }
    }

    private record JsonEval(String mode, double recallAtK, List<EvalReport.Scores> scores, List<EvalReport.Outcome> outcomes) {
    }
}
