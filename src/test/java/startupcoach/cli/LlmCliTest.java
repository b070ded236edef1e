package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import startupcoach.compose.ExtractiveComposer;
import startupcoach.compose.FollowUps;
import startupcoach.compose.HeadingLabels;
import startupcoach.compose.LogCapture;
import startupcoach.compose.PlainTextRenderer;
import startupcoach.config.CoachConfig;
import startupcoach.config.ComposerSettings;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.retrieve.Bm25Retriever;
import startupcoach.retrieve.Glossary;
import startupcoach.retrieve.IndexProgress;
import startupcoach.retrieve.PassageIndex;
import startupcoach.retrieve.Query;
import startupcoach.retrieve.TextAnalysis;

/** The optional LLM as the command line and the composition root wire it, on the shipped knowledge base. */
class LlmCliTest {

    private static final String KEY = "sk-cli-test-NEVER-LOGGED-31337";
    private static final String ENGLISH = "How do we survive when rivals slash their prices?";
    private static final String TRANSLATION = "竞争对手大幅降价时，我们如何生存？";

    @TempDir
    static Path shared;
    private static String data;
    private MockWebServer server;

    @BeforeAll
    static void buildIndexOnce() {
        data = shared.resolve("data").toString();
        assertThat(CliRunner.run("", "index", "--data-dir", data).exitCode()).isZero();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.shutdown();
    }

    private Map<String, String> llmEnv(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("LLM_BASE_URL", server.url("/").toString(), "LLM_MODEL", "test-model",
                "LLM_API_KEY", KEY));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    /** What {@code ask} printed before the LLM existed: BM25 with the glossary, extractive quotes, plain text. */
    private static String extractiveText(String question) throws IOException {
        KnowledgeBase kb = KnowledgeBase.load(Path.of("knowledge"));
        TextAnalysis analysis = new TextAnalysis();
        try (PassageIndex index = PassageIndex.openOrBuild(Path.of(data, "index"), kb, analysis, IndexProgress.SILENT)) {
            Glossary glossary = Glossary.load(Path.of("knowledge"));
            var retriever = Bm25Retriever.create(index, analysis, glossary);
            HeadingLabels labels = new HeadingLabels(glossary);
            return new PlainTextRenderer().render(new ExtractiveComposer(analysis, new FollowUps(kb, labels), labels)
                    .compose(retriever.search(question, 5)));
        }
    }

    private static MockResponse reply(String content) {
        return new MockResponse().setBody("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":"
                + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(content) + "}}]}");
    }

    @Test
    void withoutAnLlmAskGivesTheSameExtractiveTextAsBefore() throws IOException {
        for (String q : List.of("价格战怎么打？", "How should we price our product against competitors?")) {
            CliRunner.Result r = CliRunner.run(Map.of("LLM_MODEL", "m", "LLM_API_KEY", KEY), "", "ask", "--mode", "bm25", "--data-dir", data, q);
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo(extractiveText(q) + System.lineSeparator());
            // Quoted key points, each with its marker: the extractive shape, not a model's prose.
            assertThat(r.out()).containsPattern("(?m)^• .+ \\[1]$").contains("\n[1] 《");
        }
    }

