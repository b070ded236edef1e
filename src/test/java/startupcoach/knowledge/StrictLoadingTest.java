package startupcoach.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.retrieve.Glossary;

/** What "a broken file" means for a reload, and the watcher that notices changed files. */
class StrictLoadingTest {

    private static final String GOOD = "# 定价\n\n## 怎么定价\n\n按价值定价，而不是按成本。\n";

    @Test
    void invalidUtf8IsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.md"), GOOD);
        byte[] head = "# 标题\n\n第一段。\n".getBytes(StandardCharsets.UTF_8);
        byte[] gbk = "中文".getBytes("GBK");
        byte[] bytes = new byte[head.length + gbk.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(gbk, 0, bytes, head.length, gbk.length);
        Files.write(dir.resolve("b.md"), bytes);

        assertThatThrownBy(() -> KnowledgeBase.loadStrict(dir)).isInstanceOfSatisfying(BrokenFileException.class, e -> {
            assertThat(e.location()).isEqualTo("b.md:4");
            assertThat(e.reason()).contains("not valid UTF-8");
        });
        assertThat(KnowledgeBase.load(dir).warnings()).as("start-up still skips it")
                .singleElement().asString().contains("b.md").contains("not valid UTF-8").contains("line 4");
    }

    @Test
    void emptyOrBinaryMarkdownIsBroken(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.md"), GOOD);
        Files.writeString(dir.resolve("empty.md"), "\n   \n");
        assertThatThrownBy(() -> KnowledgeBase.loadStrict(dir)).isInstanceOfSatisfying(BrokenFileException.class,
                e -> assertThat(e.getMessage()).startsWith("empty.md:1: ").contains("empty after parsing"));

        Files.delete(dir.resolve("empty.md"));
        Files.writeString(dir.resolve("image.md"), "PNG\n\n\u0000\u0000IHDR");
        assertThatThrownBy(() -> KnowledgeBase.loadStrict(dir)).isInstanceOfSatisfying(BrokenFileException.class,
                e -> assertThat(e.location()).isEqualTo("image.md:3"));

        Files.delete(dir.resolve("image.md"));
        assertThat(KnowledgeBase.loadStrict(dir).sections()).isNotEmpty();
    }

    @Test
    void repairedDefectsStayWarningsInStrictMode(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.md"), GOOD + "\n```\n# not a heading\n");
        KnowledgeBase kb = KnowledgeBase.loadStrict(dir);
        assertThat(kb.sections()).isNotEmpty();
    }

    @Test
    void malformedGlossaryLineIsReportedWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("g.tsv"), "# english\tchinese\npricing\t定价\nprice war 价格战\n");
        assertThatThrownBy(() -> Glossary.loadStrict(dir)).isInstanceOfSatisfying(BrokenFileException.class, e -> {
            assertThat(e.location()).isEqualTo("g.tsv:3");
            assertThat(e.reason()).contains("english<TAB>");
        });
        assertThat(Glossary.load(dir).size()).as("start-up skips the line").isEqualTo(1);
    }

    @Test
    void watcherReportsAChangeOnceAndIgnoresATouch(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.md");
        Files.writeString(file, GOOD);
        LinkedBlockingQueue<String> changes = new LinkedBlockingQueue<>();
        try (KnowledgeWatcher watcher = new KnowledgeWatcher(dir, KnowledgeFiles.fingerprint(dir), Duration.ofMillis(200),
                Duration.ZERO, changes::add).start()) {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            Files.writeString(dir.resolve("notes.txt~"), "editor backup");
            assertThat(changes.poll(1500, TimeUnit.MILLISECONDS)).as("same content").isNull();

            Files.writeString(file, GOOD + "\n## 新章节\n\n新内容。\n");
            Files.writeString(dir.resolve("b.md"), GOOD);
            assertThat(changes.poll(10, TimeUnit.SECONDS)).isEqualTo("watch");
            assertThat(changes.poll(1000, TimeUnit.MILLISECONDS)).as("one burst, one change").isNull();
        }
    }

    @Test
    void pollingFindsAChangeWithoutFileSystemEvents(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.md"), GOOD);
        String before = KnowledgeFiles.fingerprint(dir);
        Files.writeString(dir.resolve("a.md"), GOOD + "更多。\n");
        LinkedBlockingQueue<String> changes = new LinkedBlockingQueue<>();
        // Fingerprint of the old content: as if an event had been lost before the watcher started.
        try (KnowledgeWatcher watcher = new KnowledgeWatcher(dir, before, Duration.ofMillis(100), Duration.ofMillis(300),
                changes::add).start()) {
            assertThat(changes.poll(10, TimeUnit.SECONDS)).isEqualTo("poll");
        }
    }
}
