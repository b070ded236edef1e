package startupcoach.retrieve;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import startupcoach.embed.Embedder;
import startupcoach.knowledge.Passage;

/**
 * The passages' embeddings in memory, searched exactly. A few thousand 512-d vectors take a
 * millisecond to scan, so an approximate (HNSW) index would add build time and recall loss for
 * nothing at this size; a large corpus moves to a vector store behind the same {@link Retriever}.
 */
public final class VectorIndex {

    /** Scored candidate: index into the passage list and cosine similarity. */
    record Scored(int index, float score) {
    }

    private final List<Passage> passages;
    private final float[][] vectors;

    private VectorIndex(List<Passage> passages, float[][] vectors) {
        this.passages = passages;
        this.vectors = vectors;
    }

    /**
     * Embeds every passage (its heading path, then its text: the heading says what a short
     * paragraph is about). With a caching embedder a second start embeds nothing.
     */
    public static VectorIndex build(Collection<Passage> passages, Embedder embedder, IndexProgress progress) {
        List<Passage> list = List.copyOf(passages);
        List<String> texts = list.stream().map(VectorIndex::embeddingText).toList();
        float[][] vectors = new float[list.size()][];
        int batch = 32;
        progress.update(0, list.size());
        for (int from = 0; from < list.size(); from += batch) {
            int to = Math.min(list.size(), from + batch);
            List<float[]> out = embedder.embedAll(texts.subList(from, to));
            for (int i = from; i < to; i++) {
                vectors[i] = out.get(i - from);
            }
            progress.update(to, list.size());
        }
        return new VectorIndex(list, vectors);
    }

    static String embeddingText(Passage p) {
        return String.join(" › ", p.section().headingPath()) + "\n" + p.text();
    }

    /** Passages by descending cosine similarity to the (L2-normalised) query vector. */
    List<Scored> nearest(float[] query, int n) {
        PriorityQueue<Scored> top = new PriorityQueue<>((a, b) -> Float.compare(a.score(), b.score()));
        for (int i = 0; i < vectors.length; i++) {
            float dot = 0;
            float[] v = vectors[i];
            for (int d = 0; d < v.length; d++) {
                dot += v[d] * query[d];
            }
            top.add(new Scored(i, dot));
            if (top.size() > n) {
                top.poll();
            }
        }
        List<Scored> out = new ArrayList<>(top);
        out.sort((a, b) -> Float.compare(b.score(), a.score()));
        return out;
    }

    Passage passage(int index) {
        return passages.get(index);
    }

    public int size() {
        return passages.size();
    }
}
