package startupcoach.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import startupcoach.config.CoachConfig;

/** Options every command that reads the knowledge base shares. */
final class CommonOptions {

    @Option(names = "--knowledge", paramLabel = "DIR",
            description = "Markdown knowledge base to answer from (default: ./knowledge, or COACH_KNOWLEDGE_DIR).")
    Path knowledge;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the index, caches and logs live (default: ./data, or COACH_DATA_DIR).")
    Path dataDir;

    CoachConfig config(Map<String, String> env) {
        CoachConfig config = CoachConfig.load(env, knowledge, dataDir);
        // Before the first logger exists: the log file goes under the data directory.
        System.setProperty("coach.logDir", config.dataDir().resolve("logs").toAbsolutePath().toString());
        return config;
    }
}
