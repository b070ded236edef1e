package startupcoach.embed;

import java.nio.file.Path;

/**
 * Run by {@link DjlRuntimeTest} in a JVM without the natives jar: loads the model and reports the
 * error message a user would see.
 */
final class MissingNativesProbe {

    static final int FAILED_CLEARLY = 3;

    private MissingNativesProbe() {
    }

    public static void main(String[] args) {
        try (BgeSmallZhEmbedder embedder = new BgeSmallZhEmbedder(Path.of(args[0]))) {
            System.out.println("loaded " + embedder.modelId());
            System.exit(0);
        } catch (EmbeddingException e) {
            System.out.println("message: " + e.getMessage());
            System.exit(FAILED_CLEARLY);
        }
    }
}
