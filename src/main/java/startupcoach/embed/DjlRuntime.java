package startupcoach.embed;

import ai.djl.engine.Engine;
import ai.djl.util.Utils;

import com.sun.jna.Library;
import com.sun.jna.Native;

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
 *
 * <p>OpenMP: PyTorch's libgomp busy-waits between operations by default. On a small shared host
 * (2 cores, with Lucene, HTTP or a build running too) its threads then wait for each other's
 * time slices and latency explodes (measured on 2 cores with one busy: query p99 170–240 ms
 * busy-waiting, 26–30 ms passive; idle: the same p50 of about 10 ms and the same throughput).
 * Unless {@code OMP_WAIT_POLICY} is already set, it is set to {@code PASSIVE} in the process
 * environment before libgomp loads (which reads it once, on load); set it to {@code ACTIVE} for a
 * dedicated machine. The thread count is DJL's {@code ai.djl.pytorch.num_threads} (default: cores).
 */
final class DjlRuntime {

    static final String ENGINE = "PyTorch";

    private static final Logger log = LoggerFactory.getLogger(DjlRuntime.class);
    private static final String OFFLINE = "ai.djl.offline";
    private static final String DJL_CACHE_DIR = "DJL_CACHE_DIR";
    private static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";
    private static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";
    private static final String PYTORCH_LIBRARY_PATH = "PYTORCH_LIBRARY_PATH";
    /** In {@code pytorch-native-cpu}: libtorch for one platform. */
    private static final String NATIVES_RESOURCE = "native/lib/pytorch.properties";
    /** In {@code pytorch-jni}: DJL's JNI bridge to libtorch. */
    private static final String JNI_RESOURCE = "jnilib/pytorch.properties";

    /** Process-wide like the engine itself: MKL's dispatch is fixed once libtorch has loaded. */
    private static KernelSelection.Choice chosen;

    private DjlRuntime() {
    }

    /** Configures DJL and loads the engine on the kernels a probe chose ({@link KernelMode#AUTO}). */
    static Engine start(Path cacheDir, LoadProgress progress) {
        return start(cacheDir, progress, KernelMode.AUTO);
    }

    /**
     * Configures DJL for offline use with natives cached under {@code cacheDir} (unless already
     * configured), chooses the kernel path on the first call in this process (see
     * {@link KernelSelection}), and loads the PyTorch engine. Later calls reuse both.
     *
     * @throws EmbeddingException if the engine cannot load, or {@code kernels} is {@code FAST} and the
     *                            fast kernels are not safe here, with a message saying what to do
     */
    static synchronized Engine start(Path cacheDir, LoadProgress progress, KernelMode kernels) {
        configure(cacheDir);
        if (chosen == null) {
            Path engineCache = Utils.getEngineCacheDir();
            Path probeDir = engineCache.resolve("kernel-probe");
            KernelSelection selection = new KernelSelection(ProbeRunner.javaChild(cacheDir, probeDir), probeDir,
                    CpuInfo.current(), MklVendorShim.bundled());
            apply(selection.choose(kernels, progress), engineCache);
        }
        return loadEngine(progress);
    }

    /** For the probe child: run on {@code path} without probing. */
    static synchronized Engine startOn(Path cacheDir, KernelPath path, String reason) {
        configure(cacheDir);
        if (chosen == null) {
            apply(new KernelSelection.Choice(path, reason), Utils.getEngineCacheDir());
        }
        return loadEngine(LoadProgress.silent());
    }

    /** The kernel path this process runs on, or null before the engine started. */
    static synchronized KernelSelection.Choice kernels() {
        return chosen;
    }

    private static void configure(Path cacheDir) {
        // Without this DJL phones home and newer versions try to download natives/metadata.
        System.setProperty(OFFLINE, "true");
        preferPassiveOpenMpWait();
        setIfAbsent(DJL_CACHE_DIR, cacheDir);
        setIfAbsent(ENGINE_CACHE_DIR, cacheDir);
    }

