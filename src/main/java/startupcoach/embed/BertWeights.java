package startupcoach.embed;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weights of a BERT encoder as NDArrays, found by their Hugging Face names
 * ({@code encoder.layer.0.attention.self.query.weight}).
 *
 * <p>Exporters to ONNX keep bias and LayerNorm initializers under those names, but store every
 * dense weight transposed to {@code [in, out]} under an anonymous {@code onnx::MatMul_541}. The
 * only link back to the layer is the MatMul node that consumes it, named after the module path
 * ({@code /encoder/layer.0/attention/self/query/MatMul}); {@link #canonicalTensors} follows it.
 *
 * <p>At load the dense weights are rearranged for the forward pass: transposed back to
 * {@code [out, in]} for {@code linear} (matmul and bias in one op), query/key/value fused into one
 * {@code [3·hidden, hidden]} projection, and the query pre-scaled by {@code 1/√headSize} (a power of
 * two for 64-wide heads, so exact) instead of scaling every attention score.
 */
final class BertWeights {

    private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");
    private static final String MATMUL_SUFFIX = "/MatMul";
    private static final String OUTPUT_SUFFIX = "_output_0";

    final NDArray wordEmbeddings;
    final NDArray positionEmbeddings;
    final NDArray tokenTypeEmbeddings;
    final NDArray embeddingNormGamma;
    final NDArray embeddingNormBeta;
    final List<Layer> layers;
    final int hiddenSize;
    final int maxPositions;
    final int heads;

    /** A dense projection: {@code weight} is {@code [out, in]} for {@code linear}. */
    record Dense(NDArray weight, NDArray bias) {
    }

    /** One transformer block. */
    record Layer(Dense qkv, Dense attentionOut,
                 NDArray attentionNormGamma, NDArray attentionNormBeta,
                 Dense intermediate, Dense output,
                 NDArray outputNormGamma, NDArray outputNormBeta) {
    }

    private BertWeights(Map<String, OnnxGraph.Tensor> tensors, int heads, NDManager manager) {
        Loader loader = new Loader(tensors, manager);
        wordEmbeddings = loader.array(loader.tensor("embeddings.word_embeddings.weight"));
        positionEmbeddings = loader.array(loader.tensor("embeddings.position_embeddings.weight"));
        tokenTypeEmbeddings = loader.array(loader.tensor("embeddings.token_type_embeddings.weight"));
        embeddingNormGamma = loader.vector("embeddings.LayerNorm.weight");
        embeddingNormBeta = loader.vector("embeddings.LayerNorm.bias");
        hiddenSize = Math.toIntExact(wordEmbeddings.getShape().get(1));
        maxPositions = Math.toIntExact(positionEmbeddings.getShape().get(0));
        if (heads <= 0 || hiddenSize % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " is not divisible by " + heads + " heads");
        }
        this.heads = heads;
        float queryScale = (float) (1.0 / Math.sqrt(hiddenSize / heads));
        List<Layer> list = new ArrayList<>();
        for (int i = 0, n = layerCount(tensors.keySet()); i < n; i++) {
            String p = "encoder.layer." + i + ".";
            OnnxGraph.Tensor q = loader.tensor(p + "attention.self.query.weight");
            OnnxGraph.Tensor k = loader.tensor(p + "attention.self.key.weight");
            OnnxGraph.Tensor v = loader.tensor(p + "attention.self.value.weight");
            float[] qBias = scaled(loader.tensor(p + "attention.self.query.bias").data(), queryScale);
            float[] qkv = concat(transposed(q, queryScale), transposed(k, 1f), transposed(v, 1f));
            float[] qkvBias = concat(qBias, loader.tensor(p + "attention.self.key.bias").data(),
                    loader.tensor(p + "attention.self.value.bias").data());
            list.add(new Layer(
                    Loader.dense(loader.create(qkv, 3L * hiddenSize, hiddenSize), loader.create(qkvBias, 3L * hiddenSize)),
                    loader.dense(p + "attention.output.dense"),
                    loader.vector(p + "attention.output.LayerNorm.weight"), loader.vector(p + "attention.output.LayerNorm.bias"),
                    loader.dense(p + "intermediate.dense"),
                    loader.dense(p + "output.dense"),
                    loader.vector(p + "output.LayerNorm.weight"), loader.vector(p + "output.LayerNorm.bias")));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("model has no encoder.layer.* weights");
        }
        layers = List.copyOf(list);
    }

    /**
     * Copies the weights of {@code graph} into {@code manager}; every array is attached to it.
     *
     * @throws IllegalArgumentException if a BERT weight is missing or misshapen
     */
    static BertWeights load(OnnxGraph graph, int heads, NDManager manager) {
        return new BertWeights(canonicalTensors(graph), heads, manager);
    }

    /** The number of NDArrays {@link #load} creates. */
    int arrayCount() {
        return 5 + 12 * layers.size();
    }
    /**
     * The float initializers of {@code graph} under Hugging Face names: anonymous MatMul weights
     * get the name of their consuming node ({@code /a/b/MatMul} with a weight input becomes
     * {@code a.b.weight}); named initializers keep their names.
     */
    static Map<String, OnnxGraph.Tensor> canonicalTensors(OnnxGraph graph) {
        Map<String, OnnxGraph.Tensor> byName = new HashMap<>(graph.initializers());
        for (OnnxGraph.Node node : graph.nodes()) {
            if (!"MatMul".equals(node.opType()) || node.inputs().size() != 2) {
                continue;
            }
            OnnxGraph.Tensor weight = graph.initializers().get(node.inputs().get(1));
            if (weight == null) {
                continue; // activation x activation, e.g. attention scores
            }
            String module = modulePath(node);
            if (module == null) {
                throw new IllegalArgumentException("cannot tell which layer uses weight " + weight.name());
            }
            byName.remove(weight.name());
            byName.put(module + ".weight", weight);
        }
        return byName;
    }

    /** {@code /encoder/layer.0/attention/self/query/MatMul} → {@code encoder.layer.0.attention.self.query}. */
    private static String modulePath(OnnxGraph.Node node) {
        String path = node.name();
        if (!path.endsWith(MATMUL_SUFFIX)) {
            // unnamed node: its output is still called after the module
            path = node.outputs().isEmpty() ? "" : node.outputs().get(0);
            path = path.endsWith(OUTPUT_SUFFIX) ? path.substring(0, path.length() - OUTPUT_SUFFIX.length()) : "";
        }
        if (!path.endsWith(MATMUL_SUFFIX)) {
            return null;
        }
        path = path.substring(0, path.length() - MATMUL_SUFFIX.length());
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        return path.isEmpty() ? null : path.replace('/', '.');
    }

    private static int layerCount(Iterable<String> names) {
        TreeSet<Integer> layers = new TreeSet<>();
        for (String name : names) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) {
                layers.add(Integer.parseInt(m.group(1)));
            }
        }
        if (!layers.isEmpty() && layers.last() != layers.size() - 1) {
            throw new IllegalArgumentException("encoder layers are not numbered 0.." + (layers.size() - 1));
        }
        return layers.size();
    }

    /** {@code [in, out]} → {@code [out, in]}, each element multiplied by {@code scale}. */
    private static float[] transposed(OnnxGraph.Tensor t, float scale) {
        if (t.dims().length != 2) {
            throw new IllegalArgumentException("weight " + t.name() + " is not a matrix");
        }
        int in = Math.toIntExact(t.dims()[0]);
        int out = Math.toIntExact(t.dims()[1]);
        float[] src = t.data();
        float[] dst = new float[src.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                dst[o * in + i] = src[i * out + o] * scale;
            }
        }
        return dst;
    }

    private static float[] scaled(float[] values, float scale) {
        float[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    private static float[] concat(float[]... parts) {
        int length = 0;
        for (float[] p : parts) {
            length += p.length;
        }
        float[] out = new float[length];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Looks tensors up, failing with the missing name, and creates NDArrays in the manager. */
    private static final class Loader {
        private final Map<String, OnnxGraph.Tensor> tensors;
        private final NDManager manager;

        Loader(Map<String, OnnxGraph.Tensor> tensors, NDManager manager) {
            this.tensors = tensors;
            this.manager = manager;
        }

        OnnxGraph.Tensor tensor(String name) {
            OnnxGraph.Tensor tensor = tensors.get(name);
            if (tensor == null) {
                throw new IllegalArgumentException("model has no weight " + name);
            }
            return tensor;
        }

        NDArray array(OnnxGraph.Tensor tensor) {
            return manager.create(tensor.data(), new Shape(tensor.dims()));
        }

        NDArray vector(String name) {
            OnnxGraph.Tensor tensor = tensor(name);
            if (tensor.dims().length != 1) {
                throw new IllegalArgumentException("weight " + name + " is not a vector");
            }
            return array(tensor);
        }

        /** The projection {@code module}: its weight, stored {@code [in, out]} in ONNX, as {@code [out, in]}. */
        Dense dense(String module) {
            OnnxGraph.Tensor tensor = tensor(module + ".weight");
            return dense(create(transposed(tensor, 1f), tensor.dims()[1], tensor.dims()[0]), vector(module + ".bias"));
        }

        static Dense dense(NDArray weight, NDArray bias) {
            return new Dense(weight, bias);
        }

        NDArray create(float[] data, long... shape) {
            return manager.create(data, new Shape(shape));
        }
    }
}