    @Test
    void llmConfiguredButExtractiveComposerSendsNoChineseQuestionAnywhere() throws IOException {
        String q = "价格战怎么打？";
        CliRunner.Result r = CliRunner.run(llmEnv(), "", "ask", "--mode", "bm25", "--data-dir", data, q);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(extractiveText(q) + System.lineSeparator());
        CliRunner.Result english = CliRunner.run(llmEnv("LLM_TRANSLATE_QUERIES", "false"), "", "ask", "--mode", "bm25", "--data-dir", data, ENGLISH);
        assertThat(english.out()).isEqualTo(extractiveText(ENGLISH) + System.lineSeparator());
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void llmComposerWithoutBaseUrlIsAClearErrorNamingTheVariable() {
        CliRunner.Result r = CliRunner.run(Map.of("LLM_MODEL", "m"), "", "ask", "--composer", "llm", "--data-dir", data, "价格战怎么打？");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("LLM_BASE_URL is not set").doesNotContain("\tat ").doesNotContain("Exception");
        CliRunner.Result env = CliRunner.run(Map.of("COACH_COMPOSER", "llm"), "", "ask", "--data-dir", data, "价格战怎么打？");
        assertThat(env.err()).contains("LLM_BASE_URL");
    }

    @Test
    void serveReadsTheComposerFromTheEnvironment() {
        CoachConfig config = startupcoach.SharedTestCache.config(Path.of("knowledge"), Path.of(data));
        assertThatThrownBy(() -> CoachServer.start(config, Map.of("COACH_COMPOSER", "llm"), "127.0.0.1", 0, IndexProgress.SILENT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LLM_BASE_URL is not set");
    }

    @Test
    void askWithTheLlmComposerPrintsProseAndNumberedSources() throws Exception {
        server.enqueue(reply("价格战中要守住利润底线，避免盲目降价 [1]。"));
        try (LogCapture logs = new LogCapture()) {
            CliRunner.Result r = CliRunner.run(llmEnv(), "", "ask", "--composer", "llm", "--data-dir", data, "价格战怎么打？");

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("根据知识库中的 1 个章节（出处见下）：\n\n价格战中要守住利润底线，避免盲目降价 [1]。\n\n出处：\n[1] 《");
            assertThat(logs.text()).contains("composer.configured kind=llm", "apiKey=(redacted)", "llm.answered cited=1")
                    .doesNotContain(KEY);
        }
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getBody().readUtf8()).contains("Answer in Chinese").contains("价格战怎么打？");
    }

    @Test
    void englishQuestionIsTranslatedForRetrievalOnceThenFromTheCache() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String body = request.getBody().readUtf8();
                return body.contains("Translate the search question") ? reply("Translation: " + TRANSLATION)
                        : new MockResponse().setResponseCode(400);
            }
        });
        CoachConfig config = startupcoach.SharedTestCache.config(Path.of("knowledge"), Path.of(data));
        try (CoachApp app = CoachApp.open(config, CoachApp.Options.defaults().withComposer(ComposerSettings.load(llmEnv(), null, null)), IndexProgress.SILENT);
             CoachApp offline = CoachApp.open(config, IndexProgress.SILENT)) {
            Query translated = app.retriever().search(ENGLISH, 5).query();
            Query glossaryOnly = offline.retriever().search(ENGLISH, 5).query();

            assertThat(translated.expansions()).containsAll(glossaryOnly.expansions()).contains("大幅", "降价");
            assertThat(glossaryOnly.expansions()).doesNotContain("大幅", "降价");
            assertThat(server.getRequestCount()).isEqualTo(1);

            app.coach().handle(startupcoach.coach.IncomingMessage.fromCli(ENGLISH));
            app.retriever().search(ENGLISH, 5);
            app.retriever().search("价格战怎么打？", 5);
            assertThat(server.getRequestCount()).as("cached, and Chinese is never translated").isEqualTo(1);
        }
    }

    @Test
    void translationFailureFallsBackToTheGlossaryAndIsLogged() {
        server.enqueue(new MockResponse().setResponseCode(500));
        server.enqueue(new MockResponse().setResponseCode(503));
        CoachConfig config = startupcoach.SharedTestCache.config(Path.of("knowledge"), Path.of(data));
        try (LogCapture logs = new LogCapture();
             CoachApp app = CoachApp.open(config, CoachApp.Options.defaults().withComposer(ComposerSettings.load(llmEnv(), null, null)), IndexProgress.SILENT);
             CoachApp offline = CoachApp.open(config, IndexProgress.SILENT)) {
            Query q = app.retriever().search(ENGLISH, 5).query();

            assertThat(q.expansions()).isEqualTo(offline.retriever().search(ENGLISH, 5).query().expansions());
            assertThat(logs.text()).contains("llm.translate_failed reason=http_status", "fallback=glossary").doesNotContain(KEY);
        }
    }
}
