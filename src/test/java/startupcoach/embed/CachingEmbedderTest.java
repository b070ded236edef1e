package startupcoach.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

class CachingEmbedderTest {

    @TempDir
    Path dataDir;

    private static final List<String> TEXTS = List.of("如何制定定价策略", "产品定价的方法", "Pricing Strategy", "", "融资");

    @Test
    void secondStartReEmbedsNothing() {
        CountingEmbedder first = new CountingEmbedder();
        List<float[]> before;
        try (CachingEmbedder cache = new CachingEmbedder(first, dataDir)) {
            before = cache.embedAll(TEXTS);
        }
        assertThat(first.texts).hasValue(TEXTS.size());
        assertThat(first.closed).as("the cache owns its delegate").isTrue();

        CountingEmbedder second = new CountingEmbedder();
        try (CachingEmbedder cache = new CachingEmbedder(second, dataDir)) {
            List<float[]> after = cache.embedAll(TEXTS);
            assertThat(cache.embed("融资")).containsExactly(before.get(4));
            assertThat(second.texts).hasValue(0);
            assertThat(cache.hits()).isEqualTo(TEXTS.size() + 1);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(after.get(i)).containsExactly(before.get(i));
            }
        }
    }

    @Test
    void lazyCacheDoesNotCreateTheModelWhenEverythingIsCached() {
        try (CachingEmbedder cache = new CachingEmbedder(new CountingEmbedder(), dataDir)) {
            cache.embedAll(TEXTS);
        }
        AtomicInteger created = new AtomicInteger();
        try (CachingEmbedder cache = CachingEmbedder.lazy("fake-model", 8, () -> {
            created.incrementAndGet();
            return new CountingEmbedder();
        }, dataDir)) {
            cache.embedAll(TEXTS);
            assertThat(created).hasValue(0);
            cache.embed("a new question");
            assertThat(created).hasValue(1);
        }
    }

    @Test
    void embedsOnlyMissingDistinctTextsInOneBatch() {
        CountingEmbedder model = new CountingEmbedder();
        try (CachingEmbedder cache = new CachingEmbedder(model, dataDir)) {
            cache.embed("融资");
            List<float[]> vectors = cache.embedAll(List.of("融资", "品牌", "品牌", "团队"));
            assertThat(model.calls).hasValue(2);
            assertThat(model.seen).containsExactly("融资", "品牌", "团队");
            assertThat(vectors.get(1)).containsExactly(vectors.get(2)).containsExactly(CountingEmbedder.vectorOf("品牌", 8));
            assertThat(cache.size()).isEqualTo(3);
        }
    }

    @Test
    void returnedVectorsCannotCorruptTheCache() {
        try (CachingEmbedder cache = new CachingEmbedder(new CountingEmbedder(), dataDir)) {
            cache.embed("融资")[0] = 42f;
            assertThat(cache.embed("融资")[0]).isNotEqualTo(42f);
        }
    }

    @Test
    void keepsSeparateFilesPerModel() {
        try (CachingEmbedder a = new CachingEmbedder(new CountingEmbedder("model/a:v1", 8), dataDir)) {
            a.embed("融资");
        }
        CountingEmbedder other = new CountingEmbedder("model-b", 8);
        try (CachingEmbedder b = new CachingEmbedder(other, dataDir)) {
            b.embed("融资");
        }
        assertThat(other.texts).hasValue(1);
        assertThat(CachingEmbedder.directory(dataDir, "model/a:v1")).isEqualTo(dataDir.resolve("vectors/model_a_v1"));
        assertThat(CachingEmbedder.directory(dataDir, "model/a:v1").resolve(VectorFile.FILE_NAME)).exists();
    }

    @Test
    void dropsAPartialLastRecordLeftByACrash() throws IOException {
        try (CachingEmbedder cache = new CachingEmbedder(new CountingEmbedder(), dataDir)) {
            cache.embedAll(List.of("一", "二"));
        }
        Path file = CachingEmbedder.directory(dataDir, "fake-model").resolve(VectorFile.FILE_NAME);
        long complete = Files.size(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(complete - 5); // the second record lost its tail
        }
        CountingEmbedder model = new CountingEmbedder();
        try (CachingEmbedder cache = new CachingEmbedder(model, dataDir)) {
            assertThat(cache.size()).isEqualTo(1);
            assertThat(cache.embed("二")).containsExactly(CountingEmbedder.vectorOf("二", 8));
            assertThat(model.seen).containsExactly("二");
        }
        assertThat(Files.size(file)).isEqualTo(complete);
    }

    @Test
    void startsAfreshWhenTheFileBelongsToAnotherDimension() {
        try (CachingEmbedder cache = new CachingEmbedder(new CountingEmbedder("fake-model", 8), dataDir)) {
            cache.embed("融资");
        }
        CountingEmbedder wider = new CountingEmbedder("fake-model", 16);
        try (CachingEmbedder cache = new CachingEmbedder(wider, dataDir)) {
            assertThat(cache.size()).isZero();
            assertThat(cache.embed("融资")).hasSize(16);
        }
        assertThat(wider.texts).hasValue(1);
    }

    @Test
    void failsWithEmbeddingExceptionAfterClose() {
        CachingEmbedder cache = new CachingEmbedder(new CountingEmbedder(), dataDir);
        cache.embed("融资");
        cache.close();
        assertThatThrownBy(() -> cache.embed("融资"))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void rejectsALazyModelThatDoesNotMatchItsCache() {
        try (CachingEmbedder cache = CachingEmbedder.lazy("fake-model", 4, CountingEmbedder::new, dataDir)) {
            assertThatThrownBy(() -> cache.embed("融资"))
                    .isInstanceOf(EmbeddingException.class)
                    .hasMessageContaining("does not match");
        }
    }

    @Test
    void concurrentCallersStoreEachTextOnce() throws Exception {
        CountingEmbedder model = new CountingEmbedder();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            texts.add("文本" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (CachingEmbedder cache = new CachingEmbedder(model, dataDir)) {
            List<Future<List<float[]>>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> cache.embedAll(texts)));
            }
            for (Future<List<float[]>> result : results) {
                List<float[]> vectors = result.get(30, TimeUnit.SECONDS);
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(vectors.get(i)).containsExactly(CountingEmbedder.vectorOf(texts.get(i), 8));
                }
            }
            assertThat(cache.size()).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
        CountingEmbedder restarted = new CountingEmbedder();
        try (CachingEmbedder cache = new CachingEmbedder(restarted, dataDir)) {
            assertThat(cache.size()).as("no duplicate records on disk").isEqualTo(50);
            Path file = CachingEmbedder.directory(dataDir, "fake-model").resolve(VectorFile.FILE_NAME);
            long header = 16 + "fake-model".length();
            assertThat(Files.size(file)).isEqualTo(header + 50L * (32 + 8 * 4 + 4));
        }
    }
    @Test
    void rebuildsACacheFileOfGarbageBytesWithAWarningNamingIt() throws IOException {
        try (CachingEmbedder cache = new CachingEmbedder(new CountingEmbedder(), dataDir)) {
            cache.embedAll(TEXTS);
        }
        Path file = cacheFile();
        byte[] garbage = new byte[(int) Files.size(file)];
        new Random(42).nextBytes(garbage);
        Files.write(file, garbage);

        CountingEmbedder model = new CountingEmbedder();
        try (LogCapture log = LogCapture.of(VectorFile.class);
             CachingEmbedder cache = new CachingEmbedder(model, dataDir)) {
            assertThat(log.warnings()).singleElement().asString()
                    .contains("embed.cache.corrupt", file.toString());
            assertThat(cache.size()).isZero();
            List<float[]> vectors = cache.embedAll(TEXTS);
            assertThat(model.seen).containsExactlyElementsOf(TEXTS);
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(vectors.get(i)).containsExactly(CountingEmbedder.vectorOf(TEXTS.get(i), 8));
            }
        }
        assertReopensCleanlyWithEverythingCached();
    }

    @Test
    void dropsOnlyRecordsWhoseBytesWereOverwrittenAndReEmbedsTheirTexts() throws IOException {
        try (CachingEmbedder cache = new CachingEmbedder(new CountingEmbedder(), dataDir)) {
            cache.embedAll(TEXTS);
        }
        Path file = cacheFile();
        long header = 16 + "fake-model".length();
        int record = 32 + 8 * 4 + 4;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            // garbage over the vector of the second record: its floats would still parse
            channel.write(ByteBuffer.wrap(new byte[] {0x7f, (byte) 0xff, 0x12, 0x34, 0x56}), header + record + 40);
        }

        CountingEmbedder model = new CountingEmbedder();
        try (LogCapture log = LogCapture.of(VectorFile.class);
             CachingEmbedder cache = new CachingEmbedder(model, dataDir)) {
            assertThat(log.warnings()).singleElement().asString()
                    .contains("embed.cache.corrupt", file.toString(), "1 record(s) fail their checksum");
            assertThat(cache.size()).isEqualTo(TEXTS.size() - 1);
            List<float[]> vectors = cache.embedAll(TEXTS);
            assertThat(model.seen).containsExactly(TEXTS.get(1));
            for (int i = 0; i < TEXTS.size(); i++) {
                assertThat(vectors.get(i)).containsExactly(CountingEmbedder.vectorOf(TEXTS.get(i), 8));
            }
        }
        assertThat(Files.size(file)).isEqualTo(header + (long) TEXTS.size() * record);
        assertReopensCleanlyWithEverythingCached();
    }

    @Test
    void rebuildsAnEmptyOrTruncatedHeaderWithAWarning() throws IOException {
        try (CachingEmbedder cache = new CachingEmbedder(new CountingEmbedder(), dataDir)) {
            cache.embed("融资");
        }
        Files.write(cacheFile(), new byte[] {0x45, 0x56});
        CountingEmbedder model = new CountingEmbedder();
        try (LogCapture log = LogCapture.of(VectorFile.class);
             CachingEmbedder cache = new CachingEmbedder(model, dataDir)) {
            assertThat(log.warnings()).singleElement().asString().contains("embed.cache.corrupt", cacheFile().toString());
            assertThat(cache.embed("融资")).containsExactly(CountingEmbedder.vectorOf("融资", 8));
            assertThat(model.texts).hasValue(1);
        }
    }

    private Path cacheFile() {
        return CachingEmbedder.directory(dataDir, "fake-model").resolve(VectorFile.FILE_NAME);
    }

    private void assertReopensCleanlyWithEverythingCached() {
        CountingEmbedder model = new CountingEmbedder();
        try (LogCapture log = LogCapture.of(VectorFile.class);
             CachingEmbedder cache = new CachingEmbedder(model, dataDir)) {
            assertThat(cache.embedAll(TEXTS)).hasSize(TEXTS.size());
            assertThat(model.texts).hasValue(0);
            assertThat(log.warnings()).isEmpty();
        }
    }
}
