package startupcoach.embed;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;

/**
 * {@link BertEncoder} relies on torch's {@code gelu} being the exact erf form BERT was trained
 * with; the tanh approximation would shift every vector slightly.
 */
class TorchGeluTest {

    @Test
    void torchGeluIsTheExactErfFormNotTheTanhApproximation() {
        DjlRuntime.start(ModelTestSupport.dataDir().resolve("djl-cache"), LoadProgress.silent());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), DjlRuntime.ENGINE)) {
            NDArray x = manager.linspace(-6f, 6f, 2401);
            NDArray torch = x.getNDArrayInternal().gelu();
            NDArray exact = x.mul(x.div((float) Math.sqrt(2)).erf().add(1f)).mul(0.5f);
            NDArray inner = x.add(x.pow(3).mul(0.044715f)).mul((float) Math.sqrt(2 / Math.PI));
            NDArray tanhApprox = x.mul(inner.tanh().add(1f)).mul(0.5f);

            float torchError = torch.sub(exact).abs().max().getFloat();
            float approximationError = tanhApprox.sub(exact).abs().max().getFloat();
            assertThat(approximationError).as("the check can tell the two apart").isGreaterThan(1e-4f);
            assertThat(torchError).isLessThan(1e-6f);
        }
    }
}
