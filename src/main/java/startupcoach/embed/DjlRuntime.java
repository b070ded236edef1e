package startupcoach.embed;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Process-wide DJL settings and the PyTorch engine start.
 *
 * <p>DJL reads its settings from environment variables or system properties once, when the first
 * engine loads, and keeps the engine for the life of the JVM. So the first caller decides: its
 * cache directory is used unless {@code DJL_CACHE_DIR} / {@code ENGINE_CACHE_DIR} were already set
 * (as environment variables or system properties), and later calls only reuse the engine.
 *
 * <p>Natives never come from the network: {@code pytorch-native-cpu} (linux-x86_64) and the
 * tokenizers jar carry them, and DJL copies them into {@code <cache>/pytorch/…} and
 * {@code <cache>/tokenizers/…} on the first start (about 450 MB, a few seconds), then reuses them.
 */
final class DjlRuntime {

    static final String ENGINE = "PyTorch";

    private static final Logger log = LoggerFactory.getLogger(DjlRuntime.class);
    private static final String OFFLINE = "ai.djl.offline";
    private static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";
    private static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";

    private DjlRuntime() {
    }

    /**
     * Configures DJL for offline use with natives cached under {@code cacheDir} (unless already
     * configured) and loads the PyTorch engine.
     *
     * @throws EmbeddingException if the engine cannot load
     */
    static synchronized Engine start(Path cacheDir, LoadProgress progress) {
        // Without this DJL phones home and newer versions try to download natives/metadata.
        System.setProperty(OFFLINE, "true");
        setIfAbsent(DJL_CACHE_DIR, cacheDir);
        setIfAbsent(ENGINE_CACHE_DIR, cacheDir);
        Path engineCache = Utils.getEngineCacheDir();
        boolean extracted = hasExtractedNatives(engineCache.resolve("pytorch"));
        progress.step(extracted
                ? "loading PyTorch engine…"
                : "extracting PyTorch natives to " + engineCache + " (first start only)…");
        long start = System.nanoTime();
        try {
            Engine engine = Engine.getEngine(ENGINE);
            log.info("djl.engine.ready engine={} version={} cacheDir={} extracted={} ms={}",
                    engine.getEngineName(), engine.getVersion(), engineCache, !extracted,
                    (System.nanoTime() - start) / 1_000_000);
            return engine;
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            log.error("djl.engine.failed cacheDir={}", engineCache, e);
            throw new EmbeddingException("Could not start the PyTorch engine for embeddings (see the log).", e);
        }
    }

    private static void setIfAbsent(String name, Path dir) {
        if (Utils.getEnvOrSystemProperty(name) == null) {
            System.setProperty(name, dir.toAbsolutePath().toString());
        }
    }

    private static boolean hasExtractedNatives(Path pytorchCache) {
        if (!Files.isDirectory(pytorchCache)) {
            return false;
        }
        try (Stream<Path> dirs = Files.list(pytorchCache)) {
            return dirs.anyMatch(d -> Files.isRegularFile(d.resolve(System.mapLibraryName("torch"))));
        } catch (IOException e) {
            return false;
        }
    }
}
