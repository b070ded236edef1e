package startupcoach.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** Offline only: loading a real Criteria model needs a TorchScript export or the network. */
class DjlCriteriaEmbedderTest {

    @TempDir
    Path modelDir;

    @Test
    void missingModelFailsWithAClearEmbeddingException() {
        String url = modelDir.resolve("no-such-model").toUri().toString();
        assertThatThrownBy(() -> DjlCriteriaEmbedder.builder(url, ModelTestSupport.dataDir()).build())
                .isInstanceOf(EmbeddingException.class)
                .hasMessageStartingWith("Could not load the embedding model from file:")
                .hasMessageContaining("no-such-model")
                .hasCauseInstanceOf(Exception.class);
    }

    @Test
    void directoryWithoutModelFileFailsWithAClearEmbeddingException() throws Exception {
        Files.writeString(modelDir.resolve("README.txt"), "not a model");
        String url = modelDir.toUri().toString();
        assertThatThrownBy(() -> DjlCriteriaEmbedder.builder(url, ModelTestSupport.dataDir()).build())
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("Could not load the embedding model");
    }

    @Test
    void rejectsUnknownPoolingModeListingTheValidOnes() {
        assertThatThrownBy(() -> DjlCriteriaEmbedder.builder("file:///m", modelDir).optPoolingMode("avg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("avg")
                .hasMessageContaining("[mean, max, cls, mean_sqrt_len, lasttoken, weightedmean]");
    }

    @Test
    void keepsCredentialsAndQueryOutOfMessagesAndModelIds() {
        assertThat(DjlCriteriaEmbedder.redact("https://user:secret@example.com/models/m.zip?token=abc"))
                .isEqualTo("https://example.com/models/m.zip");
        assertThat(DjlCriteriaEmbedder.redact("djl://ai.djl.huggingface.pytorch/BAAI/bge-small-en-v1.5"))
                .isEqualTo("djl://ai.djl.huggingface.pytorch/BAAI/bge-small-en-v1.5");
    }
}
