package startupcoach.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

class BertWeightsTest {

    @Test
    void namesAnonymousMatMulWeightsAfterTheirConsumingNode() {
        OnnxGraph graph = new OnnxGraph(
                Map.of("onnx::MatMul_1", tensor("onnx::MatMul_1"),
                        "onnx::MatMul_2", tensor("onnx::MatMul_2"),
                        "encoder.layer.0.attention.self.query.bias", tensor("encoder.layer.0.attention.self.query.bias")),
                List.of(
                        node("/encoder/layer.0/attention/self/query/MatMul", List.of("h", "onnx::MatMul_1"), "q"),
                        // unnamed node: the output still tells the module
                        node("", List.of("h", "onnx::MatMul_2"), "/encoder/layer.0/attention/self/key/MatMul_output_0"),
                        // attention scores: activation × activation, no weight
                        node("/encoder/layer.0/attention/self/MatMul", List.of("q", "k"), "s")));

        Map<String, OnnxGraph.Tensor> named = BertWeights.canonicalTensors(graph);

        assertThat(named).containsOnlyKeys(
                "encoder.layer.0.attention.self.query.weight",
                "encoder.layer.0.attention.self.key.weight",
                "encoder.layer.0.attention.self.query.bias");
        assertThat(named.get("encoder.layer.0.attention.self.key.weight").name()).isEqualTo("onnx::MatMul_2");
    }

    @Test
    void failsWhenAWeightsLayerCannotBeTold() {
        OnnxGraph graph = new OnnxGraph(Map.of("onnx::MatMul_9", tensor("onnx::MatMul_9")),
                List.of(node("", List.of("h", "onnx::MatMul_9"), "out")));
        assertThatThrownBy(() -> BertWeights.canonicalTensors(graph))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("onnx::MatMul_9");
    }

    @Test
    void mapsEveryDenseWeightOfTheShippedModel() throws IOException {
        OnnxGraph graph;
        try (InputStream in = new BufferedInputStream(
                BertWeightsTest.class.getResourceAsStream(BgeSmallZhEmbedder.MODEL_RESOURCE))) {
            graph = OnnxReader.read(in);
        }
        Map<String, OnnxGraph.Tensor> named = BertWeights.canonicalTensors(graph);

        assertThat(named.keySet()).noneMatch(name -> name.startsWith("onnx::"));
        assertThat(named.keySet().stream().filter(n -> n.endsWith("dense.weight") || n.contains("self."))
                .filter(n -> n.endsWith(".weight"))).hasSize(4 * 6);
        // stored [in, out]
        assertThat(named.get("encoder.layer.3.intermediate.dense.weight").dims()).containsExactly(512, 2048);
        assertThat(named.get("encoder.layer.3.output.dense.weight").dims()).containsExactly(2048, 512);
        assertThat(named.get("embeddings.word_embeddings.weight").dims()).containsExactly(21128, 512);
    }

    private static OnnxGraph.Tensor tensor(String name) {
        return new OnnxGraph.Tensor(name, new long[] {1}, new float[] {1f});
    }

    private static OnnxGraph.Node node(String name, List<String> inputs, String output) {
        return new OnnxGraph.Node(name, "MatMul", inputs, List.of(output));
    }
}
