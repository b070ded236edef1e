package startupcoach.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import startupcoach.cli.CoachServer;
import startupcoach.config.CoachConfig;
import startupcoach.retrieve.IndexProgress;

/** Starts the real {@code serve} stack (coach, HTTP server, Slack platform) against a {@link FakeSlack}. */
final class TestServers {

    static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
    static final String APP_TOKEN = "xapp-1-A0COACH-1234-8c1e0f3b2a";

    private static Path dataDir;
    private static Path longKnowledge;

    private TestServers() {
    }

    /** The shipped knowledge base and one index for all Slack test classes (built once per JVM). */
    static synchronized CoachConfig config() {
        if (dataDir == null) {
            try {
                dataDir = Files.createTempDirectory("slack-test-data");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = dataDir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir)));
        }
        return startupcoach.SharedTestCache.config(Path.of("knowledge"), dataDir);
    }

    /**
     * The shipped knowledge base plus {@code slack/knowledge/weekly-meeting-checklist.md}, whose
     * appendix is longer than one Slack section may be (the shipped documents have none that long).
     */
    static synchronized CoachConfig configWithLongSection() {
        if (longKnowledge == null) {
            try {
                Path root = Files.createTempDirectory("slack-test-long");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
                Path kb = Files.createDirectories(root.resolve("knowledge"));
                try (Stream<Path> shipped = Files.list(Path.of("knowledge"))) {
                    for (Path f : shipped.toList()) {
                        Files.copy(f, kb.resolve(f.getFileName()));
                    }
                }
                try (var in = TestServers.class.getResourceAsStream("/slack/knowledge/weekly-meeting-checklist.md")) {
                    Files.copy(in, kb.resolve("weekly-meeting-checklist.md"));
                }
                longKnowledge = root;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return startupcoach.SharedTestCache.config(longKnowledge.resolve("knowledge"), longKnowledge.resolve("data"));
    }

    /** HTTP mode with the given extra environment (which may override the defaults). */
    static CoachServer startHttp(FakeSlack slack, Map<String, String> extraEnv) throws Exception {
        return startHttp(config(), slack, extraEnv);
    }

    static CoachServer startHttp(CoachConfig config, FakeSlack slack, Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        env.put("SLACK_BOT_TOKEN", BOT_TOKEN);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.putAll(extraEnv);
        return CoachServer.start(config, unlimited(env), "127.0.0.1", 0, IndexProgress.SILENT);
    }

    static CoachServer start(Map<String, String> env) throws Exception {
        return CoachServer.start(config(), unlimited(env), "127.0.0.1", 0, IndexProgress.SILENT);
    }

    /** Tests ask as "U1" faster than a person types: no rate limit unless a test sets one. */
    private static Map<String, String> unlimited(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("COACH_RATE_USER_PER_MINUTE", "0");
        all.putIfAbsent("COACH_RATE_CHANNEL_PER_MINUTE", "0");
        return all;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temp directory
        }
    }
}
