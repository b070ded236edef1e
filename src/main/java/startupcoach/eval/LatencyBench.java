package startupcoach.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Measures the in-process latency of answering: every question runs {@code warmupRounds} times
 * untimed (JIT, caches of the analyzer), then {@code rounds} times timed one at a time.
 */
public final class LatencyBench {

    /** Percentiles of one benchmark run, in milliseconds. */
    public record Result(String label, int samples, double p50, double p90, double p99, double max, double mean) {

        public String line() {
            return String.format(Locale.ROOT, "%-24s n=%-5d p50=%7.2f ms  p90=%7.2f ms  p99=%7.2f ms  max=%7.2f ms  mean=%7.2f ms",
                    label, samples, p50, p90, p99, max, mean);
        }
    }

    private final int warmupRounds;
    private final int rounds;

    public LatencyBench(int warmupRounds, int rounds) {
        if (warmupRounds < 0 || rounds < 1) {
            throw new IllegalArgumentException("warmupRounds >= 0 and rounds >= 1 required");
        }
        this.warmupRounds = warmupRounds;
        this.rounds = rounds;
    }

    public Result run(String label, List<String> questions, Consumer<String> ask) {
        for (int r = 0; r < warmupRounds; r++) {
            questions.forEach(ask);
        }
        List<Double> ms = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (String q : questions) {
                long start = System.nanoTime();
                ask.accept(q);
                ms.add((System.nanoTime() - start) / 1e6);
            }
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result(label, sorted.length, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0));
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
