package startupcoach.embed;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an ONNX model that a hand-written forward pass needs: the float initializers
 * (weights) by name and the graph's nodes in file order.
 */
record OnnxGraph(Map<String, Tensor> initializers, List<Node> nodes) {

    OnnxGraph {
        initializers = Map.copyOf(initializers);
        nodes = List.copyOf(nodes);
    }

    /** A float32 tensor in row-major order. */
    record Tensor(String name, long[] dims, float[] data) {

        Tensor {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(dims, "dims == null");
            Objects.requireNonNull(data, "data == null");
            long size = 1;
            for (long d : dims) {
                size *= d;
            }
            if (size != data.length) {
                throw new IllegalArgumentException(
                        "tensor " + name + " has " + data.length + " values for shape of size " + size);
            }
        }
    }

    /** One operator application; {@code inputs} and {@code outputs} are value names. */
    record Node(String name, String opType, List<String> inputs, List<String> outputs) {

        Node {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(opType, "opType == null");
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }
}
