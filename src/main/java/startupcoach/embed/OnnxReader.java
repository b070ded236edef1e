package startupcoach.embed;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the few ONNX {@code ModelProto} fields a forward pass needs straight from the protobuf
 * wire format, so no classes are generated from {@code onnx.proto} at build time. Field numbers
 * are those of onnx/onnx.proto (stable since IR version 3).
 */
final class OnnxReader {

    // ModelProto
    private static final int MODEL_GRAPH = 7;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_INITIALIZER = 5;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_FLOAT_DATA = 4;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int TENSOR_EXTERNAL_DATA = 13;
    private static final int DATA_TYPE_FLOAT = 1;

    private OnnxReader() {
    }

    /**
     * Reads the graph of a model. Non-float initializers (e.g. int64 position ids) are skipped.
     *
     * @throws IOException if the stream fails or is not a self-contained ONNX model
     */
    static OnnxGraph read(InputStream modelStream) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(modelStream, 1 << 16);
        in.setSizeLimit(Integer.MAX_VALUE);
        OnnxGraph graph = null;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH) {
                int limit = in.pushLimit(in.readRawVarint32());
                graph = readGraph(in);
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        if (graph == null) {
            throw new IOException("not an ONNX model: no graph");
        }
        return graph;
    }

    private static OnnxGraph readGraph(CodedInputStream in) throws IOException {
        Map<String, OnnxGraph.Tensor> initializers = new HashMap<>();
        List<OnnxGraph.Node> nodes = new ArrayList<>();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == GRAPH_NODE) {
                int limit = in.pushLimit(in.readRawVarint32());
                nodes.add(readNode(in));
                in.popLimit(limit);
            } else if (field == GRAPH_INITIALIZER) {
                int limit = in.pushLimit(in.readRawVarint32());
                OnnxGraph.Tensor tensor = readTensor(in);
                in.popLimit(limit);
                if (tensor != null) {
                    initializers.put(tensor.name(), tensor);
                }
            } else {
                in.skipField(tag);
            }
        }
        return new OnnxGraph(initializers, nodes);
    }

    private static OnnxGraph.Node readNode(CodedInputStream in) throws IOException {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            switch (WireFormat.getTagFieldNumber(tag)) {
                case NODE_INPUT -> inputs.add(in.readStringRequireUtf8());
                case NODE_OUTPUT -> outputs.add(in.readStringRequireUtf8());
                case NODE_NAME -> name = in.readStringRequireUtf8();
                case NODE_OP_TYPE -> opType = in.readStringRequireUtf8();
                default -> in.skipField(tag);
            }
        }
        return new OnnxGraph.Node(name, opType, inputs, outputs);
    }

    /** Returns {@code null} for a tensor that is not float32. */
    private static OnnxGraph.Tensor readTensor(CodedInputStream in) throws IOException {
        List<Long> dims = new ArrayList<>();
        int dataType = 0;
        String name = "";
        ByteString raw = null;
        FloatList floats = new FloatList();
        while (!in.isAtEnd()) {
            int tag = in.readTag();
            int field = WireFormat.getTagFieldNumber(tag);
            int wireType = WireFormat.getTagWireType(tag);
            switch (field) {
                case TENSOR_DIMS -> {
                    if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        while (!in.isAtEnd()) {
                            dims.add(in.readInt64());
                        }
                        in.popLimit(limit);
                    } else {
                        dims.add(in.readInt64());
                    }
                }
                case TENSOR_DATA_TYPE -> dataType = in.readInt32();
                case TENSOR_NAME -> name = in.readStringRequireUtf8();
                case TENSOR_RAW_DATA -> raw = in.readBytes();
                case TENSOR_FLOAT_DATA -> {
                    if (wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                        int length = in.readRawVarint32();
                        int limit = in.pushLimit(length);
                        floats.ensureCapacity(length / Float.BYTES);
                        while (!in.isAtEnd()) {
                            floats.add(in.readFloat());
                        }
                        in.popLimit(limit);
                    } else {
                        floats.add(in.readFloat());
                    }
                }
                case TENSOR_EXTERNAL_DATA -> throw new IOException(
                        "tensor " + name + " keeps its data in an external file; only self-contained models are supported");
                default -> in.skipField(tag);
            }
        }
        if (dataType != DATA_TYPE_FLOAT) {
            return null;
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        float[] data;
        if (raw != null) {
            // raw_data is always little-endian, whatever the platform
            data = new float[raw.size() / Float.BYTES];
            raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        } else {
            data = floats.toArray();
        }
        return new OnnxGraph.Tensor(name, shape, data);
    }

    /** Growable float array, so float_data does not box every value. */
    private static final class FloatList {
        private float[] values = new float[16];
        private int size;

        void ensureCapacity(int capacity) {
            if (capacity > values.length) {
                values = Arrays.copyOf(values, capacity);
            }
        }

        void add(float value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
