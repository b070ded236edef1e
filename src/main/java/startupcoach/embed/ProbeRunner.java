package startupcoach.embed;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * Runs one {@link KernelProbe} child and reports how it ended, never letting its fate reach this
 * JVM: a native crash, a non-zero exit or a hang each become a {@link Result} with a reason.
 */
final class ProbeRunner {

    /** Generous: a cold start extracts the natives (~450 MB) before the model loads. */
    static final long DEFAULT_TIMEOUT_SECONDS = 300;
    private static final Map<Integer, String> SIGNALS = Map.of(4, "SIGILL", 6, "SIGABRT", 7, "SIGBUS",
            8, "SIGFPE", 9, "SIGKILL", 11, "SIGSEGV", 15, "SIGTERM");

    /** How one probe child ended; {@code vectors} and {@code millis} only when it succeeded. */
    record Result(boolean ok, String reason, float[][] vectors, double millis) {
        static Result failed(String reason) {
            return new Result(false, reason, null, 0);
        }
    }

    private final BiFunction<KernelPath, Path, List<String>> command;
    private final Path workDir;
    private final long timeoutSeconds;

    /**
     * @param command  the child's command line for a path and its output file
     * @param workDir  the child's working directory: its output, log and any crash report land here
     */
    ProbeRunner(BiFunction<KernelPath, Path, List<String>> command, Path workDir, long timeoutSeconds) {
        this.command = command;
        this.workDir = workDir;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The real probe: this JVM's java and classpath running {@link KernelProbe}. */
    static ProbeRunner javaChild(Path cacheDir, Path workDir) {
        return new ProbeRunner((path, out) -> javaCommand(path, cacheDir, workDir, out), workDir, DEFAULT_TIMEOUT_SECONDS);
    }

    Result run(KernelPath path) {
        Path out = workDir.resolve(path.label() + "-probe.out");
        Path log = workDir.resolve(path.label() + "-probe.log");
        try {
            Files.createDirectories(workDir);
            Files.deleteIfExists(out);
            Files.deleteIfExists(crashReport(path));
            Process child = new ProcessBuilder(command.apply(path, out))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            child.getOutputStream().close();
            if (!child.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return Result.failed("probe did not finish in " + timeoutSeconds + " s");
            }
            int code = child.exitValue();
            if (code != 0) {
                return Result.failed(describeExit(code, crashReport(path), log));
            }
            return read(out);
        } catch (IOException e) {
            return Result.failed("probe could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("probe interrupted");
        }
    }

    private Path crashReport(KernelPath path) {
        return workDir.resolve(path.label() + "-probe-crash.log");
    }

    static String describeExit(int code, Path crashReport, Path log) {
        List<String> report = readLines(crashReport);
        String frame = problematicFrame(report);
        if (frame != null) {
            // HotSpot caught the fault, wrote its report and exited; the signal is in the report
            String signal = report.stream().filter(l -> l.startsWith("siginfo:")).findFirst()
                    .map(l -> l.replaceFirst(".*si_signo: \\d+ \\((\\w+)\\).*", "$1")).orElse("fatal error");
            return "probe JVM crashed with " + signal + " in " + frame + " (report " + crashReport + ")";
        }
        StringBuilder reason = new StringBuilder();
        if (code > 128) {
            reason.append("probe died by signal ").append(SIGNALS.getOrDefault(code - 128, Integer.toString(code - 128)));
        } else {
            reason.append("probe exited with code ").append(code);
        }
        String last = lastLine(log);
        if (last != null) {
            reason.append(": ").append(last);
        }
        return reason.toString();
    }

    /** The JVM crash report's "Problematic frame" line, shortened, or null. */
    private static String problematicFrame(List<String> lines) {
        for (int i = 0; i + 1 < lines.size(); i++) {
            if (lines.get(i).contains("Problematic frame:")) {
                String frame = lines.get(i + 1).replaceFirst("^#\\s*", "").strip();
                return frame.length() > 160 ? frame.substring(0, 160) + "…" : frame;
            }
        }
        return null;
    }

    private static String lastLine(Path log) {
        List<String> lines = readLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (!line.isEmpty()) {
                return line.length() > 200 ? line.substring(0, 200) + "…" : line;
            }
        }
        return null;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static Result read(Path out) throws IOException {
        if (!Files.isRegularFile(out)) {
            return Result.failed("probe exited 0 but wrote no result");
        }
        try (InputStream file = Files.newInputStream(out); DataInputStream data = new DataInputStream(file)) {
            if (data.readInt() != KernelProbe.FORMAT) {
                return Result.failed("probe wrote a result of another version");
            }
            double millis = data.readDouble();
            int count = data.readInt();
            int dim = data.readInt();
            float[][] vectors = new float[count][dim];
            for (float[] v : vectors) {
                for (int i = 0; i < dim; i++) {
                    v[i] = data.readFloat();
                }
            }
            return new Result(true, "ok", vectors, millis);
        }
    }

    private static List<String> javaCommand(KernelPath path, Path cacheDir, Path workDir, Path out) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx768m");
        cmd.add("-XX:+UseSerialGC");
        // a crash report under a name of our own, next to the verdict, and no core dump
        cmd.add("-XX:ErrorFile=" + workDir.resolve(path.label() + "-probe-crash.log").toAbsolutePath());
        cmd.add("-XX:-CreateCoredumpOnCrash");
        for (String property : List.of("DJL_CACHE_DIR", "ENGINE_CACHE_DIR", "ai.djl.pytorch.num_threads",
                "ai.djl.pytorch.num_interop_threads")) {
            String value = System.getProperty(property);
            if (value != null) {
                cmd.add("-D" + property + "=" + value);
            }
        }
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(KernelProbe.class.getName());
        cmd.add(path.label());
        cmd.add(cacheDir.toAbsolutePath().toString());
        cmd.add(out.toAbsolutePath().toString());
        return cmd;
    }

    /**
     * This JVM's class path, plus the URLs of a class loader that added to it (Maven's exec:java and
     * some test runners load the application in a child class loader).
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry).toAbsolutePath().toString()); // the child runs in another directory
            }
        }
        for (ClassLoader loader = ProbeRunner.class.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toAbsolutePath().toString());
                        } catch (java.net.URISyntaxException | RuntimeException ignored) {
                            // not a local path; the child cannot use it either
                        }
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
