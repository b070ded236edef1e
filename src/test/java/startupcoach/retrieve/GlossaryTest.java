package startupcoach.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GlossaryTest {

    private final Glossary glossary = new Glossary(Map.of(
            "customer acquisition", List.of("获客"),
            "customer", List.of("客户"),
            "price", List.of("价格", "定价"),
            "price war", List.of("价格战"),
            "r&d", List.of("研发"),
            "go-to-market", List.of("市场进入")));

    private static List<String> targets(Glossary g, String question) {
        return g.expand(question, Language.EN).stream().flatMap(e -> e.targets().stream()).toList();
    }

    @Test
    void prefersLongestPhraseAndDoesNotReexpandItsWords() {
        assertThat(targets(glossary, "How do we win a price war?")).containsExactly("价格战");
        assertThat(targets(glossary, "Customer acquisition is slow")).containsExactly("获客");
    }

    @Test
    void matchesInflectedFormsAndPunctuatedTerms() {
        assertThat(targets(glossary, "Pricing for customers")).containsExactly("价格", "定价", "客户");
        assertThat(targets(glossary, "our R&D and go-to-market")).containsExactly("研发", "市场进入");
    }

    @Test
    void loadsTsvFilesAndSkipsMalformedLines(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.tsv"), "# comment\nseed round\t种子轮|天使轮\nbroken line without tab\n\nchurn\t流失\n");
        Glossary loaded = Glossary.load(dir);
        assertThat(loaded.size()).isEqualTo(2);
        assertThat(targets(loaded, "our seed round churned")).containsExactly("种子轮", "天使轮", "流失");
    }

    @Test
    void shippedGlossaryIsLargeAndCoversMultiWordTerms() {
        Glossary shipped = Glossary.load(Path.of("knowledge"));
        assertThat(shipped.size()).isGreaterThanOrEqualTo(500);
        assertThat(targets(shipped, "customer acquisition")).isNotEmpty();
        assertThat(targets(shipped, "seed round")).isNotEmpty();
        assertThat(targets(shipped, "go-to-market")).isNotEmpty();
    }
}
