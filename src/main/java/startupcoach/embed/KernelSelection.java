package startupcoach.embed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Decides, once per process and before libtorch loads, which {@link KernelPath} the embedder runs on.
 *
 * <p>Why a child JVM: a native kernel that faults (SIGFPE, SIGILL, SIGSEGV) takes the whole JVM
 * with it, and no Java code can catch that. So the fast path is tried first in a throw-away JVM
 * on the shapes the embedder uses, then the safe path in another, and the fast one is used only
 * if its child finished, its vectors match the safe ones (cosine ≥ {@value KernelVerdict#MIN_COSINE})
 * and it was not slower ({@link KernelVerdict#MIN_SPEEDUP}). The verdict is kept next to the
 * native cache, keyed by CPU model and features, libtorch version, shim and probe version, so the
 * probe costs a few seconds on the first start on a machine, never again.
 */
final class KernelSelection {

    /** The path chosen and why, as the start-up log line says it. */
    record Choice(KernelPath path, String reason) {
    }

    private static final Logger log = LoggerFactory.getLogger(KernelSelection.class);

    private final ProbeRunner runner;
    private final Path verdictDir;
    private final CpuInfo cpu;
    private final boolean shimBundled;

    KernelSelection(ProbeRunner runner, Path verdictDir, CpuInfo cpu, boolean shimBundled) {
        this.runner = runner;
        this.verdictDir = verdictDir;
        this.cpu = cpu;
        this.shimBundled = shimBundled;
    }

    /**
     * @throws EmbeddingException if {@code mode} is {@link KernelMode#FAST} and the fast path is
     *                            missing or failed its probe on this machine
     */
    Choice choose(KernelMode mode, LoadProgress progress) {
        if (mode == KernelMode.SAFE) {
            return logged(new Choice(KernelPath.SAFE, "COACH_EMBED_KERNELS=safe"));
        }
        if (!shimBundled || !linuxX64()) {
            String why = !linuxX64() ? "fast kernels exist for linux-x86_64 only"
                    : "this build has no fast kernels (no C compiler when it was built)";
            refuseIfForced(mode, why);
            return logged(new Choice(KernelPath.SAFE, why));
        }
        Path file = verdictDir.resolve("verdict-" + key() + ".properties");
        KernelVerdict verdict = KernelVerdict.load(file).orElseGet(() -> {
            progress.step("checking the fast embedding kernels on this CPU (first start on this machine only)…");
            KernelVerdict fresh = probe();
            try {
                fresh.save(file, cpu);
            } catch (IOException e) {
                log.warn("embed.kernels.verdict_not_saved file={} reason={}", file, e.toString());
            }
            return fresh;
        });
        if (!verdict.passed()) {
            refuseIfForced(mode, verdict.reason());
            log.warn("embed.kernels.probe_failed cpu=\"{}\" reason=\"{}\" using=safe verdict={} (delete it to probe again)",
                    cpu.model(), verdict.reason(), file);
            return logged(new Choice(KernelPath.SAFE, verdict.reason()));
        }
        if (mode == KernelMode.FAST) {
            return logged(new Choice(KernelPath.FAST, "COACH_EMBED_KERNELS=fast; " + verdict.reason()));
        }
        return logged(new Choice(verdict.worthwhile() ? KernelPath.FAST : KernelPath.SAFE, verdict.reason()));
    }

    private KernelVerdict probe() {
        ProbeRunner.Result fast = runner.run(KernelPath.FAST);
        if (!fast.ok()) {
            return KernelVerdict.failed(fast.reason());
        }
        ProbeRunner.Result safe = runner.run(KernelPath.SAFE);
        if (!safe.ok()) {
            // the reference failed too: nothing is known about the fast path, so do not use it
            return KernelVerdict.failed("safe reference probe failed: " + safe.reason());
        }
        if (fast.vectors().length != safe.vectors().length) {
            return KernelVerdict.failed("fast and safe probes returned different numbers of vectors");
        }
        double minCosine = 1;
        for (int i = 0; i < fast.vectors().length; i++) {
            minCosine = Math.min(minCosine, Vectors.cosine(fast.vectors()[i], safe.vectors()[i]));
        }
        double speedup = safe.millis() / Math.max(fast.millis(), 1e-3);
        if (!(minCosine >= KernelVerdict.MIN_COSINE)) {
            return KernelVerdict.failed(String.format(Locale.ROOT,
                    "fast kernels computed different vectors (min cosine %.6f)", minCosine));
        }
        String reason = String.format(Locale.ROOT, "probe passed: full batch %.0f ms fast vs %.0f ms safe (%.2fx), min cosine %.6f%s",
                fast.millis(), safe.millis(), speedup, minCosine,
                speedup >= KernelVerdict.MIN_SPEEDUP ? "" : "; slower on this CPU");
        return new KernelVerdict(true, speedup, minCosine, reason);
    }

    private void refuseIfForced(KernelMode mode, String why) {
        if (mode == KernelMode.FAST) {
            log.error("embed.kernels.refused mode=fast reason=\"{}\"", why);
            throw new EmbeddingException("COACH_EMBED_KERNELS=fast was refused: " + why
                    + ". The fast kernels are not safe to use on this machine; unset COACH_EMBED_KERNELS"
                    + " (or set it to auto or safe) to run on the safe kernels.");
        }
    }

    private Choice logged(Choice choice) {
        log.info("embed.kernels path={} reason=\"{}\" cpu=\"{}\"", choice.path().label(), choice.reason(), cpu.model());
        return choice;
    }

    private static boolean linuxX64() {
        String arch = System.getProperty("os.arch", "");
        return System.getProperty("os.name", "").startsWith("Linux") && ("amd64".equals(arch) || "x86_64".equals(arch));
    }

    /** Everything a verdict depends on: the CPU, the native library, the shim and this probe. */
    String key() {
        String material = String.join("|", cpu.model(), cpu.family(), String.join(" ", new TreeSet<>(cpu.flags())),
                libtorchVersion(), MklVendorShim.digest(), "probe" + KernelProbe.FORMAT);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String libtorchVersion() {
        try (InputStream in = KernelSelection.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown") + "-" + p.getProperty("flavor", "");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
