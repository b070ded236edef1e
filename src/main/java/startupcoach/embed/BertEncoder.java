package startupcoach.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;

/**
 * The BERT forward pass written with DJL NDArray operations (post-LayerNorm, exact erf-GELU),
 * matching Hugging Face {@code BertModel} in inference mode, returning the {@code [CLS]} state.
 *
 * <p>Memory: DJL attaches an operation's result to the manager of its <em>first</em> operand.
 * Every operation here therefore starts from an activation, never from a weight, so results land
 * in the per-batch or per-layer manager; the weights' manager is capped, so a slip fails loudly
 * instead of leaking. Each layer runs in its own sub-manager that is closed as soon as the layer's
 * output has been moved to the batch manager, so a batch holds at most two layers of
 * intermediates.
 *
 * <p>Speed: nearly all time is in the dense projections, which run as {@code linear}, i.e. MKL
 * {@code sgemm}. Which MKL kernels that reaches is decided once per process before libtorch loads
 * (see {@link KernelSelection}). An earlier version ran the projections as 1×1 convolutions in
 * oneDNN; oneDNN's brgemm blocking heuristic divides by the CPU's cache sizes, and on hosts whose
 * hypervisor reports none (CPUID leaf 4 / 0x8000001D empty) that killed the JVM with SIGFPE, so
 * no convolution path is used. Activations stay 2-D ({@code [tokens, hidden]}) and residual
 * additions are done in place on fresh outputs. Only {@code [CLS]} is pooled, so the last
 * layer computes keys and values for every token but attention, output projection and feed-forward
 * for {@code [CLS]} alone: the same numbers for about a fifth less work.
 *
 * <p>Thread-safety: stateless apart from the immutable weights; safe for concurrent batches.
 */
final class BertEncoder {

    private static final float LAYER_NORM_EPS = 1e-12f;
    /** Added to attention scores of padding; exp() of it is exactly 0 in float. */
    private static final float MASKED_SCORE = -1e9f;
    private static final NDIndex CLS_ONLY = new NDIndex(":, 0, :");
    private static final NDIndex FIRST_QUERY = new NDIndex(":, :, 0:1, :");

    private final BertWeights weights;
    private final int hidden;
    private final int heads;
    private final int headSize;

    BertEncoder(BertWeights weights) {
        this.weights = weights;
        this.hidden = weights.hiddenSize;
        this.heads = weights.heads;
        this.headSize = hidden / heads;
    }

    int maxPositions() {
        return weights.maxPositions;
    }

