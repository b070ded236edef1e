package startupcoach.embed;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import startupcoach.knowledge.KnowledgeBase;
import startupcoach.knowledge.Passage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code bench embed}: our DJL embedder against ONNX Runtime on the same model file, the same
 * passages, the same batches with the same padding and the same thread count, side by side in one
 * process, so the ratio compares engines and not batching. Also times the whole knowledge base
 * end to end (tokenise, bucket, embed, normalise).
 *
 * <pre>
 * ./mvnw -q -B test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=startupcoach.embed.EmbedBenchmark
 * </pre>
 *
 * Arguments ({@code -Dexec.args="..."}): {@code --rounds N} (default 5), {@code --threads N}
 * intra-op threads of both engines (default 2; inter-op is 1), {@code --batch N} texts per batch
 * (default {@value BgeSmallZhEmbedder#DEFAULT_BATCH_SIZE}), {@code --passages N} an evenly spaced sample
 * of the passages (default all), {@code --knowledge DIR} (default
 * {@code knowledge}), {@code --data DIR} (default {@code target/embed-bench-data}).
 *
 * <p>Two ratios are printed: "same work" runs our last layer for every token, as ONNX Runtime
 * must to return the hidden state; "as shipped" is the embedder as {@link BgeSmallZhEmbedder#embedAll}
 * runs it, whose last layer only computes what {@code [CLS]} needs.
 */
public final class EmbedBenchmark {

    private EmbedBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 5;
        int threads = 2;
        int batchSize = BgeSmallZhEmbedder.DEFAULT_BATCH_SIZE;
        Path knowledge = Path.of("knowledge");
        Path data = Path.of("target", "embed-bench-data");
        int passages = Integer.MAX_VALUE;
        KernelMode kernels = KernelMode.AUTO;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--batch" -> batchSize = Integer.parseInt(args[++i]);
                case "--knowledge" -> knowledge = Path.of(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--passages" -> passages = Integer.parseInt(args[++i]);
                case "--kernels" -> kernels = KernelMode.parse(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; valid: --rounds N, --threads N, --batch N, --passages N, --kernels auto|safe|fast,"
                        + " --knowledge DIR, --data DIR");
            }
        }
        run(knowledge, data, rounds, threads, batchSize, passages, kernels, System.out);
    }

    static void run(Path knowledge, Path data, int rounds, int threads, int batchSize, int passages, KernelMode kernels,
                    PrintStream out) throws IOException, OrtException {
        if (!Files.isDirectory(knowledge)) {
            throw new IllegalArgumentException("no knowledge directory " + knowledge.toAbsolutePath());
        }
        // Both engines get the same intra-op thread count and one inter-op thread; DJL reads these once, at engine start.
        setIfAbsent("ai.djl.pytorch.num_threads", threads);
        setIfAbsent("ai.djl.pytorch.num_interop_threads", 1);
        List<String> all = KnowledgeBase.load(knowledge).citablePassages().stream().map(Passage::text).toList();
        // a quicker run takes an evenly spaced sample, so the mix of lengths stays the same
        int n = Math.min(passages, all.size());
        List<String> texts = IntStream.range(0, n).mapToObj(i -> all.get((int) ((long) i * all.size() / n))).toList();

        try (BgeSmallZhEmbedder embedder = new BgeSmallZhEmbedder(data, LoadProgress.silent(), batchSize, kernels);
             OrtEnvironment env = OrtEnvironment.getEnvironment();
             OrtSession session = ortSession(env, threads)) {
            long[][] ids = texts.stream().map(embedder::tokenIds).toArray(long[][]::new);
            List<long[][]> batches = new ArrayList<>();
            double fullFlops = 0;
            double shippedFlops = 0;
            long real = 0;
            long padded = 0;
            for (int[] rows : BgeSmallZhEmbedder.batches(ids, batchSize)) {
                long[][] batch = new long[rows.length][];
                int longest = 0;
                for (int j = 0; j < rows.length; j++) {
                    batch[j] = ids[rows[j]];
                    real += batch[j].length;
                    longest = Math.max(longest, batch[j].length);
                }
                padded += (long) longest * rows.length;
                fullFlops += Flops.full(rows.length, longest);
                shippedFlops += Flops.clsOnlyLastLayer(rows.length, longest);
                batches.add(batch);
            }
            out.printf("bench embed: %d passages of %s, %d tokens (avg %.0f, max %d), %d batches (≤%d texts, ≤%d padded tokens), %d padded tokens%n",
                    texts.size(), knowledge, real, (double) real / texts.size(),
                    Arrays.stream(ids).mapToInt(a -> a.length).max().orElse(0),
                    batches.size(), batchSize, BgeSmallZhEmbedder.MAX_BATCH_TOKENS, padded);
            out.printf("host: load average %.2f before the run (this host has other builds; compare rounds, not runs)%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            KernelSelection.Choice choice = DjlRuntime.kernels();
            out.printf("cpu: %s (family/model/stepping %s), kernels: path=%s (%s)%n", CpuInfo.current().model(),
                    CpuInfo.current().family(), choice.path().label(), choice.reason());
            out.printf("threads: intra-op %d, inter-op 1 (both engines); torch reports intra %d inter %d; OMP_WAIT_POLICY=%s; cpus=%d%n",
                    threads, ai.djl.pytorch.jni.JniUtils.getNumThreads(), ai.djl.pytorch.jni.JniUtils.getNumInteropThreads(),
                    System.getenv().getOrDefault("OMP_WAIT_POLICY", "(PASSIVE, set by DjlRuntime)"),
                    Runtime.getRuntime().availableProcessors());

            // warm-up, and the check that both engines compute the same vectors on these batches
            double minCosine = 1;
            for (long[][] batch : batches) {
                float[][] djl = embedder.embedBatch(batch, false);
                float[][] ort = ortBatch(env, session, batch);
                for (int r = 0; r < batch.length; r++) {
                    minCosine = Math.min(minCosine, Vectors.cosine(djl[r], ort[r]));
                }
                embedder.embedBatch(batch, true);
            }
            out.printf("check: min cosine DJL vs ORT over all %d passages = %.6f%n", texts.size(), minCosine);

            double[] sameWork = new double[rounds];
            double[] shipped = new double[rounds];
            double[] djlRates = new double[rounds];
            double[] djlClsRates = new double[rounds];
            double[] ortRates = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                // Interleaved batch by batch, in alternating order, so that load from other processes
                // (this host has 2 cores and other builds) hits both engines alike.
                double ortSeconds = 0;
                double djlSeconds = 0;
                double djlClsSeconds = 0;
                for (int b = 0; b < batches.size(); b++) {
                    long[][] batch = batches.get(b);
                    if (b % 2 == 0) {
                        ortSeconds += time(() -> ortBatch(env, session, batch));
                    }
                    djlSeconds += time(() -> embedder.embedBatch(batch, false));
                    djlClsSeconds += time(() -> embedder.embedBatch(batch, true));
                    if (b % 2 == 1) {
                        ortSeconds += time(() -> ortBatch(env, session, batch));
                    }
                }
                ortRates[round] = texts.size() / ortSeconds;
                djlRates[round] = texts.size() / djlSeconds;
                djlClsRates[round] = texts.size() / djlClsSeconds;
                sameWork[round] = ortSeconds / djlSeconds;
                shipped[round] = ortSeconds / djlClsSeconds;
                out.printf("round %d: ORT %.1f passages/s | DJL same work %.1f passages/s, ratio DJL/ORT %.2f | DJL as shipped %.1f passages/s, ratio %.2f%n",
                        round + 1, ortRates[round], djlRates[round], sameWork[round], djlClsRates[round], shipped[round]);
            }
            out.printf("ORT (onnxruntime, same batches)      passages/s %s%n", summary(ortRates));
            out.printf("DJL same work (all tokens, last layer) passages/s %s%n", summary(djlRates));
            out.printf("DJL as shipped (CLS-only last layer)   passages/s %s%n", summary(djlClsRates));
            gflops(out, fullFlops, shippedFlops, texts.size(), ortRates, djlRates, djlClsRates);
            out.printf("ratio DJL/ORT same work  %s%n", summary(sameWork));
            out.printf("ratio DJL/ORT as shipped %s%n", summary(shipped));
            // Contention from other processes hurts ORT's spinning thread pool more than libgomp's passive
            // waits, which flatters DJL; rounds within 15% of ORT's best are the ones to quote.
            double best = Arrays.stream(ortRates).max().orElse(0);
            int[] quiet = IntStream.range(0, rounds).filter(r -> ortRates[r] >= 0.85 * best).toArray();
            out.printf("quiet rounds (ORT within 15%% of its best, %d of %d): ratio same work %s; as shipped %s%n",
                    quiet.length, rounds, summary(pick(sameWork, quiet)), summary(pick(shipped, quiet)));

            out.printf("host: load average %.2f after the engine rounds%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            double[] endToEnd = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                endToEnd[round] = time(() -> embedder.embedAll(texts)) * 1000;
            }
            out.printf("end-to-end: embedAll of the whole knowledge base (%d passages: tokenise, length-bucket, embed, normalise) ms %s%n",
                    texts.size(), summary(endToEnd));
            cachedRestart(embedder, texts, data, out);
        }
    }

    /**
     * Achieved GFLOP/s of each engine against the CPU's FMA peak. "Same work" counts the full
     * forward pass for both engines; "as shipped" counts only what our CLS-only last layer computes.
     */
    private static void gflops(PrintStream out, double fullFlops, double shippedFlops, int passages,
                               double[] ortRates, double[] djlRates, double[] djlClsRates) {
        CpuInfo cpu = CpuInfo.current();
        double peak = cpu.fmaPeakGflops();
        double ort = median(ortRates) * fullFlops / passages / 1e9;
        double same = median(djlRates) * fullFlops / passages / 1e9;
        double shippedRate = median(djlClsRates) * shippedFlops / passages / 1e9;
        out.printf("work: %.1f GFLOP per pass over these passages (same work), %.1f GFLOP as shipped%n",
                fullFlops / 1e9, shippedFlops / 1e9);
        out.printf("FMA peak: %d cores × %.2f GHz × %d fp32 lanes × 2 (mul+add) × 2 FMA pipes = %.0f GFLOP/s%n",
                cpu.cores(), cpu.mhz() / 1000, cpu.fmaLanes(), peak);
        out.printf("achieved GFLOP/s (median): ORT %.1f (%.0f%% of peak) | DJL same work %.1f (%.0f%%) | DJL as shipped %.1f (%.0f%%)%n",
                ort, 100 * ort / peak, same, 100 * same / peak, shippedRate, 100 * shippedRate / peak);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The same texts through the vector cache: a cold start embeds them all, a restart none. */
    private static void cachedRestart(BgeSmallZhEmbedder embedder, List<String> texts, Path data, PrintStream out)
            throws IOException {
        Path cacheDir = Files.createTempDirectory(data.toAbsolutePath().getParent(), "embed-bench-cache");
        Embedder shared = new Embedder() {
            @Override
            public String modelId() {
                return embedder.modelId();
            }

            @Override
            public int dimension() {
                return embedder.dimension();
            }

            @Override
            public float[] embed(String text) {
                return embedder.embed(text);
            }

            @Override
            public List<float[]> embedAll(List<String> batch) {
                return embedder.embedAll(batch);
            }

            @Override
            public void close() {
                // the benchmark closes the embedder itself
            }
        };
        try {
            double cold;
            try (CachingEmbedder cache = new CachingEmbedder(shared, cacheDir)) {
                cold = time(() -> cache.embedAll(texts));
            }
            long start = System.nanoTime();
            try (CachingEmbedder cache = CachingEmbedder.lazy(embedder.modelId(), embedder.dimension(), () -> {
                throw new IllegalStateException("a warm restart must not load the model");
            }, cacheDir)) {
                cache.embedAll(texts);
            }
            out.printf("end-to-end through the vector cache: cold %.0f ms; restart (open cache file + look up all %d) %.0f ms, model not loaded%n",
                    cold * 1000, texts.size(), (System.nanoTime() - start) / 1e6);
        } finally {
            try (Stream<Path> files = Files.walk(cacheDir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static OrtSession ortSession(OrtEnvironment env, int threads) throws IOException, OrtException {
        byte[] model;
        try (InputStream in = EmbedBenchmark.class.getResourceAsStream(BgeSmallZhEmbedder.MODEL_RESOURCE)) {
            model = in.readAllBytes();
        }
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        return env.createSession(model, options);
    }

    /** ORT on the batch padded exactly as {@link BgeSmallZhEmbedder#embedBatch} pads it, with the attention mask. */
    static float[][] ortBatch(OrtEnvironment env, OrtSession session, long[][] batch) throws OrtException {
        int seqLen = 0;
        for (long[] row : batch) {
            seqLen = Math.max(seqLen, row.length);
        }
        long[][] ids = new long[batch.length][seqLen];
        long[][] mask = new long[batch.length][seqLen];
        long[][] types = new long[batch.length][seqLen];
        for (int r = 0; r < batch.length; r++) {
            System.arraycopy(batch[r], 0, ids[r], 0, batch[r].length);
            Arrays.fill(mask[r], 0, batch[r].length, 1L);
        }
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(env, ids);
             OnnxTensor maskTensor = OnnxTensor.createTensor(env, mask);
             OnnxTensor typesTensor = OnnxTensor.createTensor(env, types);
             OrtSession.Result result = session.run(Map.of(
                     "input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor))) {
            // [rows, seq, hidden]: read the [CLS] rows only, straight from the native buffer
            FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
            int width = BgeSmallZhEmbedder.DIMENSION;
            float[][] vectors = new float[batch.length][width];
            for (int r = 0; r < batch.length; r++) {
                hidden.get((int) ((long) r * seqLen * width), vectors[r]);
                Vectors.normalize(vectors[r]);
            }
            return vectors;
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static double time(Work work) {
        long start = System.nanoTime();
        try {
            work.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format("median %.2f, range %.2f–%.2f (%d rounds)",
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
    }

    private static double[] pick(double[] values, int[] indexes) {
        return Arrays.stream(indexes).mapToDouble(i -> values[i]).toArray();
    }

    private static void setIfAbsent(String property, int value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, String.valueOf(value));
        }
    }
}
