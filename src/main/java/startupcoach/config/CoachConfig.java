package startupcoach.config;

import java.nio.file.Path;
import startupcoach.embed.KernelMode;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the application is configured with, loaded once at start-up from the environment
 * and command-line options, then passed down by constructors. Nothing else reads the environment.
 *
 * @param knowledgeDir the Markdown knowledge base (default {@code ./knowledge})
 * @param dataDir      index, database and logs (default {@code ./data})
 * @param cacheDir     extracted model natives and the passage-vector cache (default: the data
 *                     directory); separate so an image can ship them prebuilt, or several data
 *                     directories share one
 * @param embeddingModelUrl null for the offline default (bge-small-zh from Maven); else a DJL
 *                     model URL (TorchScript directory, archive or model-zoo URL) for teams with a
 *                     network, loaded through DJL's standard {@code Criteria} path
 * @param embeddingPooling pooling for that model: mean (default), cls, max…
 * @param embedKernels which native kernels the embedder may use ({@code COACH_EMBED_KERNELS}):
 *                     auto (default: a child-JVM probe decides), safe, or fast
 */
public record CoachConfig(Path knowledgeDir, Path dataDir, Path cacheDir, String embeddingModelUrl, String embeddingPooling,
                          KernelMode embedKernels) {

    public static final Path DEFAULT_KNOWLEDGE = Path.of("knowledge");
    public static final Path DEFAULT_DATA = Path.of("data");

    public CoachConfig {
        Objects.requireNonNull(knowledgeDir, "knowledgeDir == null");
        Objects.requireNonNull(dataDir, "dataDir == null");
        cacheDir = cacheDir == null ? dataDir : cacheDir;
        embeddingModelUrl = embeddingModelUrl == null || embeddingModelUrl.isBlank() ? null : embeddingModelUrl.strip();
        embeddingPooling = embeddingPooling == null || embeddingPooling.isBlank() ? "mean" : embeddingPooling.strip();
        embedKernels = embedKernels == null ? KernelMode.AUTO : embedKernels;
    }

    /** The offline default model, caches under the given directory (null: the data directory). */
    public CoachConfig(Path knowledgeDir, Path dataDir, Path cacheDir) {
        this(knowledgeDir, dataDir, cacheDir, null, null, KernelMode.AUTO);
    }

    /** Caches under the data directory. */
    public CoachConfig(Path knowledgeDir, Path dataDir) {
        this(knowledgeDir, dataDir, null);
    }

    /**
     * Environment first ({@code COACH_KNOWLEDGE_DIR}, {@code COACH_DATA_DIR}, {@code COACH_CACHE_DIR}), then the explicit
     * options, which win when given (non-null).
     *
     * @throws IllegalArgumentException for a {@code COACH_EMBED_KERNELS} other than auto, safe or fast
     */
    public static CoachConfig load(Map<String, String> env, Path knowledgeOption, Path dataOption) {
        return Environment.read(env, e -> from(e, knowledgeOption, dataOption));
    }

    /** {@link #load} through a shared reader, which collects the problems. */
    public static CoachConfig from(Environment env, Path knowledgeOption, Path dataOption) {
        Path knowledge = knowledgeOption != null ? knowledgeOption : env.text("COACH_KNOWLEDGE_DIR").map(Path::of).orElse(DEFAULT_KNOWLEDGE);
        Path data = dataOption != null ? dataOption : env.text("COACH_DATA_DIR").map(Path::of).orElse(DEFAULT_DATA);
        return new CoachConfig(knowledge, data, env.text("COACH_CACHE_DIR").map(Path::of).orElse(null),
                env.textOrNull("COACH_EMBEDDING_MODEL_URL"), env.textOrNull("COACH_EMBEDDING_POOLING"),
                env.parsed("COACH_EMBED_KERNELS", KernelMode.AUTO, KernelMode::parse, "one of auto, safe, fast"));
    }

    public Path indexDir() {
        return dataDir.resolve("index");
    }
}