    private static void apply(KernelSelection.Choice choice, Path engineCache) {
        if (choice.path() == KernelPath.FAST) {
            // must happen before libtorch loads: its calls into MKL's vendor check bind to the first definition
            MklVendorShim.load(engineCache.resolve("kernel-probe"));
        }
        chosen = choice;
    }

    private static Engine loadEngine(LoadProgress progress) {
        Path engineCache = Utils.getEngineCacheDir();
        boolean extracted = hasExtractedNatives(engineCache.resolve("pytorch"));
        progress.step(extracted
                ? "loading PyTorch engine…"
                : "extracting PyTorch natives to " + engineCache + " (first start only)…");
        long start = System.nanoTime();
        try {
            Engine engine = Engine.getEngine(ENGINE);
            log.info("djl.engine.ready engine={} version={} cacheDir={} extracted={} kernels={} ms={}",
                    engine.getEngineName(), engine.getVersion(), engineCache, !extracted, chosen.path().label(),
                    (System.nanoTime() - start) / 1_000_000);
            return engine;
        } catch (RuntimeException | LinkageError e) {
            String advice = nativesAdvice(DjlRuntime.class.getClassLoader(), System.getProperty("os.name", ""),
                    System.getProperty("os.arch", ""), Utils.getEnvOrSystemProperty(PYTORCH_LIBRARY_PATH),
                    engineCache.resolve("pytorch"));
            log.error("djl.engine.failed cacheDir={} advice=\"{}\"", engineCache, advice, e);
            throw new EmbeddingException(advice, e);
        }
    }

    /**
     * The one message a user sees when the PyTorch engine does not start: what is missing and what
     * to do about it, decided from what can be checked without the engine.
     *
     * @param loader      the class loader that should carry the natives jars
     * @param libraryPath {@code PYTORCH_LIBRARY_PATH}, or null
     * @param nativesDir  where the natives are extracted to
     */
    static String nativesAdvice(ClassLoader loader, String os, String arch, String libraryPath, Path nativesDir) {
        String noEmbeddings = " To run without embeddings meanwhile, use --mode bm25.";
        if (libraryPath != null && !libraryPath.isBlank()) {
            return "PyTorch natives could not be loaded from PYTORCH_LIBRARY_PATH=" + libraryPath
                    + ": point it at a libtorch 2.7.1 CPU directory (one holding libtorch.so), or unset it to use"
                    + " the natives bundled in startup-coach.jar." + noEmbeddings;
        }
        boolean linuxX64 = os.startsWith("Linux") && ("amd64".equals(arch) || "x86_64".equals(arch));
        if (!linuxX64) {
            return "No PyTorch natives for " + os + "/" + arch + ": startup-coach bundles them for linux-x86_64"
                    + " only. Run it on linux-x86_64, or set PYTORCH_LIBRARY_PATH to a libtorch 2.7.1 directory"
                    + " for this platform." + noEmbeddings;
        }
        if (loader.getResource(NATIVES_RESOURCE) == null || loader.getResource(JNI_RESOURCE) == null) {
            return "PyTorch natives not found on the classpath (ai.djl.pytorch:pytorch-native-cpu linux-x86_64 and"
                    + " pytorch-jni): rebuild with ./mvnw package and run target/startup-coach.jar, or set"
                    + " PYTORCH_LIBRARY_PATH to a libtorch 2.7.1 CPU directory." + noEmbeddings;
        }
        return "PyTorch natives in " + nativesDir + " could not be loaded: delete that directory so they are"
                + " extracted again (about 450 MB of free disk needed), then start again; details are in the log."
                + noEmbeddings;
    }

    /** libc's setenv; Java cannot change its own environment, but the native libraries read it. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);
    }

    private static void preferPassiveOpenMpWait() {
        if (System.getenv(OMP_WAIT_POLICY) != null || !System.getProperty("os.name", "").startsWith("Linux")) {
            return;
        }
        try {
            Native.load("c", CLibrary.class).setenv(OMP_WAIT_POLICY, "PASSIVE", 0);
        } catch (RuntimeException | LinkageError e) {
            log.warn("djl.openmp.passive.failed reason={}", e.toString());
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
