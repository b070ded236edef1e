package startupcoach.embed;

import ai.djl.MalformedModelException;
import ai.djl.huggingface.translator.TextEmbeddingTranslatorFactory;
import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Any Hugging Face text-embedding model that DJL can load through {@link Criteria} on the PyTorch
 * engine, for users who want another model than the built-in {@link BgeSmallZhEmbedder}. Only
 * constructed when configured; the default build never touches the network.
 *
 * <p>The model URL is anything DJL's {@code Criteria.optModelUrls} accepts: a local directory or
 * archive ({@code file:///models/my-model/}, holding {@code <name>.pt} TorchScript and
 * {@code tokenizer.json}), an http(s) archive URL, or a model-zoo URL
 * ({@code djl://ai.djl.huggingface.pytorch/sentence-transformers/all-MiniLM-L6-v2}). Pre-processing
 * is DJL's {@link TextEmbeddingTranslatorFactory} (the model's own tokenizer, pooling, then L2
 * normalisation). The application runs DJL with {@code ai.djl.offline=true}, so zoo URLs work
 * only once their metadata is in the DJL cache; direct archive URLs download normally.
 *
 * <pre>{@code
 * Embedder embedder = DjlCriteriaEmbedder.builder("file:///models/gte-small/", dataDir)
 *         .optPoolingMode("mean")
 *         .build();
 * }</pre>
 *
 * <p><b>Thread-safety:</b> safe for concurrent use (one DJL {@link Predictor} per call).
 */
public final class DjlCriteriaEmbedder extends BatchEmbedder {

    /** Pooling modes of DJL's {@code TextEmbeddingTranslator}. */
    public static final List<String> POOLING_MODES =
            List.of("mean", "max", "cls", "mean_sqrt_len", "lasttoken", "weightedmean");

    private static final Logger log = LoggerFactory.getLogger(DjlCriteriaEmbedder.class);
    private static final int BATCH_SIZE = 16;

    private final ZooModel<String, float[]> model;
    private final String modelId;
    private final int dimension;
    private final ReadWriteLock closeLock = new ReentrantReadWriteLock();
    private boolean closed;

    private DjlCriteriaEmbedder(Builder builder) {
        String where = redact(builder.modelUrl);
        long start = System.nanoTime();
        DjlRuntime.start(builder.dataDir.resolve("djl-cache"), builder.progress, builder.kernels);
        builder.progress.step("loading model " + where + "…");
        Criteria<String, float[]> criteria = Criteria.builder()
                .setTypes(String.class, float[].class)
                .optModelUrls(builder.modelUrl)
                .optEngine(DjlRuntime.ENGINE)
                .optTranslatorFactory(new TextEmbeddingTranslatorFactory())
                .optArgument("pooling", builder.pooling)
                .optArgument("normalize", "true")
                .optArgument("maxLength", String.valueOf(builder.maxTokens))
                .optArgument("truncation", "true")
                .build();
        ZooModel<String, float[]> loaded = null;
        try {
            loaded = criteria.loadModel();
            int dim;
            try (Predictor<String, float[]> predictor = loaded.newPredictor()) {
                dim = predictor.predict("probe").length;
            }
            this.model = loaded;
            this.dimension = dim;
        } catch (ModelNotFoundException | MalformedModelException | IOException | TranslateException
                 | RuntimeException e) {
            if (loaded != null) {
                loaded.close();
            }
            log.error("embed.criteria.load.failed url={}", where, e);
            throw new EmbeddingException("Could not load the embedding model from " + where + ": "
                    + reason(e, builder.modelUrl, where) + " (see the log).", e);
        }
        this.modelId = builder.modelId != null ? builder.modelId : where + "#" + builder.pooling;
        long ms = (System.nanoTime() - start) / 1_000_000;
        log.info("embed.criteria.load.done model={} dimension={} ms={}", modelId, dimension, ms);
        builder.progress.step("ready in " + ms + " ms");
    }

    /**
     * Starts a builder.
     *
     * @param modelUrl a DJL model URL, see the class comment
     * @param dataDir  the application's data directory; DJL's cache goes to {@code dataDir/djl-cache}
     */
    public static Builder builder(String modelUrl, Path dataDir) {
        return new Builder(modelUrl, dataDir);
    }

    /** Defaults to {@code <url without credentials or query>#<pooling>}. */
    @Override
    public String modelId() {
        return modelId;
    }

    /** Measured by embedding a probe text at load time. */
    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    protected List<float[]> embedBatch(List<String> texts) {
        closeLock.readLock().lock();
        try (Predictor<String, float[]> predictor = newPredictor()) {
            List<float[]> out = new ArrayList<>(texts.size());
            // the translator pads a batch to its longest text: bounded batches bound memory
            for (int from = 0; from < texts.size(); from += BATCH_SIZE) {
                List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH_SIZE));
                for (float[] v : predictor.batchPredict(batch)) {
                    out.add(Vectors.normalize(v));
                }
            }
            return out;
        } catch (TranslateException | RuntimeException e) {
            if (e instanceof EmbeddingException ee) {
                throw ee;
            }
            log.error("embed.criteria.failed model={} texts={}", modelId, texts.size(), e);
            throw new EmbeddingException("The embedding model failed (see the log).", e);
        } finally {
            closeLock.readLock().unlock();
        }
    }

    private Predictor<String, float[]> newPredictor() {
        if (closed) {
            throw new EmbeddingException("The embedding model has been closed.");
        }
        return model.newPredictor();
    }

    @Override
    public void close() {
        closeLock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                model.close();
            }
        } finally {
            closeLock.writeLock().unlock();
        }
    }

    /** DJL's message names the missing file or criteria; the raw URL in it is redacted. */
    private static String reason(Exception e, String url, String redactedUrl) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replace(url, redactedUrl);
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }

    /** The URL without user info or query, which may hold credentials. */
    static String redact(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.isOpaque()) {
                return url.replaceAll("[?#].*$", "");
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null)
                    .toString();
        } catch (Exception e) {
            return "(unparseable model URL)";
        }
    }

    /** Options for {@link DjlCriteriaEmbedder}; defaults in each {@code opt} method. */
    public static final class Builder {
        private final String modelUrl;
        private final Path dataDir;
        private String pooling = "mean";
        private String modelId;
        private int maxTokens = 512;
        private LoadProgress progress = LoadProgress.silent();
        private KernelMode kernels = KernelMode.AUTO;

        private Builder(String modelUrl, Path dataDir) {
            this.modelUrl = Objects.requireNonNull(modelUrl, "modelUrl == null");
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir == null");
            if (modelUrl.isBlank()) {
                throw new IllegalArgumentException("modelUrl is blank");
            }
        }

        /**
         * How token vectors become one vector; default {@code mean} (sentence-transformers),
         * {@code cls} for BGE-style models.
         *
         * @throws IllegalArgumentException if not one of {@link #POOLING_MODES}
         */
        public Builder optPoolingMode(String pooling) {
            if (!POOLING_MODES.contains(pooling)) {
                throw new IllegalArgumentException("pooling mode '" + pooling + "' is not one of " + POOLING_MODES);
            }
            this.pooling = pooling;
            return this;
        }

        /** The cache key; default {@code <url>#<pooling>}. Change it when the model file changes. */
        public Builder optModelId(String modelId) {
            this.modelId = Objects.requireNonNull(modelId, "modelId == null");
            return this;
        }

        /** Longer texts are truncated; default 512 tokens. */
        public Builder optMaxTokens(int maxTokens) {
            if (maxTokens < 2) {
                throw new IllegalArgumentException("maxTokens < 2: " + maxTokens);
            }
            this.maxTokens = maxTokens;
            return this;
        }

        /** Which native kernels libtorch may use (default {@link KernelMode#AUTO}). */
        public Builder optKernels(KernelMode kernels) {
            this.kernels = Objects.requireNonNull(kernels, "kernels == null");
            return this;
        }

        /** Receives load steps; default silent. */
        public Builder optProgress(LoadProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress == null");
            return this;
        }

        /**
         * Loads the model.
         *
         * @throws EmbeddingException if the engine or model cannot load
         */
        public DjlCriteriaEmbedder build() {
            return new DjlCriteriaEmbedder(this);
        }
    }
}
