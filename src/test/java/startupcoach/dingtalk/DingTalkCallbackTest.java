package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import startupcoach.cli.CoachApp;
import startupcoach.cli.CoachServer;
import startupcoach.coach.Feedback;
import startupcoach.coach.IncomingMessage;
import startupcoach.config.DatabaseSettings;
import startupcoach.retrieve.IndexProgress;
import startupcoach.store.JdbcFeedbackLog;
import startupcoach.store.Storage;

/**
 * End to end over real HTTP: the real {@code serve} server with DingTalk in HTTP mode, signed
 * callbacks shaped as DingTalk sends them, and DingTalk's side (session webhooks, OpenAPI) on a
 * MockWebServer.
 */
class DingTalkCallbackTest {

    static final String SECRET = "gT4x-9QkYv2Lr8Nw0Zc6Hb1Pd5Sf3Jm7Ua_XeRoWiKt";
    static final String APP_KEY = "dingk2p7x9q4w1v6";

    private static DingTalkMock dingtalk;
    private static CoachServer server;
    /** The same core in-process, to compute what each answer must be. */
    private static CoachApp reference;

    @BeforeAll
    static void start() throws Exception {
        dingtalk = new DingTalkMock();
        Map<String, String> env = Map.of(
                "DINGTALK_APP_SECRET", SECRET,
                "DINGTALK_APP_KEY", APP_KEY,
                "DINGTALK_MODE", "http",
                "DINGTALK_API_URL", dingtalk.apiUrl(),
                // Markdown replies through the session webhook; DingTalkCardsTest covers cards.
                "COACH_DINGTALK_REPLY", "markdown",
                // The fixtures all come from one sender, faster than a person types: no rate limit here.
                "COACH_RATE_USER_PER_MINUTE", "0", "COACH_RATE_CHANNEL_PER_MINUTE", "0");
        server = CoachServer.start(TestData.config(), env, "127.0.0.1", 0, IndexProgress.SILENT);
        reference = CoachApp.open(TestData.config(), IndexProgress.SILENT);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        reference.close();
        dingtalk.close();
    }

    private static HttpResponse<String> post(ObjectNode message) throws Exception {
        return Signed.post(server.port(), SECRET, Payloads.text(message));
    }

    private static List<MarkdownMessage> expected(ObjectNode message, String question, String mention) {
        return new MarkdownRenderer().render(reference.coach().handle(new IncomingMessage("dingtalk",
                message.get("conversationId").asText(), message.get("senderStaffId").asText(), question,
                // A conversation of its own: the reference answer is to the question alone.
                java.util.UUID.randomUUID().toString())), mention);
    }

    @Test
    void servesDingTalkWhenTheAppSecretIsSet() {
        assertThat(server.enabledPlatforms()).contains("dingtalk");
        assertThat(server.disabledPlatforms()).noneMatch(reason -> reason.startsWith("dingtalk"));
    }

