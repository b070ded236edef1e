package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackConversationsTest.QUIET;
import static startupcoach.slack.SlackConversationsTest.assertCitedAnswer;
import static startupcoach.slack.SlackConversationsTest.channel;
import static startupcoach.slack.SlackPayloads.appMention;
import static startupcoach.slack.SlackPayloads.directMessage;
import static startupcoach.slack.SlackPayloads.envelope;
import static startupcoach.slack.SlackPayloads.eventId;
import static startupcoach.slack.SlackPayloads.ts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import startupcoach.cli.CoachServer;
import startupcoach.compose.llm.SseChunks;

/**
 * Streamed answers end to end: signed {@code app_mention} events into the real server with the LLM
 * composer, a language model on MockWebServer streaming Server-Sent Events, and the exact
 * {@code chat.*Stream}, {@code chat.update} and {@code chat.postMessage} calls on the fake Web API.
 */
class SlackStreamingTest {

    private static final String FOUNDER = "U0FOUNDER1";
    private static final List<String> PRICE_WAR = List.of("价格战里先守住", "利润底线，", "不要跟着对手", "盲目降价 [1]。",
            "用差异化的服务", "和套餐", "换取溢价 [2]。", "最后盯紧现金流 [1]。");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static FakeLlm llm;
    private static FakeSlack slack;
    private static CoachServer server;
    private static SignedClient client;

    /** The model: per question, what it streams (or answers in one reply when not asked to stream). */
    private static final class FakeLlm implements AutoCloseable {
        final MockWebServer server = new MockWebServer();
        final Map<String, Supplier<MockResponse>> streams = new ConcurrentHashMap<>();
        final Map<String, String> replies = new ConcurrentHashMap<>();
        final List<JsonNode> requests = new CopyOnWriteArrayList<>();

