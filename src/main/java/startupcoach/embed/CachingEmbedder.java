package startupcoach.embed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Keeps every vector on disk, keyed by (model id, SHA-256 of the text), so a restart re-embeds
 * nothing that was embedded before.
 *
 * <p>Vectors live in {@code <dataDir>/vectors/<modelId>/vectors.bin}, one append-only file loaded
 * into memory when the cache opens (about 2 KB per 512-d vector, so 10 000 passages take 20 MB).
 * Only texts missing from the cache reach the delegate, in one {@link Embedder#embedAll} call per
 * call here, so the delegate still batches them.
 *
 * <pre>{@code
 * try (Embedder embedder = CachingEmbedder.lazy(BgeSmallZhEmbedder.MODEL_ID, BgeSmallZhEmbedder.DIMENSION,
 *         () -> new BgeSmallZhEmbedder(dataDir, progress), dataDir)) {
 *     embedder.embedAll(passages); // a warm start neither loads the model nor embeds
 * }
 * }</pre>
 *
 * <p><b>Thread-safety:</b> safe for concurrent use. Two threads missing the same text may both
 * embed it; only one vector is stored. <b>Warning:</b> only one process may write a cache
 * directory at a time.
 */
public final class CachingEmbedder extends BatchEmbedder {

    private static final Logger log = LoggerFactory.getLogger(CachingEmbedder.class);

    private final String modelId;
    private final int dimension;
    private final Supplier<? extends Embedder> factory;
    private final Map<TextHash, float[]> vectors = new ConcurrentHashMap<>();
    private final VectorFile file;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private Embedder delegate; // guarded by this
    private volatile boolean closed;

    /**
     * Caches {@code delegate}'s vectors under {@code dataDir}; closing this cache closes it.
     *
     * @throws EmbeddingException if the cache file cannot be read or created
     */
    public CachingEmbedder(Embedder delegate, Path dataDir) {
        this(Objects.requireNonNull(delegate, "delegate == null").modelId(), delegate.dimension(),
                () -> delegate, dataDir);
        this.delegate = delegate;
    }

    private CachingEmbedder(String modelId, int dimension, Supplier<? extends Embedder> factory, Path dataDir) {
        this.modelId = Objects.requireNonNull(modelId, "modelId == null");
        this.factory = Objects.requireNonNull(factory, "factory == null");
        Objects.requireNonNull(dataDir, "dataDir == null");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension < 1: " + dimension);
        }
        this.dimension = dimension;
        Path dir = directory(dataDir, modelId);
        try {
            this.file = VectorFile.open(dir, modelId, dimension, vectors::put);
        } catch (IOException e) {
            log.error("embed.cache.open.failed dir={}", dir, e);
            throw new EmbeddingException("Could not open the vector cache in " + dir + " (see the log).", e);
        }
        log.info("embed.cache.open model={} vectors={} file={}", modelId, vectors.size(), file.path());
    }

    /**
     * A cache that creates its delegate only on the first miss, so a start whose texts are all
     * cached never loads the model. The created delegate must report {@code modelId} and
     * {@code dimension}; closing this cache closes it.
     */
    public static CachingEmbedder lazy(String modelId, int dimension, Supplier<? extends Embedder> factory,
                                       Path dataDir) {
        return new CachingEmbedder(modelId, dimension, factory, dataDir);
    }

    /** {@code <dataDir>/vectors/<modelId with unsafe characters replaced by _>}. */
    public static Path directory(Path dataDir, String modelId) {
        return dataDir.resolve("vectors").resolve(modelId.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    protected List<float[]> embedBatch(List<String> texts) {
        if (closed) {
            throw new EmbeddingException("The vector cache has been closed.");
        }
        List<TextHash> hashes = new ArrayList<>(texts.size());
        // distinct missing texts, in first-seen order
        Map<TextHash, String> missing = new LinkedHashMap<>();
        for (String text : texts) {
            TextHash hash = TextHash.of(text);
            hashes.add(hash);
            if (!vectors.containsKey(hash)) {
                missing.putIfAbsent(hash, text);
            }
        }
        if (!missing.isEmpty()) {
            store(missing);
        }
        misses.addAndGet(missing.size());
        hits.addAndGet(texts.size() - missing.size());
        List<float[]> result = new ArrayList<>(texts.size());
        for (TextHash hash : hashes) {
            result.add(vectors.get(hash).clone());
        }
        return result;
    }

    private void store(Map<TextHash, String> missing) {
        List<float[]> computed = delegate().embedAll(new ArrayList<>(missing.values()));
        if (computed.size() != missing.size()) {
            throw new EmbeddingException("The embedding model returned " + computed.size()
                    + " vectors for " + missing.size() + " texts.");
        }
        Map<TextHash, float[]> fresh = new LinkedHashMap<>();
        int i = 0;
        for (TextHash hash : missing.keySet()) {
            float[] vector = computed.get(i++);
            if (vector.length != dimension) {
                throw new EmbeddingException("The embedding model returned a vector of " + vector.length
                        + " components, expected " + dimension + ".");
            }
            fresh.put(hash, vector.clone());
        }
        synchronized (file) {
            if (closed) {
                throw new EmbeddingException("The vector cache has been closed.");
            }
            // another thread may have stored some of them meanwhile
            fresh.keySet().removeIf(vectors::containsKey);
            try {
                file.append(fresh);
            } catch (IOException e) {
                log.error("embed.cache.append.failed file={}", file.path(), e);
                throw new EmbeddingException("Could not write the vector cache (see the log).",
                        new UncheckedIOException(e));
            }
            vectors.putAll(fresh);
        }
    }

    private synchronized Embedder delegate() {
        if (delegate == null) {
            Embedder created = Objects.requireNonNull(factory.get(), "factory returned null");
            if (!created.modelId().equals(modelId) || created.dimension() != dimension) {
                created.close();
                throw new EmbeddingException("The embedding model " + created.modelId() + " (" + created.dimension()
                        + "-d) does not match its cache " + modelId + " (" + dimension + "-d).");
            }
            delegate = created;
        }
        return delegate;
    }

    /** Vectors in the cache. */
    public int size() {
        return vectors.size();
    }

    /** Texts answered from the cache since it opened. */
    public long hits() {
        return hits.get();
    }

    /** Distinct texts sent to the model since the cache opened. */
    public long misses() {
        return misses.get();
    }

    /** Closes the cache file and the delegate, if one was created. */
    @Override
    public void close() {
        closed = true;
        synchronized (file) {
            try {
                file.close();
            } catch (IOException e) {
                log.warn("embed.cache.close.failed file={}", file.path(), e);
            }
        }
        synchronized (this) {
            if (delegate != null) {
                delegate.close();
            }
        }
    }
}
