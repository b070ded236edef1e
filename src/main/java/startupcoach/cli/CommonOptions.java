package startupcoach.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import startupcoach.config.CoachConfig;
import startupcoach.retrieve.RetrievalMode;

/** Options every command that reads the knowledge base shares. */
final class CommonOptions {

    @Option(names = "--knowledge", paramLabel = "DIR",
            description = "Markdown knowledge base to answer from (default: ./knowledge, or COACH_KNOWLEDGE_DIR).")
    Path knowledge;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the index, caches and logs live (default: ./data, or COACH_DATA_DIR).")
    Path dataDir;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "Retrieval: bm25, dense or hybrid (default: hybrid, or COACH_RETRIEVAL_MODE).")
    String mode;

    /** The retrieval mode from the option, else the environment, else hybrid. */
    RetrievalMode mode(Map<String, String> env) {
        String value = mode != null ? mode : env.getOrDefault("COACH_RETRIEVAL_MODE", "hybrid");
        return RetrievalMode.parse(value);
    }

    /**
     * Opens the application for a command, drawing progress on stderr. Start-up warnings (skipped
     * files, repaired Markdown) are printed when the index is (re)built, i.e. when they are news;
     * {@code alwaysWarn} prints them every time (the {@code index} command).
     */
    CoachApp open(Main.Terminal terminal, boolean alwaysWarn) {
        return open(terminal, mode(terminal.env()), alwaysWarn);
    }

    CoachApp open(Main.Terminal terminal, RetrievalMode retrievalMode, boolean alwaysWarn) {
        CoachApp app = CoachApp.open(config(terminal.env()), retrievalMode,
                new TerminalProgress(terminal.err(), terminal.interactive()));
        if (alwaysWarn || app.index().rebuilt()) {
            app.warnings().forEach(w -> terminal.err().println("warning: " + w));
        }
        return app;
    }

    CoachApp open(Main.Terminal terminal) {
        return open(terminal, false);
    }

    CoachConfig config(Map<String, String> env) {
        CoachConfig config = CoachConfig.load(env, knowledge, dataDir);
        // Before the first logger exists: the log file goes under the data directory.
        System.setProperty("coach.logDir", config.dataDir().resolve("logs").toAbsolutePath().toString());
        return config;
    }
}
