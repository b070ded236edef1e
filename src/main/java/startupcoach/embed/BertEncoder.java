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
 * <p>Only {@code [CLS]} is pooled, so the last layer computes keys and values for every token but
 * attention, output projection and feed-forward for {@code [CLS]} alone: the same numbers for a
 * quarter less work.
 *
 * <p>Thread-safety: stateless apart from the immutable weights; safe for concurrent batches.
 */
final class BertEncoder {

    private static final float LAYER_NORM_EPS = 1e-12f;
    /** Added to attention scores of padding; exp() of it is exactly 0 in float. */
    private static final float MASKED_SCORE = -1e9f;
    private static final NDIndex CLS_ONLY = new NDIndex(":, 0:1, :");

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
     * @param batch   the manager that owns this batch; every array created here is attached to it
     *                or to a sub-manager of it
     * @param ids     token ids, each row padded with {@code 0} to the same length
     * @param lengths the real (unpadded) length of each row, at least 1
     */
    float[][] clsStates(NDManager batch, long[][] ids, int[] lengths) {
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
                NDArray out = layer(weights.layers.get(i), x, maskBias, rows, seqLen, i == last);
                out.attach(batch);
                x = out;
            }
        }
        float[] cls = x.toFloatArray(); // [rows, 1, hidden]
        float[][] result = new float[rows][hidden];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(cls, r * hidden, result[r], 0, hidden);
        }
        return result;
    }

    private NDArray embeddings(NDManager batch, long[][] ids, int seqLen) {
        NDArray tokenIds = batch.create(ids);
        NDArray positions = batch.arange(0, seqLen, 1, DataType.INT64);
        // single-sentence input: every token has type 0
        NDArray typeIds = batch.zeros(new Shape(1), DataType.INT64);
        NDArray sum = lookup(tokenIds, weights.wordEmbeddings)
                .add(lookup(positions, weights.positionEmbeddings))
                .add(lookup(typeIds, weights.tokenTypeEmbeddings));
        return layerNorm(sum, weights.embeddingNormGamma, weights.embeddingNormBeta);
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

    private NDArray layer(BertWeights.Layer w, NDArray x, NDArray maskBias, int rows, int seqLen, boolean clsOnly) {
        // [rows, seq, 3·hidden] → [3, rows, heads, seq, headSize]; the query is pre-scaled by 1/√headSize
        NDArray qkv = linear(x, w.qkvWeight(), w.qkvBias())
                .reshape(rows, seqLen, 3, heads, headSize)
                .transpose(2, 0, 3, 1, 4);
        NDArray query = qkv.get(0);
        NDArray key = qkv.get(1);
        NDArray value = qkv.get(2);
        NDArray residual = x;
        int queries = seqLen;
        if (clsOnly) {
            query = query.get(new NDIndex(":, :, 0:1, :"));
            residual = x.get(CLS_ONLY);
            queries = 1;
        }
        NDArray scores = query.matMul(key.transpose(0, 1, 3, 2));
        if (maskBias != null) {
            scores = scores.add(maskBias);
        }
        NDArray context = scores.softmax(-1).matMul(value)
                .transpose(0, 2, 1, 3)
                .reshape(rows, queries, hidden);
        NDArray attention = layerNorm(
                linear(context, w.attentionOutWeight(), w.attentionOutBias()).add(residual),
                w.attentionNormGamma(), w.attentionNormBeta());
        // torch's gelu defaults to the exact erf form BERT was trained with (not the tanh approximation)
        NDArray intermediate = linear(attention, w.intermediateWeight(), w.intermediateBias())
                .getNDArrayInternal().gelu();
        return layerNorm(
                linear(intermediate, w.outputWeight(), w.outputBias()).add(attention),
                w.outputNormGamma(), w.outputNormBeta());
    }

    /** {@code x · weightᵀ + bias} in one op; {@code weight} is {@code [out, in]}. */
    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(hidden), gamma, beta, LAYER_NORM_EPS).singletonOrThrow();
    }
}
