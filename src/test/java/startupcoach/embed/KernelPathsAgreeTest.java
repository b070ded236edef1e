package startupcoach.embed;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real probe children on this machine: both kernel paths run the embedder's shapes in their own
 * JVMs and compute the same vectors, so whichever path is selected, answers are the same.
 */
class KernelPathsAgreeTest {

    @Test
    void fastAndSafePathsComputeTheSameVectors() {
        Path cache = ModelTestSupport.dataDir().resolve("djl-cache");
        ProbeRunner runner = ProbeRunner.javaChild(cache, ModelTestSupport.dataDir().resolve("kernel-paths-test"));

        ProbeRunner.Result safe = runner.run(KernelPath.SAFE);
        assertThat(safe.ok()).as(safe.reason()).isTrue();
        if (!MklVendorShim.bundled()) {
            return; // built without a C compiler: there is only the safe path
        }
        ProbeRunner.Result fast = runner.run(KernelPath.FAST);
        assertThat(fast.ok()).as(fast.reason()).isTrue();
        assertThat(fast.vectors().length).isEqualTo(safe.vectors().length).isGreaterThan(40);
        for (int i = 0; i < safe.vectors().length; i++) {
            assertThat(Vectors.cosine(fast.vectors()[i], safe.vectors()[i])).as("vector %d", i)
                    .isGreaterThanOrEqualTo(KernelVerdict.MIN_COSINE);
        }
    }
}
