package startupcoach.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.knowledge.KnowledgeBase;

class PassageIndexTest {

    private final TextAnalysis analysis = new TextAnalysis();

    @TempDir
    Path tmp;

    private Path knowledge() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("kb"));
        Files.writeString(dir.resolve("pricing.md"), "# 定价手册\n\n## 1 定价策略\n\n价值定价比成本定价更能体现产品差异。\n\n## 2 价格战\n\n价格战中要守住利润底线。\n");
        return dir;
    }

    @Test
    void buildsOnceThenOpensUntilTheKnowledgeChanges() throws IOException {
        Path kbDir = knowledge();
        Path indexDir = tmp.resolve("index");
        AtomicInteger updates = new AtomicInteger();
        try (PassageIndex first = PassageIndex.openOrBuild(indexDir, KnowledgeBase.load(kbDir), analysis, (d, t) -> updates.incrementAndGet())) {
            assertThat(first.rebuilt()).isTrue();
            assertThat(first.size()).isEqualTo(2);
            assertThat(updates.get()).isGreaterThanOrEqualTo(2);
        }
        try (PassageIndex second = PassageIndex.openOrBuild(indexDir, KnowledgeBase.load(kbDir), analysis, IndexProgress.SILENT)) {
            assertThat(second.rebuilt()).isFalse();
        }
        Files.writeString(kbDir.resolve("pricing.md"), "\n## 3 折扣\n\n折扣要有期限。\n", java.nio.file.StandardOpenOption.APPEND);
        try (PassageIndex third = PassageIndex.openOrBuild(indexDir, KnowledgeBase.load(kbDir), analysis, IndexProgress.SILENT)) {
            assertThat(third.rebuilt()).isTrue();
            assertThat(third.size()).isEqualTo(3);
        }
    }

    @Test
    void rebuildsACorruptIndex() throws IOException {
        Path kbDir = knowledge();
        Path indexDir = tmp.resolve("index");
        PassageIndex.openOrBuild(indexDir, KnowledgeBase.load(kbDir), analysis, IndexProgress.SILENT).close();
        try (Stream<Path> files = Files.list(indexDir)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().equals("index.properties")).toList()) {
                Files.write(f, new byte[] {1, 2, 3});
            }
        }
        try (PassageIndex reopened = PassageIndex.openOrBuild(indexDir, KnowledgeBase.load(kbDir), analysis, IndexProgress.SILENT)) {
            assertThat(reopened.rebuilt()).isTrue();
            Bm25Retriever retriever = Bm25Retriever.create(reopened, analysis, QueryExpander.NONE);
            assertThat(retriever.search("价格战", 3).hits()).first()
                    .satisfies(h -> assertThat(h.passage().section().heading()).isEqualTo("2 价格战"));
        }
    }
}
