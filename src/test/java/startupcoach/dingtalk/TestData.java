package startupcoach.dingtalk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import startupcoach.config.CoachConfig;

/**
 * One data directory per test JVM for the DingTalk tests: the first test class builds the index of
 * the shipped knowledge base, later ones reuse it (the build is the slow part).
 */
final class TestData {

    private static Path dir;

    private TestData() {
    }

    static synchronized CoachConfig config() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("dingtalk-test-data");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path created = dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(created)));
        }
        return startupcoach.SharedTestCache.config(Path.of("knowledge"), dir);
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the OS cleans its temp directory
        }
    }
}
