package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.dingtalk.open.app.api.callback.CallbackCommandExecutor;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import startupcoach.cli.CoachApp;
import startupcoach.coach.Feedback;
import startupcoach.coach.IncomingMessage;
import startupcoach.coach.Reply;
import startupcoach.config.DatabaseSettings;
import startupcoach.config.DingTalkSettings;
import startupcoach.retrieve.IndexProgress;
import startupcoach.server.WebServer;
import startupcoach.store.JdbcFeedbackLog;
import startupcoach.store.Storage;

/**
 * Answers as AI cards, in Stream mode: real-shaped bot messages and card button callbacks go
 * through the SDK's own callback executor into the listeners the platform registered; the card
 * OpenAPI (a MockWebServer answering with recorded bodies) sees the exact calls. Votes land in a
 * real SQLite feedback table.
 */
class DingTalkCardsTest {

    static final String APP_KEY = "dingc4rd5t3st9k1";
    static final String SECRET = "Zp3Qw8-Lk2Vn7Bx4Mc9Rt1Hs6Jd0Gf5Ya_TeUoWiQr";

    private static DingTalkMock dingtalk;
    private static CoachApp app;
    private static Storage storage;
    private static WebServer web;
    private static DingTalkPlatform platform;
    private static final DingTalkStreamModeTest.FakeStreams streams = new DingTalkStreamModeTest.FakeStreams();
    private static CallbackCommandExecutor sdk;

    @BeforeAll
    static void start() throws Exception {
        dingtalk = new DingTalkMock();
        app = CoachApp.open(TestData.config(), IndexProgress.SILENT);
        Path data = Files.createTempDirectory("dingtalk-cards-db");
        storage = Storage.open(DatabaseSettings.fromEnvironment(Map.of(), data));
        platform = DingTalkPlatform.builder(settings(dingtalk), app.coach()).optStreamClientFactory(streams)
                .optFeedbackLog(storage.feedbackLog()).optDeduplicator(storage.deduplicator()).build();
        web = new WebServer("127.0.0.1", 0, 1, 4, 64 * 1024);
        platform.start(web);
        sdk = new CallbackCommandExecutor();
        streams.listeners.forEach(sdk::register);
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
        web.close();
        storage.close();
        app.close();
        dingtalk.close();
    }

    static DingTalkSettings settings(DingTalkMock mock) {
        return DingTalkSettings.fromEnvironment(Map.of("DINGTALK_APP_KEY", APP_KEY, "DINGTALK_APP_SECRET", SECRET,
                "DINGTALK_API_URL", mock.apiUrl()));
    }

    @Test
    void cardsAreTheDefaultAndTheCardCallbackTopicIsSubscribed() {
        assertThat(settings(dingtalk).replies()).isEqualTo(DingTalkSettings.Replies.CARD);
        assertThat(settings(dingtalk).cardTemplate()).isEqualTo("382e4302-551d-4880-bf29-a30acfab2e71.schema");
        assertThat(streams.listeners).containsOnlyKeys(DingTalkStreamTopics.BOT_MESSAGE_TOPIC,
                DingTalkStreamTopics.CARD_CALLBACK_TOPIC);
    }

    @Test
    void groupQuestionIsOneCardCreatedAndDeliveredOnceThenFinishedWithButtons() throws Exception {
        ObjectNode message = Payloads.fresh(Payloads.GROUP, dingtalk.webhook());
        String msgId = message.get("msgId").asText();

        sdk.execute(new DingTalkStreamModeTest.Delivery(Payloads.text(message)));
        sdk.execute(new DingTalkStreamModeTest.Delivery(Payloads.text(message)));

        RecordedRequest create = dingtalk.takeApi();
        assertThat(create.getMethod()).isEqualTo("POST");
        assertThat(create.getPath()).isEqualTo("/v1.0/card/instances/createAndDeliver");
        assertThat(create.getHeader("x-acs-dingtalk-access-token")).isEqualTo(DingTalkMock.TOKEN);
        JsonNode body = DingTalkMock.body(create);
        assertThat(body.get("cardTemplateId").asText()).isEqualTo(DingTalkSettings.AI_CARD_TEMPLATE);
        assertThat(body.get("outTrackId").asText()).isEqualTo(CardIds.outTrackId(msgId)).startsWith("coach-");
        assertThat(body.get("callbackType").asText()).isEqualTo("STREAM");
        assertThat(body.get("openSpaceId").asText()).isEqualTo("dtv1.card//IM_GROUP." + message.get("conversationId").asText());
        assertThat(body.get("userIdType").asInt()).isEqualTo(1);
        assertThat(body.get("imGroupOpenDeliverModel").get("robotCode").asText()).isEqualTo(APP_KEY);
        assertThat(body.get("imGroupOpenDeliverModel").get("atUserIds").get("manager4821").asText()).isEqualTo("张三");
        JsonNode processing = body.get("cardData").get("cardParamMap");
        assertThat(processing.get("flowStatus").asText()).isEqualTo(AnswerCard.PROCESSING);
        assertThat(processing.get("msgTitle").asText()).isEqualTo("价格战怎么打？");

        RecordedRequest finish = dingtalk.takeApi();
        assertThat(finish.getMethod()).isEqualTo("PUT");
        assertThat(finish.getPath()).isEqualTo("/v1.0/card/instances");
        JsonNode finished = DingTalkMock.body(finish);
        assertThat(finished.get("outTrackId").asText()).isEqualTo(CardIds.outTrackId(msgId));
        JsonNode params = finished.get("cardData").get("cardParamMap");
        assertThat(params.get("flowStatus").asText()).isEqualTo(AnswerCard.FINISHED);
        assertThat(params.get(AnswerCard.CONTENT_KEY).asText()).containsPattern("(?m)^- \\[\\d+] 《[^》]+》 › \\S.*$");
        List<JsonNode> buttons = buttons(params);
        assertThat(buttons).extracting(b -> b.get("text").asText()).startsWith("👍 有用", "👎 没用")
                .anyMatch(t -> t.startsWith("查看原文 · "));
        assertThat(buttons).allSatisfy(b -> assertThat(b.get("request").asBoolean()).isTrue());

        assertThat(dingtalk.pollApi(500)).as("the redelivery creates no card").isNull();
    }