    @Test
    void groupMentionIsAnsweredInMarkdownWithCitationsAndAnAtOfTheAsker() throws Exception {
        ObjectNode message = Payloads.fresh(Payloads.GROUP, dingtalk.webhook());
        // A conversation of its own: serve remembers earlier turns, the reference coach answers the question alone.
        message.put("conversationId", "cidFirstTurn" + System.nanoTime() + "==");

        HttpResponse<String> response = post(message);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"msgtype\":\"empty\"}");
        RecordedRequest request = dingtalk.take();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo(message.get("sessionWebhook").asText().replaceFirst("^http://[^/]+", ""));
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = DingTalkMock.body(request);
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("title").asText()).isEqualTo("价格战怎么打？");
        assertThat(body.get("at").get("atUserIds")).hasSize(1);
        assertThat(body.get("at").get("atUserIds").get(0).asText()).isEqualTo("manager4821");
        String text = body.get("markdown").get("text").asText();
        assertThat(text).startsWith("#### 价格战怎么打？\n\n@manager4821\n\n");
        assertThat(text).containsPattern("(?m)^- \\S.+ \\[\\d+]$");
        assertThat(text).containsPattern("(?m)^- \\[\\d+] 《[^》]+》 › \\S.*$");
        assertThat(text).contains("\n\n**你还可以问：**\n\n- ");
        assertThat(text).doesNotContain("```").doesNotContainPattern("(?m)^\\|");
        assertThat(text.length()).isLessThanOrEqualTo(MarkdownRenderer.MAX_TEXT_CHARS);
        // Exactly what the core answers, rendered: nothing lost or added on the way.
        List<MarkdownMessage> expected = expected(message, "价格战怎么打？", "manager4821");
        assertThat(expected).hasSize(1);
        assertThat(text).isEqualTo(expected.get(0).text());
        assertThat(Payloads.JSON.writeValueAsString(body)).isEqualTo(Payloads.JSON.writeValueAsString(
                SessionWebhook.body(expected.get(0))));
    }

    @Test
    void oneToOneQuestionIsAnsweredWithoutAnAt() throws Exception {
        ObjectNode message = Payloads.fresh(Payloads.SINGLE, dingtalk.webhook());

        assertThat(post(message).statusCode()).isEqualTo(200);

        JsonNode body = DingTalkMock.body(dingtalk.take());
        assertThat(body.has("at")).isFalse();
        assertThat(body.get("markdown").get("title").asText()).isEqualTo("How should we price our produ…");
        String text = body.get("markdown").get("text").asText();
        assertThat(text).startsWith("#### How should we price our produ…\n\n").doesNotContain("@user0193");
        assertThat(text).containsPattern("(?m)^- \\[\\d+] 《[^》]+》 › \\S.*$").contains("**You could also ask:**");
        assertThat(text).isEqualTo(expected(message, "How should we price our product against competitors?", null)
                .get(0).text());
    }

    @Test
    void expiredWebhookIsAnsweredThroughTheRobotOpenApiWithOneCachedToken() throws Exception {
        long expired = System.currentTimeMillis() - 60_000;
        ObjectNode group = Payloads.fresh(Payloads.GROUP, dingtalk.webhook()).put("sessionWebhookExpiredTime", expired);
        ObjectNode single = Payloads.fresh(Payloads.SINGLE, dingtalk.webhook()).put("sessionWebhookExpiredTime", expired);
        int tokensBefore = dingtalk.tokenRequests();

        assertThat(post(group).statusCode()).isEqualTo(200);
        RecordedRequest token = dingtalk.take();
        assertThat(token.getPath()).isEqualTo("/v1.0/oauth2/accessToken");
        JsonNode credentials = DingTalkMock.body(token);
        assertThat(credentials.get("appKey").asText()).isEqualTo(APP_KEY);
        assertThat(credentials.get("appSecret").asText()).isEqualTo(SECRET);
        RecordedRequest groupSend = dingtalk.take();
        assertThat(groupSend.getPath()).isEqualTo("/v1.0/robot/groupMessages/send");
        assertThat(groupSend.getHeader("x-acs-dingtalk-access-token")).isEqualTo(DingTalkMock.TOKEN);
        JsonNode groupBody = DingTalkMock.body(groupSend);
        assertThat(groupBody.get("robotCode").asText()).isEqualTo("dingrobot2b7c9d1e");
        assertThat(groupBody.get("msgKey").asText()).isEqualTo("sampleMarkdown");
        assertThat(groupBody.get("openConversationId").asText()).isEqualTo("cidGroup7Rm1TZqUzHBx4dYQ8Yw==");
        JsonNode param = Payloads.JSON.readTree(groupBody.get("msgParam").asText());
        assertThat(param.get("title").asText()).isEqualTo("价格战怎么打？");
        assertThat(param.get("text").asText()).startsWith("#### 价格战怎么打？\n\n@manager4821\n\n")
                .containsPattern("(?m)^- \\[\\d+] 《[^》]+》 › \\S.*$");

        assertThat(post(single).statusCode()).isEqualTo(200);
        RecordedRequest singleSend = dingtalk.take();
        assertThat(singleSend.getPath()).isEqualTo("/v1.0/robot/oToMessages/batchSend");
        assertThat(singleSend.getHeader("x-acs-dingtalk-access-token")).isEqualTo(DingTalkMock.TOKEN);
        JsonNode singleBody = DingTalkMock.body(singleSend);
        assertThat(singleBody.get("userIds").get(0).asText()).isEqualTo("user0193");
        assertThat(singleBody.get("msgKey").asText()).isEqualTo("sampleMarkdown");
        assertThat(Payloads.JSON.readTree(singleBody.get("msgParam").asText()).get("text").asText())
                .contains("**You could also ask:**");
        assertThat(dingtalk.tokenRequests() - tokensBefore).as("token fetched once, then cached").isEqualTo(1);
    }

    @Test
    void redeliveredMessageIsAnsweredOnce() throws Exception {
        ObjectNode message = Payloads.fresh(Payloads.GROUP, dingtalk.webhook());

        assertThat(post(message).statusCode()).isEqualTo(200);
        assertThat(post(message).statusCode()).isEqualTo(200);

        dingtalk.take();
        assertThat(dingtalk.poll(500)).as("no second answer").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"group-picture.json", "group-file.json", "group-richtext.json"})
    void nonTextMessageGetsAFriendlyTextOnlyReply(String fixture) throws Exception {
        ObjectNode message = Payloads.fresh(fixture, dingtalk.webhook());

        assertThat(post(message).statusCode()).isEqualTo(200);

        JsonNode body = DingTalkMock.body(dingtalk.take());
        assertThat(body.get("msgtype").asText()).isEqualTo("markdown");
        assertThat(body.get("markdown").get("text").asText()).startsWith("#### startup-coach\n\n@manager4821\n\n")
                .contains("目前只支持文字消息").contains("Only text messages");
        assertThat(body.get("at").get("atUserIds").get(0).asText()).isEqualTo("manager4821");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "", " @coach ", "\u2005"})
    void emptyTextAfterTheMentionGetsHelp(String content) throws Exception {
        ObjectNode message = Payloads.withText(Payloads.fresh(Payloads.GROUP, dingtalk.webhook()), content);

        assertThat(post(message).statusCode()).isEqualTo(200);

        JsonNode body = DingTalkMock.body(dingtalk.take());
        assertThat(body.get("markdown").get("title").asText()).isEqualTo("startup-coach 使用帮助 · help");
        assertThat(body.get("markdown").get("text").asText()).contains("Commands:")
                .contains("- topics — what the knowledge base covers")
                .contains("- " + FeedbackCommands.USAGE)
                .contains("‹citation›");
    }

    @Test
    void leftoverAtNameIsStrippedFromTheQuestion() throws Exception {
        ObjectNode message = Payloads.withText(Payloads.fresh(Payloads.GROUP, dingtalk.webhook()), "@startup-coach 价格战怎么打？");

        assertThat(post(message).statusCode()).isEqualTo(200);

        JsonNode body = DingTalkMock.body(dingtalk.take());
        assertThat(body.get("markdown").get("title").asText()).isEqualTo("价格战怎么打？");
    }

    @Test
    void topicsAndSourceCommandsAnswerFromTheCore() throws Exception {
        assertThat(post(Payloads.withText(Payloads.fresh(Payloads.GROUP, dingtalk.webhook()), " topics")).statusCode())
                .isEqualTo(200);
        String topics = DingTalkMock.body(dingtalk.take()).get("markdown").get("text").asText();
        assertThat(topics).startsWith("#### 知识库主题 · topics\n\n@manager4821\n\n").contains("《大模型创业的风险与机遇》")
                .containsPattern("(?m)^- \\S");

        assertThat(post(Payloads.withText(Payloads.fresh(Payloads.SINGLE, dingtalk.webhook()), "source 2.4.1 财务风险的具体表现"))
                .statusCode()).isEqualTo(200);
        JsonNode source = DingTalkMock.body(dingtalk.take()).get("markdown");
        assertThat(source.get("title").asText()).startsWith("出处 · ").contains("2.4.1 财务风险的具体表现");
        assertThat(source.get("text").asText()).startsWith("#### 出处 · ")
                .containsPattern("(?m)^\\*\\*《大模型创业的风险与机遇》 › .* › 2\\.4\\.1 财务风险的具体表现\\*\\*$")
                .contains("1. **资金不足**");
    }

    @Test
    void feedbackRatesTheLastAnswerOfTheConversation() throws Exception {
        String conversation = "cidFeedback" + System.nanoTime() + "==";
        ObjectNode early = Payloads.withText(Payloads.fresh(Payloads.GROUP, dingtalk.webhook()), " 有用");
        early.put("conversationId", conversation);
        post(early);
        assertThat(DingTalkMock.body(dingtalk.take()).get("markdown").get("text").asText())
                .contains("No answer to rate yet");

        ObjectNode question = Payloads.fresh(Payloads.GROUP, dingtalk.webhook()).put("conversationId", conversation);
        post(question);
        dingtalk.take();

        ObjectNode good = Payloads.withText(Payloads.fresh(Payloads.GROUP, dingtalk.webhook()), " 有用");
        good.put("conversationId", conversation);
        post(good);
        assertThat(DingTalkMock.body(dingtalk.take()).get("markdown").get("text").asText()).contains("谢谢反馈");

        ObjectNode bad = Payloads.withText(Payloads.fresh(Payloads.GROUP, dingtalk.webhook()), " feedback bad");
        bad.put("conversationId", conversation);
        post(bad);
        assertThat(DingTalkMock.body(dingtalk.take()).get("markdown").get("text").asText()).contains("谢谢反馈");

        ObjectNode elsewhere = Payloads.withText(Payloads.fresh(Payloads.SINGLE, dingtalk.webhook()), "没用");
        elsewhere.put("conversationId", "cidNeverAnswered" + System.nanoTime() + "==");
        post(elsewhere);
        assertThat(DingTalkMock.body(dingtalk.take()).get("markdown").get("text").asText())
                .as("another conversation has nothing to rate").contains("No answer to rate yet");

        // Under serve the verdicts go to the database (SQLite under the data directory).
        try (Storage storage = Storage.open(DatabaseSettings.fromEnvironment(Map.of(), TestData.config().dataDir()))) {
            List<Feedback> recorded = new JdbcFeedbackLog(storage.database()).forConversation("dingtalk", conversation);
            assertThat(recorded).extracting(Feedback::helpful).containsExactly(true, false);
            assertThat(recorded).allSatisfy(f -> assertThat(f.citations()).isNotEmpty());
        }
    }

    @Test
    void messageOlderThanTheMaximumAgeIsDroppedAndLogged() throws Exception {
        ObjectNode message = Payloads.fresh(Payloads.GROUP, dingtalk.webhook());
        message.put("createAt", System.currentTimeMillis() - 10 * 60_000L);
        try (LogCapture logs = new LogCapture("startupcoach.dingtalk")) {
            assertThat(post(message).statusCode()).isEqualTo(200);

            assertThat(dingtalk.poll(300)).isNull();
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("dingtalk.message_dropped reason=too_old msgId="
                    + message.get("msgId").asText()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"msgtype\": \"text\", \"text\": {\"content", "[1, 2, 3]", "\"text\"",
            "{\"msgtype\":\"text\",\"text\":{\"content\":\"hi\"}}", ""})
    void malformedBodyIs400AndTheServerKeepsServing(String body) throws Exception {
        try (LogCapture logs = new LogCapture("startupcoach.dingtalk")) {
            HttpResponse<String> response = Signed.post(server.port(), SECRET, body);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(logs.lines()).anyMatch(l -> l.startsWith("dingtalk.callback_malformed"));
        }
        assertThat(Signed.get(server.port(), "/healthz").statusCode()).isEqualTo(200);
        assertThat(dingtalk.poll(100)).isNull();
    }
}
