package startupcoach;

import java.nio.file.Path;
import startupcoach.config.CoachConfig;

/**
 * One cache directory (extracted PyTorch natives, passage vectors) for the whole test run: tests
 * keep their own data directories, but embedding the knowledge base (~30 s on 2 cores) happens
 * once per build instead of once per test class. Safe to share: vectors are keyed by model and text.
 */
public final class SharedTestCache {

    private SharedTestCache() {
    }

    public static Path dir() {
        return Path.of("target", "test-cache").toAbsolutePath();
    }

    /** A configuration with its own knowledge and data directories and the shared cache. */
    public static CoachConfig config(Path knowledge, Path data) {
        return new CoachConfig(knowledge, data, dir());
    }
}
