package startupcoach.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import startupcoach.compose.llm.OpenAiChatClient;
import startupcoach.compose.llm.Prompts;
import startupcoach.knowledge.KnowledgeBase;
import startupcoach.retrieve.Bm25Retriever;
import startupcoach.retrieve.IndexProgress;
import startupcoach.retrieve.PassageIndex;
import startupcoach.retrieve.QueryExpander;
import startupcoach.retrieve.SearchResult;
import startupcoach.retrieve.TextAnalysis;

/**
 * A three-section knowledge base (src/test/resources/compose/pricing-kb), real BM25 retrieval over
 * it, and a MockWebServer standing in for the OpenAI-compatible endpoint.
 */
final class LlmFixture implements AutoCloseable {

    static final String API_KEY = "sk-test-7Hq2-DO-NOT-LOG-4f9a";
    static final String COVERED = "价格战怎么打？定价策略怎么定？";
    static final String NOT_COVERED = "量子计算芯片的制造工艺";
    private static final ObjectMapper JSON = new ObjectMapper();

    final MockWebServer server = new MockWebServer();
    final KnowledgeBase kb = KnowledgeBase.load(Path.of("src/test/resources/compose/pricing-kb"));
    final TextAnalysis analysis = new TextAnalysis();
    final PassageIndex index;
    final Bm25Retriever retriever;
    final FollowUps followUps = new FollowUps(kb);
    final ExtractiveComposer extractive = new ExtractiveComposer(analysis, followUps);
    private final List<OpenAiChatClient> clients = new ArrayList<>();

    LlmFixture(Path tmp) {
        index = PassageIndex.openOrBuild(tmp.resolve("index"), kb, analysis, IndexProgress.SILENT);
        retriever = Bm25Retriever.create(index, analysis, QueryExpander.NONE);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return server.url("/").toString();
    }

    LlmComposer composer() {
        return composer(Duration.ofSeconds(5), Duration.ofSeconds(2));
    }

    LlmComposer composer(Duration readTimeout, Duration maxRetryWait) {
        return new LlmComposer(client(readTimeout, maxRetryWait), Prompts.defaults(), extractive, followUps);
    }

    OpenAiChatClient client(Duration readTimeout, Duration maxRetryWait) {
        OpenAiChatClient client = OpenAiChatClient.builder(baseUrl(), "test-model")
                .optApiKey(API_KEY)
                .optConnectTimeout(Duration.ofSeconds(2))
                .optReadTimeout(readTimeout)
                .optMaxRetryWait(maxRetryWait)
                .build();
        clients.add(client);
        return client;
    }

    SearchResult search(String question) {
        return retriever.search(question, 5);
    }

    /** A chat completion whose message content is {@code content}. */
    static MockResponse reply(String content) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion");
        body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                .putObject("message").put("role", "assistant").put("content", content);
        return new MockResponse().setHeader("Content-Type", "application/json").setBody(body.toString());
    }

    RecordedRequest take() {
        try {
            RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
            if (r == null) {
                throw new AssertionError("no request reached the mock server");
            }
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode json(RecordedRequest request) {
        try {
            return JSON.readTree(request.getBody().clone().readUtf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        clients.forEach(OpenAiChatClient::close);
        server.shutdown();
        index.close();
    }
}