    @Test
    void oneToOneQuestionGoesIntoTheRobotChatOfTheAsker() throws Exception {
        ObjectNode message = Payloads.fresh(Payloads.SINGLE, dingtalk.webhook());

        sdk.execute(new DingTalkStreamModeTest.Delivery(Payloads.text(message)));

        JsonNode body = DingTalkMock.body(dingtalk.takeApi());
        assertThat(body.get("openSpaceId").asText()).isEqualTo("dtv1.card//IM_ROBOT." + message.get("senderStaffId").asText());
        assertThat(body.get("imRobotOpenDeliverModel").get("spaceType").asText()).isEqualTo("IM_ROBOT");
        assertThat(body.has("imGroupOpenDeliverModel")).isFalse();
        assertThat(DingTalkMock.body(dingtalk.takeApi()).get("cardData").get("cardParamMap").get("flowStatus").asText())
                .isEqualTo(AnswerCard.FINISHED);
    }

    @Test
    void votesFromCardButtonsAreRecordedOncePerUserAndTheLastClickWins() throws Exception {
        ObjectNode message = Payloads.fresh(Payloads.GROUP, dingtalk.webhook());
        message.put("conversationId", "cidVotes" + System.nanoTime() + "==");
        sdk.execute(new DingTalkStreamModeTest.Delivery(Payloads.text(message)));
        dingtalk.takeApi();
        JsonNode finished = DingTalkMock.body(dingtalk.takeApi());
        String outTrackId = finished.get("outTrackId").asText();
        List<JsonNode> buttons = buttons(finished.get("cardData").get("cardParamMap"));

        click(outTrackId, "manager4821", buttons.get(0));
        click(outTrackId, "manager4821", buttons.get(1));
        click(outTrackId, "dev0007", buttons.get(0));

        List<Feedback> votes = new JdbcFeedbackLog(storage.database()).forConversation("dingtalk",
                message.get("conversationId").asText());
        assertThat(votes).hasSize(2);
        assertThat(votes).filteredOn(f -> f.userId().equals("manager4821")).singleElement()
                .satisfies(f -> {
                    assertThat(f.helpful()).isFalse();
                    assertThat(f.question()).isEqualTo("价格战怎么打？");
                    assertThat(f.citations()).isNotEmpty();
                    assertThat(f.answerRef()).isEqualTo(outTrackId);
                });
        assertThat(votes).filteredOn(f -> f.userId().equals("dev0007")).singleElement()
                .satisfies(f -> assertThat(f.helpful()).isTrue());
        assertThat(dingtalk.pollApi(300)).as("a vote sends nothing").isNull();
    }

    @Test
    void sourceButtonShowsTheCitedSectionAsANewCardOnceAndFollowUpsAreAsked() throws Exception {
        ObjectNode message = Payloads.fresh(Payloads.GROUP, dingtalk.webhook());
        sdk.execute(new DingTalkStreamModeTest.Delivery(Payloads.text(message)));
        dingtalk.takeApi();
        JsonNode finished = DingTalkMock.body(dingtalk.takeApi());
        String outTrackId = finished.get("outTrackId").asText();
        List<JsonNode> buttons = buttons(finished.get("cardData").get("cardParamMap"));
        JsonNode source = buttons.stream().filter(b -> b.get("text").asText().startsWith("查看原文")).findFirst().orElseThrow();
        String citation = source.get("params").get("value").asText();

        click(outTrackId, "manager4821", source);
        click(outTrackId, "manager4821", source);

        JsonNode create = DingTalkMock.body(dingtalk.takeApi());
        assertThat(create.get("openSpaceId").asText()).isEqualTo("dtv1.card//IM_GROUP." + message.get("conversationId").asText());
        JsonNode shown = DingTalkMock.body(dingtalk.takeApi()).get("cardData").get("cardParamMap");
        Reply expected = app.coach().handle(new IncomingMessage("dingtalk", message.get("conversationId").asText(), "manager4821",
                "source " + citation));
        assertThat(shown.get("flowStatus").asText()).isEqualTo(AnswerCard.FINISHED);
        assertThat(shown.get(AnswerCard.CONTENT_KEY).asText()).isEqualTo(new MarkdownRenderer().cardMarkdown(expected));
        assertThat(expected.section()).isNotNull();
        assertThat(dingtalk.pollApi(500)).as("the second click on the same button shows nothing more").isNull();

        JsonNode followUp = buttons.stream().filter(b -> "ask".equals(b.get("params").get("coach").asText())).findFirst()
                .orElseThrow();
        click(outTrackId, "manager4821", followUp);
        JsonNode asked = DingTalkMock.body(dingtalk.takeApi()).get("cardData").get("cardParamMap");
        assertThat(asked.get("msgTitle").asText()).isEqualTo(AnswerCard.titleOfQuestion(followUp.get("params").get("value").asText()));
        assertThat(DingTalkMock.body(dingtalk.takeApi()).get("cardData").get("cardParamMap").get("flowStatus").asText())
                .isEqualTo(AnswerCard.FINISHED);
    }

