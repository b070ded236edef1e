package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives every command through {@link Main}, the real entry point, on the shipped knowledge base. */
class CliTest {

    @TempDir
    static Path shared;
    private static String data;

    @BeforeAll
    static void buildIndexOnce() {
        data = shared.resolve("data").toString();
        CliRunner.Result r = CliRunner.run("", "index", "--data-dir", data);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private static CliRunner.Result ask(String... words) {
        String[] args = Stream.concat(Stream.of("ask", "--data-dir", data), Stream.of(words)).toArray(String[]::new);
        return CliRunner.run("", args);
    }

    @Test
    void indexReportsDocumentsAndIsUpToDateOnTheSecondRun() {
        CliRunner.Result r = CliRunner.run("", "index", "--data-dir", data);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("《大模型创业的风险与机遇》", "price-war.md", "up to date");
    }

    @Test
    void answersAChineseQuestionWithCitations() {
        CliRunner.Result r = ask("价格战怎么打？");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("[1] 《").contains(" › ");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void jsonListsPassagesScoresAndCitations() throws IOException {
        CliRunner.Result r = ask("--json", "How should we price our product against competitors?");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("covered").asBoolean()).isTrue();
        assertThat(json.get("language").asText()).isEqualTo("EN");
        assertThat(json.get("passages")).isNotEmpty();
        JsonNode first = json.get("passages").get(0);
        assertThat(first.get("score").asDouble()).isPositive();
        assertThat(first.get("citation").asText()).startsWith("《");
        assertThat(json.get("citations")).isNotEmpty();
    }

    @Test
    void abstainsOnAnUncoveredQuestion() {
        CliRunner.Result r = ask("量子计算芯片的制造工艺");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("知识库没有涉及这个问题");
    }

    @Test
    void emptyQuestionPrintsUsageAndExitsWithTwo() {
        CliRunner.Result r = ask("   ");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Usage: startup-coach ask").contains("Commands:");
    }

    @Test
    void veryLongQuestionIsAnsweredOnItsFirstPartWithANote() {
        String question = "价格战怎么打？" + "我们的产品和竞争对手很像，".repeat(800);
        assertThat(question.length()).isGreaterThan(10_000);
        CliRunner.Result r = ask(question);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("I answered its first 1000").contains("[1] 《");
    }

    @Test
    void missingKnowledgeDirectoryIsAClearErrorNamingThePath(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-kb");
        CliRunner.Result r = CliRunner.run("", "ask", "--knowledge", missing.toString(), "--data-dir", tmp.toString(), "hi");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(missing.toAbsolutePath().toString()).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void unknownKernelModeIsAClearErrorNamingTheValidOnes(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run(java.util.Map.of("COACH_EMBED_KERNELS", "turbo"), "",
                "ask", "--data-dir", tmp.toString(), "价格战怎么打？");

        assertThat(r.exitCode()).as("a setting that cannot be used is a usage error").isEqualTo(2);
        assertThat(r.err()).contains("COACH_EMBED_KERNELS=turbo is not valid; use one of auto, safe, fast")
                .doesNotContain("Exception");
    }

    @Test
    void emptyKnowledgeDirectoryIsAClearError(@TempDir Path tmp) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("kb"));
        CliRunner.Result r = CliRunner.run("", "ask", "--knowledge", empty.toString(), "--data-dir", tmp.toString(), "hi");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(empty.toAbsolutePath().toString()).doesNotContain("\tat ");
    }

    @Test
    void nonUtf8FileIsSkippedWithAWarningAndOthersAreIndexed(@TempDir Path tmp) throws IOException {
        Path kb = Files.createDirectories(tmp.resolve("kb"));
        Files.copy(Path.of("knowledge/price-war.md"), kb.resolve("price-war.md"));
        Files.write(kb.resolve("latin1.md"), new byte[] {'#', ' ', 'C', 'a', 'f', (byte) 0xE9, '\n'});
        CliRunner.Result r = CliRunner.run("", "index", "--knowledge", kb.toString(), "--data-dir", tmp.resolve("d").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("latin1.md");
        assertThat(r.out()).contains("price-war.md");
    }

    @Test
    void corruptIndexIsRebuiltWithAWarning(@TempDir Path tmp) throws IOException {
        String dir = tmp.resolve("d").toString();
        assertThat(CliRunner.run("", "index", "--data-dir", dir).exitCode()).isZero();
        try (Stream<Path> files = Files.list(Path.of(dir, "index"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
                Files.write(f, new byte[] {0, 1, 2});
            }
        }
        CliRunner.Result r = CliRunner.run("", "ask", "--data-dir", dir, "价格战怎么打？");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("[1] 《");
        assertThat(r.err()).contains("rebuil");
    }

    @Test
    void chatAnswersEachLineAndExits() {
        CliRunner.Result r = CliRunner.run("help\ntopics\n价格战怎么打？\nexit\n", "chat", "--data-dir", data);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Commands:").contains("《AI大模型创业：如何应对未来价格战？》").contains("[1] 《");
    }

    @Test
    void bareInvocationStartsChat() {
        CliRunner.Result r = CliRunner.run("exit\n", "--data-dir", data);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Type help for commands");
    }

    @Test
    void evalPrintsItsTable() {
        CliRunner.Result r = CliRunner.run("", "eval", "--data-dir", data, "--k", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("R@1", "R@5", "MRR", "zh", "en", "all", "Recall@5");
    }

    @Test
    void evalReadsTheBundledScenarioSetAndListsFailuresWithWhatWasRetrieved() {
        CliRunner.Result r = CliRunner.run("", "eval", "--data-dir", data, "--mode", "bm25", "--set", "scenario",
                "--show-failures");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("keypoint", "abstained", "answered");
        // Every failure names the question, its gold and what came back instead.
        assertThat(r.out()).containsPattern("bm25 d1\\d\\d \\[(zh|en)\\] ");
        assertThat(r.out()).contains("    gold: ");
    }

    @Test
    void evalNamesTheBundledSetsWhenTheSetIsUnknown() {
        CliRunner.Result r = CliRunner.run("", "eval", "--data-dir", data, "--mode", "bm25", "--set", "no-such-set");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("evaluation set not found").contains("dev, scenario");
    }

    @Test
    void benchPrintsPercentiles() {
        CliRunner.Result r = CliRunner.run("", "bench", "--data-dir", data, "--warmup", "1", "--rounds", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("p50=").contains("p99=").contains("ask ").contains("+compose");
    }

    @Test
    void aConfiguredModelThatCannotLoadIsOneClearError(@TempDir Path tmp) {
        CliRunner.Result r = CliRunner.run(java.util.Map.of("COACH_EMBEDDING_MODEL_URL", tmp.resolve("no-model").toUri().toString()),
                "", "ask", "--data-dir", data, "价格战怎么打？");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("Could not load the embedding model").doesNotContain("\tat ");
    }

    @Test
    void bm25ModeAnswersWithoutTheModel() {
        CliRunner.Result r = ask("--mode", "bm25", "价格战怎么打？");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("[1] 《");
        assertThat(r.err()).doesNotContain("Embedding model");
    }

    @Test
    void unknownModeNamesTheValidOnes() {
        CliRunner.Result r = ask("--mode", "fuzzy", "价格战怎么打？");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bm25, dense, hybrid");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        CliRunner.Result r = CliRunner.run("", "frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("frobnicate");
    }
}
