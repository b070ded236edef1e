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

    @Test
    void prefersLongestPhraseAndDoesNotReexpandItsWords() {
        assertThat(glossary.expand("How do we win a price war?", Language.EN)).containsExactly("价格战");
        assertThat(glossary.expand("Customer acquisition is slow", Language.EN)).containsExactly("获客");
    }

    @Test
    void matchesInflectedFormsAndPunctuatedTerms() {
        assertThat(glossary.expand("Pricing for customers", Language.EN)).containsExactly("价格", "定价", "客户");
        assertThat(glossary.expand("our R&D and go-to-market", Language.EN)).containsExactly("研发", "市场进入");
    }

    @Test
    void loadsTsvFilesAndSkipsMalformedLines(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.tsv"), "# comment\nseed round\t种子轮|天使轮\nbroken line without tab\n\nchurn\t流失\n");
        Glossary loaded = Glossary.load(dir);
        assertThat(loaded.size()).isEqualTo(2);
        assertThat(loaded.expand("our seed round churned", Language.EN)).containsExactly("种子轮", "天使轮", "流失");
    }

    @Test
    void shippedGlossaryIsLargeAndCoversMultiWordTerms() {
        Glossary shipped = Glossary.load(Path.of("knowledge"));
        assertThat(shipped.size()).isGreaterThanOrEqualTo(500);
        assertThat(shipped.expand("customer acquisition", Language.EN)).isNotEmpty();
        assertThat(shipped.expand("seed round", Language.EN)).isNotEmpty();
        assertThat(shipped.expand("go-to-market", Language.EN)).isNotEmpty();
    }
}
