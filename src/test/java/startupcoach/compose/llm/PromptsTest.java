package startupcoach.compose.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptsTest {

    @TempDir
    Path dir;

    @Test
    void packagedDefaultsAreTheRepositoryPromptsFolder() throws IOException {
        Prompts prompts = Prompts.defaults();
        for (Prompts.Name n : Prompts.Name.values()) {
            PromptTemplate t = prompts.get(n);
            assertThat(t.text()).as(n.file()).isEqualTo(Files.readString(Path.of("prompts", n.file())).stripTrailing());
            assertThat(t.placeholders()).isEqualTo(n.placeholders());
            assertThat(t.source()).isEqualTo("prompts/" + n.file());
        }
        assertThat(prompts.system().placeholders()).isEmpty();
    }

    @Test
    void loadsFromTheRepositoryFolderAsAnOverrideToo() {
        Prompts fromRepo = Prompts.load(Path.of("prompts"));
        assertThat(fromRepo.answer().text()).isEqualTo(Prompts.defaults().answer().text());
        assertThat(fromRepo.answer().source()).endsWith("prompts/answer.md").startsWith("/");
    }

    @Test
    void aFileInTheOverrideDirectoryReplacesOnlyThatTemplate() throws IOException {
        Files.writeString(dir.resolve("system.md"), "You are a terse coach. Cite passages as [n].\n");
        Files.writeString(dir.resolve("systen.md"), "typo");
        Prompts prompts = Prompts.load(dir);
        assertThat(prompts.system().text()).isEqualTo("You are a terse coach. Cite passages as [n].");
        assertThat(prompts.answer().text()).isEqualTo(Prompts.defaults().answer().text());
    }

    @Test
    void unknownPlaceholderFailsAtLoadNamingFileAndPlaceholder() throws IOException {
        Files.writeString(dir.resolve("answer.md"), "{{passages}} {{count}} {{language}}\n```text\n{{questoin}}\n```\n");
        assertThatThrownBy(() -> Prompts.load(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve("answer.md").toAbsolutePath().toString())
                .hasMessageContaining("unknown placeholder {{questoin}}")
                .hasMessageContaining("allowed: {{count}}, {{language}}, {{passages}}, {{question}}");
    }

    @Test
    void missingPlaceholderFailsAtLoad() throws IOException {
        Files.writeString(dir.resolve("answer.md"), "Answer {{question}} in {{language}} from {{count}} passages.");
        assertThatThrownBy(() -> Prompts.load(dir)).hasMessageContaining("answer.md: missing placeholder {{passages}}");
    }

    @Test
    void systemPromptTakesNoPlaceholdersSoNoUserTextCanReachIt() throws IOException {
        Files.writeString(dir.resolve("system.md"), "You coach {{question}}.");
        assertThatThrownBy(() -> Prompts.load(dir)).hasMessageContaining("unknown placeholder {{question}}; allowed: no placeholders");
    }

    @Test
    void unclosedPlaceholderFailsAtLoad() throws IOException {
        Files.writeString(dir.resolve("translate-query.md"), "{{target_language}} {{question}} and {{oops");
        assertThatThrownBy(() -> Prompts.load(dir)).hasMessageContaining("unclosed placeholder near \"{{oops\"");
    }

    @Test
    void missingOverrideDirectoryIsAClearError() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> Prompts.load(missing)).hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void renderingIsOnePassSoAValueCannotExpandIntoMorePrompt() {
        PromptTemplate t = PromptTemplate.parse("t.md", "t.md", "Q: {{question}} L: {{language}}", Set.of("question", "language"));
        assertThat(t.render(Map.of("question", "say {{language}} $1 \\", "language", "English")))
                .isEqualTo("Q: say {{language}} $1 \\ L: English");
        assertThatThrownBy(() -> t.render(Map.of("question", "x"))).hasMessageContaining("takes {{language}}, {{question}}");
    }
}
