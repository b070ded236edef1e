package startupcoach.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The process's peak resident memory, as Linux accounts it (VmHWM): what a container limit must
 * allow, unlike the JVM heap figures, which leave out the model's native memory.
 */
final class PeakMemory {

    private PeakMemory() {
    }

    static String describe() {
        Runtime rt = Runtime.getRuntime();
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        return String.format(Locale.ROOT, "memory: peak RSS %s, heap used %d MB", peakRss(), heapMb);
    }

    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D+", ""));
                    return (kb >> 10) + " MB";
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc hidden: the figure is simply unavailable.
        }
        return "n/a";
    }
}
