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

    static final boolean EXP_FLAT = !Boolean.getBoolean("exp.noflat");
    static final boolean EXP_CONV = Boolean.getBoolean("exp.conv");
    static final boolean EXP_INPLACE = !Boolean.getBoolean("exp.noinplace");
    private final BertWeights weights;
    private final int hidden;
    private final int heads;
    private final int headSize;

    BertEncoder(BertWeights weights) {
        this.weights = weights;
        this.hidden = weights.hiddenSize;
        this.heads = weights.heads;
        this.headSize = hidden / heads;
        if (EXP_CONV) {
            for (BertWeights.Layer l : weights.layers) {
                for (NDArray w : new NDArray[] {l.qkvWeight(), l.attentionOutWeight(), l.intermediateWeight(), l.outputWeight()}) {
                    CONV_WEIGHTS.put(w, w.reshape(w.getShape().get(0), w.getShape().get(1), 1, 1));
                }
            }
        }
    }
    private static final java.util.Map<NDArray, NDArray> CONV_WEIGHTS = new java.util.IdentityHashMap<>();

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
     * @param clsOnlyLastLayer whether the last layer skips what {@code [CLS]} does not need
     */
    float[][] clsStates(NDManager batch, long[][] ids, int[] lengths, boolean clsOnlyLastLayer) {
        int rows = ids.length;
        int seqLen = ids[0].length;
        if (seqLen > weights.maxPositions) {
            throw new IllegalArgumentException("sequence of " + seqLen + " tokens exceeds " + weights.maxPositions);
        }
        NDArray x = embeddings(batch, ids, seqLen);
        if (EXP_FLAT) {
            x = x.reshape(rows * (long) seqLen, hidden);
        }
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
            x = EXP_FLAT ? x.reshape(rows, seqLen, hidden).get(CLS_ONLY) : x.get(CLS_ONLY);
        }
        float[] cls = x.toFloatArray(); // [rows, (1,) hidden]
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
                .addi(lookup(positions, weights.positionEmbeddings))
                .addi(lookup(typeIds, weights.tokenTypeEmbeddings));
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

    /** {@code x} is {@code [rows·seq, hidden]}; returns {@code [rows·seq, hidden]}, or {@code [rows, hidden]} if {@code clsOnly}. */
    private NDArray layer(BertWeights.Layer w, NDArray x, NDArray maskBias, int rows, int seqLen, boolean clsOnly) {
        // [rows·seq, 3·hidden] → [3, rows, heads, seq, headSize]; the query is pre-scaled by 1/√headSize
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
            residual = EXP_FLAT ? x.reshape(rows, seqLen, hidden).get(CLS_ONLY).reshape(rows, hidden) : x.get(CLS_ONLY);
            queries = 1;
        }
        NDArray scores = query.matMul(key.transpose(0, 1, 3, 2));
        if (maskBias != null) {
            scores = EXP_INPLACE ? scores.addi(maskBias) : scores.add(maskBias);
        }
        NDArray context = scores.softmax(-1).matMul(value)
                .transpose(0, 2, 1, 3);
        context = EXP_FLAT ? context.reshape(rows * (long) queries, hidden) : context.reshape(rows, queries, hidden);
        NDArray attention = layerNorm(
                residualAdd(linear(context, w.attentionOutWeight(), w.attentionOutBias()), residual),
                w.attentionNormGamma(), w.attentionNormBeta());
        // torch's gelu defaults to the exact erf form BERT was trained with (not the tanh approximation)
        NDArray intermediate = linear(attention, w.intermediateWeight(), w.intermediateBias())
                .getNDArrayInternal().gelu();
        return layerNorm(
                residualAdd(linear(intermediate, w.outputWeight(), w.outputBias()), attention),
                w.outputNormGamma(), w.outputNormBeta());
    }

    private static NDArray residualAdd(NDArray fresh, NDArray residual) {
        return EXP_INPLACE ? fresh.addi(residual) : fresh.add(residual);
    }

    /** {@code x · weightᵀ + bias} in one op; {@code weight} is {@code [out, in]}. */
    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        if (EXP_CONV && x.getShape().dimension() == 2 && x.getShape().get(0) * x.getShape().get(1) > 20480) {
            long t = x.getShape().get(0);
            long in = x.getShape().get(1);
            long out = weight.getShape().get(0);
            NDArray cl = x.reshape(1, t, 1, in).transpose(0, 3, 1, 2);
            NDArray w4 = CONV_WEIGHTS.get(weight);
            NDArray y = cl.getNDArrayInternal().convolution(cl, w4, bias, new Shape(1, 1), new Shape(0, 0),
                    new Shape(1, 1), 1).singletonOrThrow();
            return y.transpose(0, 2, 3, 1).reshape(t, out);
        }
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(hidden), gamma, beta, LAYER_NORM_EPS).singletonOrThrow();
    }
}
