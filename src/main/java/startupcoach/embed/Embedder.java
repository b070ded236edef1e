package startupcoach.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns texts into dense vectors whose dot product is their cosine similarity.
 *
 * <p>Every vector has {@link #dimension()} components and unit L2 norm. The same text embedded
 * twice by the same model gives the same vector (up to float rounding across batch shapes), so a
 * vector computed once may be cached under {@link #modelId()} and the text's hash.
 *
 * <pre>{@code
 * try (Embedder embedder = new BgeSmallZhEmbedder(dataDir, LoadProgress.silent())) {
 *     float[] query = embedder.embed("如何制定定价策略");
 *     List<float[]> passages = embedder.embedAll(texts);
 * }
 * }</pre>
 *
 * <p><b>Thread-safety:</b> implementations in this package are safe to call from several threads;
 * {@link #close()} must not race with calls in flight. Returned arrays belong to the caller.
 */
public interface Embedder extends AutoCloseable {

    /**
     * A stable name of the model and its preprocessing, e.g. {@code bge-small-zh-v1.5}; it keys
     * the vector cache, so it changes whenever vectors would change.
     */
    String modelId();

    /** The number of components of every vector. */
    int dimension();

    /**
     * Embeds one text.
     *
     * @param text any string, may be empty; long texts are truncated to the model's window
     * @return a new unit-length vector of {@link #dimension()} components
     * @throws NullPointerException if {@code text} is null
     * @throws EmbeddingException   if the model fails
     */
    float[] embed(String text);

    /**
     * Embeds several texts; implementations batch them, which is much faster than one by one.
     *
     * @param texts the texts, none null
     * @return one vector per text, in the order of {@code texts}
     * @throws NullPointerException if {@code texts} or an element is null
     * @throws EmbeddingException   if the model fails
     */
    default List<float[]> embedAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts == null");
        List<float[]> vectors = new ArrayList<>(texts.size());
        for (String text : texts) {
            vectors.add(embed(text));
        }
        return vectors;
    }

    /** Releases native memory and files. Narrowed to throw no checked exception. */
    @Override
    void close();
}