    /**
     * Runs the encoder on one padded batch and returns the final hidden state of each sequence's
     * first token ({@code [CLS]}), not normalised.
     *
     * @param batch            the manager that owns this batch; every array created here is attached
     *                         to it or to a sub-manager of it
     * @param ids              token ids, each row padded with {@code 0} to the same length
     * @param lengths          the real (unpadded) length of each row, at least 1
     * @param clsOnlyLastLayer whether the last layer skips what {@code [CLS]} does not need
     */
    float[][] clsStates(NDManager batch, long[][] ids, int[] lengths, boolean clsOnlyLastLayer) {
        int rows = ids.length;
        int seqLen = ids[0].length;
        if (seqLen > weights.maxPositions) {
            throw new IllegalArgumentException("sequence of " + seqLen + " tokens exceeds " + weights.maxPositions);
        }
        NDArray x = embeddings(batch, ids, seqLen);
        NDArray maskBias = maskBias(batch, lengths, seqLen);
        int last = weights.layers.size() - 1;
        for (int i = 0; i <= last; i++) {
            try (NDManager scope = batch.newSubManager()) {
                // the previous layer's output is freed with this layer's intermediates
                x.attach(scope);
                NDArray out = layer(weights.layers.get(i), x, maskBias, rows, seqLen, clsOnlyLastLayer && i == last);
                out.attach(batch);
                x = out;
            }
        }
        if (!clsOnlyLastLayer) {
            x = x.reshape(rows, seqLen, hidden).get(CLS_ONLY);
        }
        float[] cls = x.toFloatArray(); // [rows, hidden]
        float[][] result = new float[rows][hidden];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(cls, r * hidden, result[r], 0, hidden);
        }
        return result;
    }

    /** {@code [rows·seq, hidden]}. */
    private NDArray embeddings(NDManager batch, long[][] ids, int seqLen) {
        NDArray tokenIds = batch.create(ids);
        NDArray positions = batch.arange(0, seqLen, 1, DataType.INT64);
        // single-sentence input: every token has type 0
        NDArray typeIds = batch.zeros(new Shape(1), DataType.INT64);
        NDArray sum = lookup(tokenIds, weights.wordEmbeddings)
                .addi(lookup(positions, weights.positionEmbeddings))
                .addi(lookup(typeIds, weights.tokenTypeEmbeddings));
        return layerNorm(sum.reshape(ids.length * (long) seqLen, hidden),
                weights.embeddingNormGamma, weights.embeddingNormBeta);
    }

    private static NDArray lookup(NDArray ids, NDArray table) {
        // NDArrayEx.embedding attaches the result to the ids' manager, not the table's
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** {@code [rows, 1, 1, key]} bias broadcast over heads and queries, or null without padding. */
    private static NDArray maskBias(NDManager batch, int[] lengths, int seqLen) {
        boolean padded = false;
        float[] bias = new float[lengths.length * seqLen];
        for (int r = 0; r < lengths.length; r++) {
            for (int t = lengths[r]; t < seqLen; t++) {
                bias[r * seqLen + t] = MASKED_SCORE;
                padded = true;
            }
        }
        return padded ? batch.create(bias, new Shape(lengths.length, 1, 1, seqLen)) : null;
    }

    /**
     * One transformer block on {@code x = [rows·seq, hidden]}; returns the same shape, or
     * {@code [rows, hidden]} for the {@code [CLS]} tokens alone if {@code clsOnly}.
     */
    private NDArray layer(BertWeights.Layer w, NDArray x, NDArray maskBias, int rows, int seqLen, boolean clsOnly) {
        // [rows·seq, 3·hidden] → [3, rows, heads, seq, headSize]; the query is pre-scaled by 1/√headSize
        NDArray qkv = dense(x, w.qkv())
                .reshape(rows, seqLen, 3, heads, headSize)
                .transpose(2, 0, 3, 1, 4);
        NDArray query = qkv.get(0);
        NDArray key = qkv.get(1);
        NDArray value = qkv.get(2);
        NDArray residual = x;
        int queries = seqLen;
        if (clsOnly) {
            query = query.get(FIRST_QUERY);
            residual = x.reshape(rows, seqLen, hidden).get(CLS_ONLY);
            queries = 1;
        }
        NDArray scores = query.matMul(key.transpose(0, 1, 3, 2));
        if (maskBias != null) {
            scores.addi(maskBias);
        }
        NDArray context = scores.softmax(-1).matMul(value)
                .transpose(0, 2, 1, 3)
                .reshape(rows * (long) queries, hidden);
        NDArray attention = layerNorm(dense(context, w.attentionOut()).addi(residual),
                w.attentionNormGamma(), w.attentionNormBeta());
        // torch's gelu defaults to the exact erf form BERT was trained with (not the tanh approximation)
        NDArray intermediate = dense(attention, w.intermediate()).getNDArrayInternal().gelu();
        return layerNorm(dense(intermediate, w.output()).addi(attention),
                w.outputNormGamma(), w.outputNormBeta());
    }

    /** {@code x · weightᵀ + bias} for {@code x = [tokens, in]}; a fresh {@code [tokens, out]} array. */
    private static NDArray dense(NDArray x, BertWeights.Dense d) {
        return x.getNDArrayInternal().linear(x, d.weight(), d.bias()).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(hidden), gamma, beta, LAYER_NORM_EPS).singletonOrThrow();
    }
}
