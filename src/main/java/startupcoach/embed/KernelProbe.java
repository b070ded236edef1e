package startupcoach.embed;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The child-JVM side of the kernel probe: loads the real model on one {@link KernelPath}, runs the
 * shapes the embedder uses (a full batch of {@value BgeSmallZhEmbedder#MAX_BATCH_TOKENS} padded tokens,
 * a ragged batch, the longest sequence, a short query, each with and without the CLS-only last
 * layer), and writes the vectors and the time of a full batch to a file. If a kernel kills this
 * JVM, only this JVM dies; the parent reads the exit status.
 *
 * <pre>
 * java -cp startup-coach.jar startupcoach.embed.KernelProbe fast|safe CACHE_DIR OUT_FILE
 * </pre>
 */
public final class KernelProbe {

    static final int FORMAT = 1;
    private static final int TIMED_RUNS = 3;

    private KernelProbe() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KernelProbe fast|safe CACHE_DIR OUT_FILE");
            System.exit(2);
        }
        KernelPath path = KernelPath.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
        Path cacheDir = Path.of(args[1]);
        Path out = Path.of(args[2]);
        DjlRuntime.startOn(cacheDir, path, "probe child");
        try (BgeSmallZhEmbedder embedder = new BgeSmallZhEmbedder(cacheDir.getParent(), LoadProgress.silent())) {
            List<float[]> vectors = new ArrayList<>();
            for (long[][] batch : shapes()) {
                vectors.addAll(Arrays.asList(embedder.embedBatch(batch, true)));
                vectors.addAll(Arrays.asList(embedder.embedBatch(batch, false)));
            }
            long[][] full = shapes().get(0);
            double[] ms = new double[TIMED_RUNS];
            for (int i = 0; i < TIMED_RUNS; i++) {
                long start = System.nanoTime();
                embedder.embedBatch(full, true);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            write(out, ms[TIMED_RUNS / 2], vectors);
        }
        System.exit(0);
    }

    /** Deterministic token ids, [CLS] … [SEP]; rows of different lengths are padded by the embedder. */
    static List<long[][]> shapes() {
        int full = BgeSmallZhEmbedder.MAX_BATCH_TOKENS / BgeSmallZhEmbedder.DEFAULT_BATCH_SIZE;
        return List.of(
                batch(repeat(full, BgeSmallZhEmbedder.DEFAULT_BATCH_SIZE)),
                batch(new int[] {300, 251, 200, 120, 37}),
                batch(new int[] {512}),
                batch(new int[] {9}));
    }

    private static int[] repeat(int length, int rows) {
        int[] lengths = new int[rows];
        Arrays.fill(lengths, length);
        return lengths;
    }

    private static long[][] batch(int[] lengths) {
        SplittableRandom random = new SplittableRandom(lengths.length * 31L + lengths[0]);
        long[][] ids = new long[lengths.length][];
        for (int r = 0; r < lengths.length; r++) {
            ids[r] = new long[lengths[r]];
            ids[r][0] = 101;
            for (int t = 1; t < lengths[r] - 1; t++) {
                ids[r][t] = 672 + random.nextInt(20_000);
            }
            ids[r][lengths[r] - 1] = 102;
        }
        return ids;
    }

    private static void write(Path out, double medianMs, List<float[]> vectors) throws IOException {
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(tmp); DataOutputStream data = new DataOutputStream(file)) {
            data.writeInt(FORMAT);
            data.writeDouble(medianMs);
            data.writeInt(vectors.size());
            data.writeInt(vectors.get(0).length);
            for (float[] v : vectors) {
                for (float f : v) {
                    data.writeFloat(f);
                }
            }
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
