package startupcoach.embed;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What the probe found out about the fast kernels on one machine, kept in a small properties file
 * so the probe runs once per CPU model, libtorch version and shim.
 *
 * @param passed    the fast path ran every probe shape and agreed with the safe path
 * @param speedup   safe time / fast time on a full batch (0 when it did not pass)
 * @param minCosine the lowest cosine between fast and safe vectors (0 when it did not pass)
 * @param reason    why, in a few words, for the log line
 */
record KernelVerdict(boolean passed, double speedup, double minCosine, String reason) {

    /**
     * The fast path is kept unless it was clearly slower. Not "clearly faster": on Intel CPUs the shim
     * changes nothing (MKL already dispatches by features there), so both times are equal up to the
     * noise of a loaded host, and a coin toss between equal paths would only make runs differ.
     */
    static final double MIN_SPEEDUP = 0.90;
    /** The golden test's bar: the fast path must compute the same vectors. */
    static final double MIN_COSINE = 0.9999;

    static KernelVerdict failed(String reason) {
        return new KernelVerdict(false, 0, 0, reason);
    }

    boolean worthwhile() {
        return passed && speedup >= MIN_SPEEDUP;
    }

    static Optional<KernelVerdict> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            return Optional.of(new KernelVerdict(Boolean.parseBoolean(p.getProperty("passed")),
                    Double.parseDouble(p.getProperty("speedup", "0")), Double.parseDouble(p.getProperty("minCosine", "0")),
                    p.getProperty("reason", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: probe again
        }
    }

    void save(Path file, CpuInfo cpu) throws IOException {
        Properties p = new Properties();
        p.setProperty("passed", Boolean.toString(passed));
        p.setProperty("speedup", String.format(Locale.ROOT, "%.3f", speedup));
        p.setProperty("minCosine", String.format(Locale.ROOT, "%.6f", minCosine));
        p.setProperty("reason", reason);
        p.setProperty("cpu", cpu.model() + " (" + cpu.family() + ")");
        p.setProperty("probedAt", Instant.now().toString());
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "verdict", ".tmp");
        try (Writer out = Files.newBufferedWriter(tmp)) {
            p.store(out, "startup-coach embedding kernel probe; delete to probe again");
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
