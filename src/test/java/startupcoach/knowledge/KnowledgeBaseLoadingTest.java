package startupcoach.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from bad directories and files. */
class KnowledgeBaseLoadingTest {

    private static final String GOOD = "# 好文档\n## 第1章\n正文。\n";

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void missingDirectoryNamesTheAbsolutePathAndWhatToDo() {
        Path missing = dir.resolve("no-such-dir");
        assertThatThrownBy(() -> KnowledgeBase.load(missing)).isInstanceOf(KnowledgeException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist").hasMessageContaining("*.md");
    }

    @Test
    void relativeMissingDirectoryIsReportedAbsolute() {
        Path relative = Path.of("target", "no-such-knowledge-dir");
        assertThatThrownBy(() -> KnowledgeBase.load(relative))
                .hasMessageContaining(relative.toAbsolutePath().normalize().toString());
    }

    @Test
    void aFileInsteadOfADirectoryIsRejected() throws IOException {
        Path file = write("notes.md", GOOD);
        assertThatThrownBy(() -> KnowledgeBase.load(file)).isInstanceOf(KnowledgeException.class)
                .hasMessageContaining(file.toAbsolutePath().toString()).hasMessageContaining("not a directory");
    }

    @Test
    void directoryWithoutMarkdownFilesIsRejected() throws IOException {
        write("readme.txt", "not markdown");
        Files.createDirectory(dir.resolve("sub"));
        write("sub/nested.md", GOOD);   // not recursive
        assertThatThrownBy(() -> KnowledgeBase.load(dir)).isInstanceOf(KnowledgeException.class)
                .hasMessageContaining(dir.toAbsolutePath().toString()).hasMessageContaining("contains no .md files");
    }

    @Test
    void fileThatIsNotUtf8IsSkippedWithAWarningAndTheOthersLoad() throws IOException {
        write("a-good.md", GOOD);
        // GBK bytes for 中文: valid in GBK, malformed in UTF-8 (lenient decoding would yield U+FFFD).
        Files.write(dir.resolve("b-gbk.md"), new byte[] {'#', ' ', (byte) 0xD6, (byte) 0xD0, (byte) 0xCE, (byte) 0xC4});
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertThat(kb.documents()).extracting(Document::fileName).containsExactly("a-good.md");
        assertThat(kb.warnings()).singleElement().asString().contains("b-gbk.md").contains("not valid UTF-8")
                .contains("byte offset 2");
    }

    @Test
    void unreadableEntriesAreSkippedWithAWarning() throws IOException {
        write("a-good.md", GOOD);
        Files.createDirectory(dir.resolve("b-folder.md"));
        Files.createSymbolicLink(dir.resolve("c-dangling.md"), dir.resolve("gone.md"));
        KnowledgeBase kb = KnowledgeBase.load(dir);
        assertThat(kb.documents()).extracting(Document::fileName).containsExactly("a-good.md");
        assertThat(kb.warnings()).hasSize(2);
        assertThat(kb.warnings().get(0)).contains("b-folder.md").contains("cannot be read");
        assertThat(kb.warnings().get(1)).contains("c-dangling.md").contains("cannot be read");
    }

    @Test
    void directoryWhereNoFileLoadsIsRejectedWithTheReasons() throws IOException {
        Files.write(dir.resolve("bad.md"), new byte[] {(byte) 0xFF});
        assertThatThrownBy(() -> KnowledgeBase.load(dir)).isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("None of the 1 .md files").hasMessageContaining("bad.md");
    }

    @Test
    void contentHashFollowsFileNamesAndBytesNotTheDirectory(@TempDir Path other) throws IOException {
        write("a.md", GOOD);
        String first = KnowledgeBase.load(dir).contentHash();
        Files.writeString(other.resolve("a.md"), GOOD, StandardCharsets.UTF_8);
        assertThat(KnowledgeBase.load(other).contentHash()).isEqualTo(first);

        write("a.md", GOOD + "更多正文。\n");
        assertThat(KnowledgeBase.load(dir).contentHash()).isNotEqualTo(first);

        Files.delete(dir.resolve("a.md"));
        write("renamed.md", GOOD);
        assertThat(KnowledgeBase.load(dir).contentHash()).isNotEqualTo(first);
    }

    @Test
    void acceptsUpperCaseExtensionAndSortsByName() throws IOException {
        write("b.MD", "# 乙\n正文。\n");
        write("a.md", "# 甲\n正文。\n");
        assertThat(KnowledgeBase.load(dir).documents()).extracting(Document::title).containsExactly("甲", "乙");
    }
}
