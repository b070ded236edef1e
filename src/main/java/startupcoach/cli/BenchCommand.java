package startupcoach.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import startupcoach.coach.IncomingMessage;
import startupcoach.eval.EvalCase;
import startupcoach.eval.EvalSet;
import startupcoach.eval.LatencyBench;
import startupcoach.retrieve.RetrievalMode;

/** Measures how long answering takes in process, over the questions of an evaluation set. */
@Command(name = "bench", description = "Latency of ask in process (p50/p90/p99) over the dev questions, after warm-up.")
final class BenchCommand implements Callable<Integer> {

    private final Main.Terminal terminal;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--set", paramLabel = "FILE", description = "Questions (eval JSON Lines; default: the bundled dev set).")
    Path set;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed rounds over all questions first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--rounds", defaultValue = "10", description = "Timed rounds over all questions (default ${DEFAULT-VALUE}).")
    int rounds;

    BenchCommand(Main.Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        List<String> questions = EvalSet.load(set).stream().map(EvalCase::question).toList();
        // Every question embedded anew: a benchmark that hit the query cache would time nothing.
        CoachApp.Options options = CoachApp.Options.defaults().withMode(common.mode(terminal.env())).withoutQueryCache();
        try (CoachApp app = common.open(terminal, options, false)) {
            app.coach().handle(IncomingMessage.fromCli(questions.get(0)));
            long firstAnswerMs = ManagementFactory.getRuntimeMXBean().getUptime();
            LatencyBench bench = new LatencyBench(warmup, rounds);
            var out = terminal.out();
            out.printf("start: process start to first answer %d ms (index %s)%n", firstAnswerMs,
                    app.index().rebuilt() ? "built in this run" : "reused; passage vectors from the cache when present");
            out.printf("bench: %d questions, %d warm-up + %d timed rounds, %d cores, Java %s%n", questions.size(), warmup,
                    rounds, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            // Every retriever the app loaded, side by side in one run, then the whole ask path.
            for (RetrievalMode m : RetrievalMode.values()) {
                app.retriever(m).ifPresent(r -> out.println(bench.run("retrieve " + m.label(), questions,
                        q -> r.search(q, 5)).line()));
            }
            out.println(bench.run("ask " + app.mode().label() + " (+compose)", questions,
                    q -> app.coach().handle(IncomingMessage.fromCli(q))).line());
            out.println(PeakMemory.describe());
            return 0;
        }
    }
}
