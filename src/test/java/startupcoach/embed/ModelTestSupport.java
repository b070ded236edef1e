package startupcoach.embed;

import java.nio.file.Path;

/** Shared fixtures for tests that load the real model. */
final class ModelTestSupport {

    private ModelTestSupport() {
    }

    /**
     * A data directory that survives between test runs (until {@code mvn clean}), so PyTorch natives
     * are extracted once, as they would be on a real installation.
     */
    static Path dataDir() {
        return Path.of(System.getProperty("basedir", "."), "target", "embed-test-data");
    }
}
