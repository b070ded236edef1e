package startupcoach.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Wire-format cases written with protobuf's own encoder, as an exporter would write them. */
class OnnxReaderTest {

    @Test
    void readsRawDataAndFloatDataInitializersAndNodes() throws IOException {
        byte[] model = message(out -> {
            out.writeInt64(1, 8); // ir_version, skipped
            out.writeByteArray(7, message(graph -> {
                graph.writeByteArray(1, message(node -> {
                    node.writeString(1, "x");
                    node.writeString(1, "onnx::MatMul_7");
                    node.writeString(2, "/enc/lin/MatMul_output_0");
                    node.writeString(3, "/enc/lin/MatMul");
                    node.writeString(4, "MatMul");
                    node.writeByteArray(5, message(attr -> attr.writeString(1, "unused")));
                }));
                // dims packed, data little-endian in raw_data
                graph.writeByteArray(5, message(t -> {
                    t.writeByteArray(1, message(dims -> {
                        dims.writeInt64NoTag(2);
                        dims.writeInt64NoTag(3);
                    }));
                    t.writeInt32(2, 1);
                    t.writeString(8, "onnx::MatMul_7");
                    t.writeByteArray(9, littleEndian(1f, 2f, 3f, 4f, 5f, -6.5f));
                }));
                // dims unpacked, packed float_data
                graph.writeByteArray(5, message(t -> {
                    t.writeInt64(1, 3);
                    t.writeInt32(2, 1);
                    t.writeByteArray(4, message(floats -> {
                        floats.writeFloatNoTag(0.5f);
                        floats.writeFloatNoTag(-1f);
                        floats.writeFloatNoTag(2f);
                    }));
                    t.writeString(8, "enc.lin.bias");
                }));
                // int64 tensor: not a weight, skipped
                graph.writeByteArray(5, message(t -> {
                    t.writeInt64(1, 2);
                    t.writeInt32(2, 7);
                    t.writeString(8, "position_ids");
                    t.writeByteArray(9, new byte[16]);
                }));
                graph.writeString(2, "main_graph");
            }));
        });

        OnnxGraph graph = OnnxReader.read(new ByteArrayInputStream(model));

        assertThat(graph.initializers()).containsOnlyKeys("onnx::MatMul_7", "enc.lin.bias");
        OnnxGraph.Tensor weight = graph.initializers().get("onnx::MatMul_7");
        assertThat(weight.dims()).containsExactly(2, 3);
        assertThat(weight.data()).containsExactly(1f, 2f, 3f, 4f, 5f, -6.5f);
        OnnxGraph.Tensor bias = graph.initializers().get("enc.lin.bias");
        assertThat(bias.dims()).containsExactly(3);
        assertThat(bias.data()).containsExactly(0.5f, -1f, 2f);
        assertThat(graph.nodes()).singleElement().satisfies(node -> {
            assertThat(node.opType()).isEqualTo("MatMul");
            assertThat(node.name()).isEqualTo("/enc/lin/MatMul");
            assertThat(node.inputs()).containsExactly("x", "onnx::MatMul_7");
            assertThat(node.outputs()).containsExactly("/enc/lin/MatMul_output_0");
        });
    }

    @Test
    void rejectsStreamWithoutGraph() {
        assertThatThrownBy(() -> OnnxReader.read(new ByteArrayInputStream(new byte[0])))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no graph");
    }

    @Test
    void rejectsExternalData() throws IOException {
        byte[] model = message(out -> out.writeByteArray(7, message(graph ->
                graph.writeByteArray(5, message(t -> {
                    t.writeString(8, "big");
                    t.writeByteArray(13, message(kv -> kv.writeString(1, "location")));
                })))));
        assertThatThrownBy(() -> OnnxReader.read(new ByteArrayInputStream(model)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("external");
    }

    @Test
    void rejectsTensorWhoseDataDoesNotFitItsShape() throws IOException {
        byte[] model = message(out -> out.writeByteArray(7, message(graph ->
                graph.writeByteArray(5, message(t -> {
                    t.writeInt64(1, 4);
                    t.writeInt32(2, 1);
                    t.writeString(8, "short");
                    t.writeByteArray(9, littleEndian(1f, 2f));
                })))));
        assertThatThrownBy(() -> OnnxReader.read(new ByteArrayInputStream(model)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("short");
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writer.write(out);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] littleEndian(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }
}