        FakeLlm() throws IOException {
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    JsonNode body;
                    try {
                        body = JSON.readTree(request.getBody().readUtf8());
                    } catch (IOException e) {
                        return new MockResponse().setResponseCode(400);
                    }
                    requests.add(body);
                    String user = body.path("messages").path(body.path("messages").size() - 1).path("content").asText();
                    for (Map.Entry<String, String> r : replies.entrySet()) {
                        if (user.contains(r.getKey())) {
                            return body.path("stream").asBoolean() ? streams.get(r.getKey()).get() : reply(r.getValue());
                        }
                    }
                    return new MockResponse().setResponseCode(404);
                }
            });
            server.start();
        }

        /** For {@code question}, the model writes these deltas, arriving as {@code stream} serves them. */
        void answers(String question, List<String> deltas, Supplier<MockResponse> stream) {
            replies.put(question, String.join("", deltas));
            streams.put(question, stream);
        }

        private static MockResponse reply(String content) {
            return new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":" + JSON.valueToTree(content) + "}}]}");
        }

        @Override
        public void close() throws IOException {
            server.shutdown();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        llm = new FakeLlm();
        slack = new FakeSlack();
        server = TestServers.startHttp(slack, withLlm(Map.of("SLACK_PLACEHOLDER_AFTER_MS", "30000")));
        client = new SignedClient(server.port(), TestServers.SIGNING_SECRET);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        slack.close();
        llm.close();
    }

    private static Map<String, String> withLlm(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("COACH_COMPOSER", "llm");
        all.put("LLM_BASE_URL", llm.server.url("/").toString());
        all.put("LLM_MODEL", "test-model");
        all.put("LLM_TRANSLATE_QUERIES", "false");
        return all;
    }

    /** Mentions the bot in a channel; returns the mention's ts (the thread the answer goes to). */
    private static String mention(SignedClient to, String ch, String question) {
        String ts = ts();
        assertThat(to.json(envelope(appMention(ch, FOUNDER, question, ts), eventId())).statusCode()).isEqualTo(200);
        return ts;
    }

    private static String markdown(FakeSlack.Call call) {
        return call.param("markdown_text") == null ? "" : call.param("markdown_text");
    }

    @Test
    void aModelsAnswerIsStreamedIntoTheThreadAndClosedWithItsSourcesOnceItsCitationsHold() throws Exception {
        String question = "价格战怎么打？";
        // About 3 s of writing: longer than the one-second append interval.
        llm.answers(question, PRICE_WAR, () -> SseChunks.slowly(PRICE_WAR, 160, 350));
        String ch = channel('C');

        String thread = mention(client, ch, question);

        FakeSlack.Call start = slack.next(ch);
        assertThat(start.method()).isEqualTo("chat.startStream");
        assertThat(start.param("channel")).isEqualTo(ch);
        assertThat(start.param("thread_ts")).isEqualTo(thread);
        assertThat(start.param("recipient_user_id")).isEqualTo(FOUNDER);
        assertThat(start.param("recipient_team_id")).isEqualTo("T1");
        assertThat(markdown(start)).isNotEmpty();
        StringBuilder streamed = new StringBuilder(markdown(start));
        List<FakeSlack.Call> appends = new ArrayList<>();
        FakeSlack.Call call = slack.next(ch);
        while (call.method().equals("chat.appendStream")) {
            assertThat(call.param("ts")).isEqualTo(start.ts());
            assertThat(markdown(call)).isNotEmpty();
            streamed.append(markdown(call));
            appends.add(call);
            call = slack.next(ch);
        }
        assertThat(appends).as("text followed the start while the model wrote").isNotEmpty();
        assertThat(appends.get(0).atNanos() - start.atNanos()).as("throttled").isGreaterThanOrEqualTo(900_000_000L);

        assertThat(call.method()).isEqualTo("chat.stopStream");
        assertThat(call.param("channel")).isEqualTo(ch);
        assertThat(call.param("ts")).isEqualTo(start.ts());
        streamed.append(markdown(call));
        assertThat(streamed.toString()).isEqualTo(String.join("", PRICE_WAR));
        JsonNode blocks = call.blocks();
        assertThat(FakeSlack.types(blocks)).containsSubsequence("markdown", "actions", "context_actions", "feedback_buttons");
        String sources = blocks.get(0).path("text").asText();
        assertThat(sources).startsWith("**出处：**\n[1] 《").contains("\n[2] 《").doesNotContain("利润底线");
        assertThat(blocks.toString()).contains(BlockRenderer.ACTION_FULL_SECTION, BlockRenderer.ACTION_FEEDBACK);
        assertThat(slack.next(ch, QUIET)).as("nothing after the stream is stopped").isNull();
        assertThat(llm.requests).anyMatch(r -> r.path("stream").asBoolean());
    }

    @Test
    void aStreamWhoseCitationsFailIsReplacedWithTheQuotes() throws Exception {
        String question = "品牌建设有哪些策略？";
        List<String> invented = List.of("参见", "行业报告 [9]", "，以及 [12]。");
        llm.answers(question, invented, () -> SseChunks.response(invented));
        String ch = channel('C');

        String thread = mention(client, ch, question);

        FakeSlack.Call start = slack.next(ch);
        assertThat(start.method()).isEqualTo("chat.startStream");
        assertThat(start.param("thread_ts")).isEqualTo(thread);
        FakeSlack.Call call = slack.next(ch);
        while (call.method().equals("chat.appendStream")) {
            call = slack.next(ch);
        }
        assertThat(call.method()).isEqualTo("chat.stopStream");
        assertThat(call.param("ts")).isEqualTo(start.ts());
        assertThat(call.param("blocks")).as("no sources under text that failed").isNull();
        assertThat(call.param("markdown_text")).isNull();
        FakeSlack.Call update = slack.next(ch);
        assertThat(update.method()).isEqualTo("chat.update");
        assertThat(update.param("ts")).isEqualTo(start.ts());
        assertThat(FakeSlack.texts(update.blocks())).contains("（语言模型的回答没有引用出处，以下为知识库原文摘录。）")
                .doesNotContain("行业报告");
        assertCitedAnswer(update);
        assertThat(slack.next(ch, QUIET)).isNull();
    }

    @Test
    void anAssistantThreadShowsItsStatusThenStreamsTheAnswer() throws Exception {
        List<String> funding = List.of("融资前先算清", "现金跑道 [1]。");
        llm.answers("融资有哪些要点？", funding, () -> SseChunks.response(funding));
        String dm = channel('D');
        String thread = ts();

        assertThat(client.json(envelope(directMessage(dm, FOUNDER, "融资有哪些要点？", ts()).put("thread_ts", thread), eventId()))
                .statusCode()).isEqualTo(200);

        FakeSlack.Call status = slack.next(FakeSlack.ASSISTANT + dm);
        assertThat(status.method()).isEqualTo("assistant.threads.setStatus");
        FakeSlack.Call start = slack.next(dm);
        assertThat(start.method()).isEqualTo("chat.startStream");
        assertThat(start.param("thread_ts")).isEqualTo(thread);
        assertThat(start.atNanos()).isGreaterThan(status.atNanos());
        FakeSlack.Call call = slack.next(dm);
        while (call.method().equals("chat.appendStream")) {
            call = slack.next(dm);
        }
        assertThat(call.method()).isEqualTo("chat.stopStream");
        assertThat(call.param("ts")).isEqualTo(start.ts());
        assertThat(FakeSlack.texts(call.blocks())).contains("**出处：**\n[1] 《");
        assertThat(slack.next(dm, QUIET)).isNull();
    }

    @Test
    void whenSlackRefusesToStreamTheAnswerIsPostedAndStreamingIsNotTriedAgain() throws Exception {
        List<String> funding = List.of("融资前先算清", "现金跑道 [1]。");
        llm.answers("融资有哪些要点？", funding, () -> SseChunks.response(funding));
        llm.answers("价格战怎么打？", PRICE_WAR, () -> SseChunks.response(PRICE_WAR));
        try (FakeSlack refusing = new FakeSlack(); LogCapture logs = LogCapture.root();
             CoachServer own = TestServers.startHttp(refusing, withLlm(Map.of("SLACK_PLACEHOLDER_AFTER_MS", "30000")))) {
            refusing.refuseStreams("not_allowed_token_type");
            SignedClient signed = new SignedClient(own.port(), TestServers.SIGNING_SECRET);
            String ch = channel('C');
            int asked = llm.requests.size();

            String thread = mention(signed, ch, "融资有哪些要点？");

            assertThat(refusing.next(ch).method()).isEqualTo("chat.startStream");
            FakeSlack.Call post = refusing.next(ch);
            assertThat(post.method()).isEqualTo("chat.postMessage");
            assertThat(post.param("thread_ts")).isEqualTo(thread);
            assertThat(FakeSlack.texts(post.blocks())).contains("融资前先算清现金跑道 [1]。");
            assertCitedAnswer(post);
            assertThat(refusing.next(ch, QUIET)).isNull();

            String next = channel('C');
            // This server's own composer has not seen the question: the model is asked again, for one reply.
            mention(signed, next, "价格战怎么打？");
            assertThat(refusing.next(next).method()).as("no second try").isEqualTo("chat.postMessage");
            assertThat(refusing.next(next, QUIET)).isNull();
            assertThat(llm.requests.subList(asked, llm.requests.size())).extracting(r -> r.path("stream").asBoolean())
                    .containsExactly(true, false);
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("slack.stream.unavailable"))
                    .containsExactly("slack.stream.unavailable reason=chat.startStream failed: not_allowed_token_type fallback=post for=process");
        }
    }

    @Test
    void aPlaceholderPostedBeforeTheModelWroteIsDeletedOnceTheStreamStarts() throws Exception {
        List<String> risk = List.of("市场风险先从", "小范围验证开始 [1]。");
        llm.answers("市场风险怎么控制？", risk, () -> SseChunks.response(risk));
        try (FakeSlack placeholders = new FakeSlack();
             CoachServer own = TestServers.startHttp(placeholders, withLlm(Map.of("SLACK_PLACEHOLDER_AFTER_MS", "0")))) {
            String ch = channel('C');

            String thread = mention(new SignedClient(own.port(), TestServers.SIGNING_SECRET), ch, "市场风险怎么控制？");

            FakeSlack.Call placeholder = placeholders.next(ch);
            assertThat(placeholder.method()).isEqualTo("chat.postMessage");
            assertThat(placeholder.param("text")).isEqualTo(BlockRenderer.PLACEHOLDER);
            FakeSlack.Call start = placeholders.next(ch);
            assertThat(start.method()).isEqualTo("chat.startStream");
            assertThat(start.param("thread_ts")).isEqualTo(thread);
            FakeSlack.Call delete = placeholders.next(ch);
            assertThat(delete.method()).isEqualTo("chat.delete");
            assertThat(delete.param("ts")).isEqualTo(placeholder.ts());
            FakeSlack.Call call = placeholders.next(ch);
            while (call.method().equals("chat.appendStream")) {
                call = placeholders.next(ch);
            }
            assertThat(call.method()).isEqualTo("chat.stopStream");
            assertThat(call.param("ts")).isEqualTo(start.ts());
            assertThat(placeholders.next(ch, QUIET)).isNull();
        }
    }

    @Test
    void theExtractiveComposerPostsItsAnswerAtOnceWithoutStreaming() throws Exception {
        try (FakeSlack quotes = new FakeSlack();
             CoachServer own = TestServers.startHttp(quotes, Map.of("SLACK_PLACEHOLDER_AFTER_MS", "30000"))) {
            String ch = channel('C');
            int asked = llm.requests.size();

            String thread = mention(new SignedClient(own.port(), TestServers.SIGNING_SECRET), ch, "价格战怎么打？");

            FakeSlack.Call post = quotes.next(ch);
            assertThat(post.method()).isEqualTo("chat.postMessage");
            assertThat(post.param("thread_ts")).isEqualTo(thread);
            assertCitedAnswer(post);
            assertThat(quotes.next(ch, QUIET)).isNull();
            assertThat(llm.requests).hasSize(asked);
        }
    }
}
