package startupcoach.embed;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A deterministic fake: the vector depends only on the text; counts what reaches it. */
final class CountingEmbedder implements Embedder {

    final AtomicInteger texts = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    volatile boolean closed;
    private final String modelId;
    private final int dimension;

    CountingEmbedder() {
        this("fake-model", 8);
    }

    CountingEmbedder(String modelId, int dimension) {
        this.modelId = modelId;
        this.dimension = dimension;
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
    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> batch) {
        calls.incrementAndGet();
        texts.addAndGet(batch.size());
        seen.addAll(batch);
        List<float[]> out = new ArrayList<>();
        for (String text : batch) {
            out.add(vectorOf(text, dimension));
        }
        return out;
    }

    static float[] vectorOf(String text, int dimension) {
        float[] v = new float[dimension];
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < dimension; i++) {
            v[i] = 1 + (i < bytes.length ? bytes[i] : i);
        }
        return Vectors.normalize(v);
    }

    @Override
    public void close() {
        closed = true;
    }
}
