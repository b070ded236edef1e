package startupcoach.embed;

import java.util.List;
import java.util.Objects;

/**
 * An {@link Embedder} that works in batches: one text is a batch of one, and the arguments are
 * checked here once for every implementation.
 */
abstract class BatchEmbedder implements Embedder {

    @Override
    public final float[] embed(String text) {
        Objects.requireNonNull(text, "text == null");
        return embedAll(List.of(text)).get(0);
    }

    @Override
    public final List<float[]> embedAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts == null");
        texts.forEach(t -> Objects.requireNonNull(t, "texts contains null"));
        return texts.isEmpty() ? List.of() : embedBatch(texts);
    }

    /**
     * Embeds a non-empty list of non-null texts.
     *
     * @return one vector per text, in order
     */
    protected abstract List<float[]> embedBatch(List<String> texts);
}
