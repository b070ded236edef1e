package startupcoach.embed;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures the built-in model on this machine: load time (cold when the PyTorch natives are not yet
 * extracted, warm afterwards), single-query latency and batch throughput.
 *
 * <pre>
 * java -cp target/startup-coach.jar startupcoach.embed.EmbedBench [dataDir] [knowledgeDir] [--fresh-natives]
 * </pre>
 *
 * {@code --fresh-natives} deletes {@code <dataDir>/djl-cache} first, to time a first start. Passages
 * are the paragraphs of {@code knowledgeDir/*.md} (default {@code knowledge}), cut to 400
 * characters, or generated text when that directory is missing. The CLI may call {@link #run}.
 */
public final class EmbedBench {

    private static final int QUERIES = 200;
    private static final int PASSAGES = 256;
    private static final List<String> QUERY_TEMPLATES = List.of(
            "如何制定定价策略", "早期融资要注意什么", "How do I price an AI product?", "品牌建设的第一步",
            "团队股权怎么分", "What are the main risks of an LLM start-up?", "怎样降低获客成本", "商业模式有哪些");

    private EmbedBench() {
    }

    public static void main(String[] args) throws IOException {
        List<String> positional = new ArrayList<>();
        boolean fresh = false;
        for (String arg : args) {
            if ("--fresh-natives".equals(arg)) {
                fresh = true;
            } else {
                positional.add(arg);
            }
        }
        Path dataDir = Path.of(positional.isEmpty() ? "data" : positional.get(0));
        Path knowledgeDir = Path.of(positional.size() < 2 ? "knowledge" : positional.get(1));
        if (fresh) {
            deleteRecursively(dataDir.resolve("djl-cache"));
        }
        run(dataDir, passages(knowledgeDir), System.out);
    }

    /** Runs the benchmark and prints one line per measurement to {@code out}. */
    public static void run(Path dataDir, List<String> passages, PrintStream out) {
        out.printf("cpus=%d java=%s%n", Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        long start = System.nanoTime();
        BgeSmallZhEmbedder first = new BgeSmallZhEmbedder(dataDir, step -> out.println("  load: " + step));
        out.printf("load.first ms=%d (engine + natives + tokenizer + weights)%n", millisSince(start));
        first.close();
        start = System.nanoTime();
        try (BgeSmallZhEmbedder embedder = new BgeSmallZhEmbedder(dataDir)) {
            out.printf("load.again ms=%d (engine already up: tokenizer + weights)%n", millisSince(start));

            for (int i = 0; i < 30; i++) {
                embedder.embed(query(i));
            }
            long[] latencies = new long[QUERIES];
            for (int i = 0; i < QUERIES; i++) {
                long t = System.nanoTime();
                embedder.embed(query(i) + " " + i);
                latencies[i] = System.nanoTime() - t;
            }
            Arrays.sort(latencies);
            out.printf("query.latency n=%d p50=%.1fms p90=%.1fms p99=%.1fms%n", QUERIES,
                    latencies[QUERIES / 2] / 1e6, latencies[QUERIES * 9 / 10] / 1e6, latencies[QUERIES * 99 / 100] / 1e6);

            embedder.embedAll(passages.subList(0, Math.min(32, passages.size())));
            long tokens = passages.stream().mapToLong(p -> embedder.tokenIds(p).length).sum();
            long t = System.nanoTime();
            embedder.embedAll(passages);
            double seconds = (System.nanoTime() - t) / 1e9;
            out.printf("batch.throughput texts=%d avgTokens=%.0f seconds=%.2f texts/s=%.1f tokens/s=%.0f%n",
                    passages.size(), (double) tokens / passages.size(), seconds, passages.size() / seconds, tokens / seconds);
        }
    }

    private static String query(int i) {
        return QUERY_TEMPLATES.get(i % QUERY_TEMPLATES.size());
    }

    private static List<String> passages(Path knowledgeDir) throws IOException {
        List<String> passages = new ArrayList<>();
        if (Files.isDirectory(knowledgeDir)) {
            try (Stream<Path> files = Files.list(knowledgeDir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                    for (String paragraph : Files.readString(file, StandardCharsets.UTF_8).split("\\n\\s*\\n")) {
                        String text = paragraph.strip();
                        if (text.length() >= 20 && passages.size() < PASSAGES) {
                            passages.add(text.length() > 400 ? text.substring(0, 400) : text);
                        }
                    }
                }
            }
        }
        String filler = "大模型创业公司在定价时，既要覆盖推理成本，又要让客户看到清晰的价值。";
        for (int i = passages.size(); i < PASSAGES; i++) {
            passages.add(i + filler.repeat(1 + i % 8));
        }
        return passages;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
