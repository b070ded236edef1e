package startupcoach.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import startupcoach.config.CoachConfig;
import startupcoach.config.Settings;
import startupcoach.config.ComposerSettings;
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

    @Option(names = "--composer", paramLabel = "KIND",
            description = "extractive (quotes, the default) or llm (a language model writes from the passages;"
                    + " needs LLM_BASE_URL and LLM_MODEL). Default: COACH_COMPOSER, else extractive.")
    String composer;

    @Option(names = "--prompts", paramLabel = "DIR",
            description = "Prompt templates that replace the built-in ones of the same name (default: COACH_PROMPTS_DIR).")
    Path prompts;

    /**
     * Opens the application for a command, drawing progress on stderr. Start-up warnings (skipped
     * files, repaired Markdown) are printed when the index is (re)built, i.e. when they are news;
     * {@code alwaysWarn} prints them every time (the {@code index} command).
     */
    CoachApp open(Main.Terminal terminal, boolean alwaysWarn) {
        return open(terminal, mode(terminal.env()), alwaysWarn);
    }

    CoachApp open(Main.Terminal terminal, RetrievalMode retrievalMode, boolean alwaysWarn) {
        return open(terminal, CoachApp.Options.defaults().withMode(retrievalMode), alwaysWarn);
    }

    /** Opens with the given options; the composer always comes from the options and environment. */
    CoachApp open(Main.Terminal terminal, CoachApp.Options base, boolean alwaysWarn) {
        CoachApp.Options options = base.withComposer(composer(terminal.env()));
        CoachApp app = CoachApp.open(config(terminal.env()), options, new TerminalProgress(terminal.err(), terminal.interactive()));
        if (alwaysWarn || app.index().rebuilt()) {
            app.warnings().forEach(w -> terminal.err().println("warning: " + w));
        }
        return app;
    }

    CoachApp open(Main.Terminal terminal) {
        return open(terminal, false);
    }

    /** The composer choice: options over {@code COACH_COMPOSER}, {@code COACH_PROMPTS_DIR} and the {@code LLM_*} variables. */
    ComposerSettings composer(Map<String, String> env) {
        return ComposerSettings.load(env, composer, prompts);
    }

    /** Every setting, checked: the options over the environment over coach.yaml. */
    Settings settings(Map<String, String> env) {
        Settings settings = Settings.load(env, new Settings.Options(knowledge, dataDir, composer, prompts, mode));
        // Before the first logger exists: the log file goes under the data directory.
        System.setProperty("coach.logDir", settings.core().dataDir().resolve("logs").toAbsolutePath().toString());
        return settings;
    }

    CoachConfig config(Map<String, String> env) {
        CoachConfig config = CoachConfig.load(env, knowledge, dataDir);
        // Before the first logger exists: the log file goes under the data directory.
        System.setProperty("coach.logDir", config.dataDir().resolve("logs").toAbsolutePath().toString());
        return config;
    }
}
