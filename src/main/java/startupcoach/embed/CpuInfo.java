package startupcoach.embed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code /proc/cpuinfo} says of this machine's first CPU: enough to key the kernel probe's
 * verdict (a verdict is only valid for the CPU it was made on) and to state the FMA peak.
 *
 * @param model  the model name, e.g. {@code AMD EPYC}; {@code unknown} where it is not readable
 * @param family {@code cpu family/model/stepping}, which tells CPU generations apart that share a name
 * @param flags  the feature flags
 * @param mhz    the clock /proc reports (nominal on most VMs), or 0
 * @param cores  logical CPUs this JVM may use
 */
record CpuInfo(String model, String family, Set<String> flags, double mhz, int cores) {

    static CpuInfo current() {
        return parse(read(Path.of("/proc/cpuinfo")), Runtime.getRuntime().availableProcessors());
    }

    static CpuInfo parse(List<String> lines, int cores) {
        Map<String, String> first = new HashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                if (!first.isEmpty()) {
                    break;
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                first.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        String flags = first.getOrDefault("flags", "");
        double mhz = 0;
        try {
            mhz = Double.parseDouble(first.getOrDefault("cpu MHz", "0"));
        } catch (NumberFormatException ignored) {
            // some kernels print no clock; the peak is then not stated
        }
        return new CpuInfo(first.getOrDefault("model name", "unknown"),
                first.getOrDefault("cpu family", "?") + "/" + first.getOrDefault("model", "?") + "/"
                        + first.getOrDefault("stepping", "?"),
                flags.isBlank() ? Set.of() : Set.of(flags.split("\\s+")), mhz, cores);
    }

    /** FP32 lanes of one FMA instruction: 16 with AVX-512, 8 with AVX2 + FMA, 4 otherwise. */
    int fmaLanes() {
        if (flags.contains("avx512f")) {
            return 16;
        }
        return flags.contains("avx2") && flags.contains("fma") ? 8 : 4;
    }

    /**
     * The FP32 peak in GFLOP/s: cores × clock × FMA lanes × 2 (multiply and add) × 2 FMA pipes per
     * core (Zen 4/5, Skylake-SP and later server cores have two; fewer halves it).
     */
    double fmaPeakGflops() {
        return cores * (mhz / 1000.0) * fmaLanes() * 2 * 2;
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
