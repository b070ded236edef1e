package startupcoach.embed;

/**
 * Floating-point operations of one bge-small-zh forward pass (4 layers, hidden 512, feed-forward
 * 2048), counting a multiply-add as two: the dense projections plus attention's two batched
 * products. LayerNorm, softmax and GELU are left out (well under 1%).
 */
final class Flops {

    private static final int LAYERS = 4;
    private static final double HIDDEN = 512;
    private static final double FFN = 2048;
    /** QKV (3·H²), attention output (H²) and the two feed-forward projections (2·H·F), per token. */
    private static final double DENSE_PER_TOKEN = 2 * (3 * HIDDEN * HIDDEN + HIDDEN * HIDDEN + 2 * HIDDEN * FFN);

    private Flops() {
    }

    /** Every layer for every (padded) token, as ONNX Runtime computes it. */
    static double full(int rows, int seqLen) {
        double tokens = (double) rows * seqLen;
        return LAYERS * (tokens * DENSE_PER_TOKEN + attention(rows, seqLen, seqLen));
    }

    /** The last layer computes keys and values for all tokens, everything else for [CLS] only. */
    static double clsOnlyLastLayer(int rows, int seqLen) {
        double tokens = (double) rows * seqLen;
        double last = tokens * 2 * 3 * HIDDEN * HIDDEN
                + attention(rows, 1, seqLen)
                + rows * 2 * (HIDDEN * HIDDEN + 2 * HIDDEN * FFN);
        return (LAYERS - 1) * (tokens * DENSE_PER_TOKEN + attention(rows, seqLen, seqLen)) + last;
    }

    /** Scores (Q·Kᵀ) and context (softmax·V): 2 × 2·queries·keys·H per row. */
    private static double attention(int rows, int queries, int keys) {
        return 4.0 * rows * queries * keys * HIDDEN;
    }
}