    @Test
    void clickOnAButtonThatIsNotOursIsAckedAndIgnored() throws Exception {
        String callback = DingTalkMock.fixture("card-callback.json").replace("OUT_TRACK_ID", "someone-elses-card")
                .replace("ACTION_ID", "button_node_ocljnpbz4i4").replace("PARAMS", "{}");
        DingTalkStreamModeTest.Delivery delivery = new DingTalkStreamModeTest.Delivery(DingTalkStreamTopics.CARD_CALLBACK_TOPIC,
                callback);

        sdk.execute(delivery);

        assertThat(delivery.error).isNull();
        assertThat(delivery.ack).isNotNull();
        assertThat(dingtalk.pollApi(300)).isNull();
    }

    @Test
    void withoutTheCardPermissionTheAnswerIsMarkdownAndCardsAreNotTriedAgain() throws Exception {
        try (DingTalkMock refusing = new DingTalkMock(); LogCapture logs = new LogCapture("startupcoach.dingtalk")) {
            refusing.refuseCards("/v1.0/card/instances/createAndDeliver", "Card.Instance.Write");
            DingTalkStreamModeTest.FakeStreams own = new DingTalkStreamModeTest.FakeStreams();
            DingTalkPlatform another = DingTalkPlatform.builder(settings(refusing), app.coach()).optStreamClientFactory(own).build();
            try (WebServer server = new WebServer("127.0.0.1", 0, 1, 1, 1024)) {
                another.start(server);
                CallbackCommandExecutor executor = new CallbackCommandExecutor();
                own.listeners.forEach(executor::register);

                executor.execute(new DingTalkStreamModeTest.Delivery(Payloads.text(Payloads.fresh(Payloads.GROUP, refusing.webhook()))));
                assertThat(refusing.takeApi().getPath()).isEqualTo("/v1.0/card/instances/createAndDeliver");
                RecordedRequest markdown = refusing.takeApi();
                assertThat(markdown.getPath()).startsWith("/robot/sendBySession");
                assertThat(DingTalkMock.body(markdown).get("markdown").get("text").asText()).startsWith("#### 价格战怎么打？");

                executor.execute(new DingTalkStreamModeTest.Delivery(Payloads.text(Payloads.fresh(Payloads.SINGLE, refusing.webhook()))));
                assertThat(refusing.takeApi().getPath()).as("no second card attempt").startsWith("/robot/sendBySession");
            } finally {
                another.close();
            }
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("dingtalk.cards_unavailable")).singleElement()
                    .satisfies(l -> assertThat(l).contains("missingPermission=Card.Instance.Write").contains("fallback=markdown"));
        }
    }

    /** The answer card's buttons, from its layout variable. */
    static List<JsonNode> buttons(JsonNode params) throws Exception {
        JsonNode layout = Payloads.JSON.readTree(params.get("sys_full_json_obj").asText());
        List<JsonNode> out = new ArrayList<>();
        layout.path("msgButtons").forEach(out::add);
        return out;
    }

    /** Clicks {@code button} as {@code user}: the card callback DingTalk sends, through the SDK. */
    private static void click(String outTrackId, String user, JsonNode button) throws Exception {
        String callback = DingTalkMock.fixture("card-callback.json").replace("OUT_TRACK_ID", outTrackId)
                .replace("\"userId\": \"manager4821\"", "\"userId\": \"" + user + "\"")
                .replace("ACTION_ID", button.get("id").asText())
                .replace("PARAMS", Payloads.JSON.writeValueAsString(button.get("params")).replace("\\", "\\\\").replace("\"", "\\\""));
        DingTalkStreamModeTest.Delivery delivery = new DingTalkStreamModeTest.Delivery(DingTalkStreamTopics.CARD_CALLBACK_TOPIC,
                callback);
        sdk.execute(delivery);
        assertThat(delivery.error).isNull();
        assertThat(delivery.ack).isNotNull();
    }
}
