package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.callback.CallbackCommandExecutor;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.dingtalk.open.app.api.callback.OpenDingTalkCallbackListener;
import com.dingtalk.open.app.stream.network.api.Context;
import com.dingtalk.open.app.stream.protocol.CommandType;
import com.dingtalk.open.app.stream.protocol.ProtocolRequest;
import com.dingtalk.open.app.stream.protocol.ProtocolRequestFacade;
import com.dingtalk.open.app.stream.protocol.callback.CallbackResponsePayload;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import startupcoach.cli.CoachApp;
import startupcoach.config.DingTalkSettings;
import startupcoach.retrieve.IndexProgress;
import startupcoach.server.WebServer;

/**
 * Stream mode: the listener our platform registers is run by the SDK's own callback executor (type
 * detection, JSON conversion, ack) with real-shaped {@code /v1.0/im/bot/messages/get} callbacks.
 * The official client's gateway cannot be redirected, so no connection is made.
 */
class DingTalkStreamModeTest {

    static final String APP_KEY = "dingk8s3m5n7p9r1";
    static final String SECRET = "Lq7Vb2-Xn9Kc4Rt1Md6Hs3Pw8Jf5Zg0Ya_TeUoWiQr";

    private static DingTalkMock dingtalk;
    private static CoachApp app;
    private static WebServer web;
    private static DingTalkPlatform platform;
    private static final FakeStreams streams = new FakeStreams();
    /** The SDK's dispatcher for callbacks, holding the listener the platform registered. */
    private static CallbackCommandExecutor sdk;

    @BeforeAll
    static void start() throws Exception {
        dingtalk = new DingTalkMock();
        app = CoachApp.open(TestData.config(), IndexProgress.SILENT);
        // These tests are about the Stream transport and markdown replies; DingTalkCardsTest covers cards.
        DingTalkSettings settings = DingTalkSettings.fromEnvironment(Map.of("DINGTALK_APP_KEY", APP_KEY,
                "DINGTALK_APP_SECRET", SECRET, "DINGTALK_API_URL", dingtalk.apiUrl(), "COACH_DINGTALK_REPLY", "markdown"));
        assertThat(settings.mode()).isEqualTo(DingTalkSettings.Mode.STREAM);
        platform = DingTalkPlatform.builder(settings, app.coach()).optStreamClientFactory(streams).build();
        web = new WebServer("127.0.0.1", 0, 1, 4, 64 * 1024);
        platform.start(web);
        // What OpenDingTalkStreamClientBuilder.registerCallbackListener does with the listener.
        sdk = new CallbackCommandExecutor();
        sdk.register(DingTalkStreamTopics.BOT_MESSAGE_TOPIC, streams.listener);
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
        web.close();
        app.close();
        dingtalk.close();
    }

    @Test
    void registersTheBotListenerWithTheAppCredentialsAndStartsTheClient() {
        assertThat(streams.appKey).isEqualTo(APP_KEY);
        assertThat(streams.appSecret).isEqualTo(SECRET);
        assertThat(streams.listener).isNotNull();
        assertThat(streams.started).isTrue();
        assertThat(platform.ready()).isTrue();
    }

    @Test
    void redeliveredCallbackIsAckedEachTimeAndAnsweredOnce() throws Exception {
        ObjectNode message = Payloads.fresh(Payloads.GROUP, dingtalk.webhook());
        Delivery first = new Delivery(Payloads.text(message));
        Delivery redelivery = new Delivery(Payloads.text(message));

        sdk.execute(first);
        sdk.execute(redelivery);

        for (Delivery d : new Delivery[] {first, redelivery}) {
            assertThat(d.error).isNull();
            assertThat(d.ack).isInstanceOf(CallbackResponsePayload.class);
            assertThat(((CallbackResponsePayload) d.ack).getResponse()).isEqualTo(Map.of());
        }
        JsonNode body = DingTalkMock.body(dingtalk.take());
        assertThat(body.get("markdown").get("title").asText()).isEqualTo("价格战怎么打？");
        assertThat(body.get("markdown").get("text").asText()).startsWith("#### 价格战怎么打？\n\n@manager4821\n\n")
                .containsPattern("(?m)^- \\[\\d+] 《[^》]+》 › \\S.*$");
        assertThat(body.get("at").get("atUserIds").get(0).asText()).isEqualTo("manager4821");
        assertThat(dingtalk.poll(500)).as("the redelivery is not answered again").isNull();
    }

    @Test
    void aGroupKeepsOneConversationPerSender() throws Exception {
        String group = "cidGroupMemory" + System.nanoTime() + "==";
        ObjectNode first = Payloads.withText(Payloads.fresh(Payloads.GROUP, dingtalk.webhook()), " 我们的API产品该怎么定价？");
        first.put("conversationId", group);
        ObjectNode other = Payloads.withText(Payloads.fresh(Payloads.GROUP, dingtalk.webhook()), " 那企业客户呢？");
        other.put("conversationId", group).put("senderStaffId", "founder0002").put("senderId", "$:LWCP_v1:$Other==");
        ObjectNode followUp = Payloads.withText(Payloads.fresh(Payloads.GROUP, dingtalk.webhook()), " 那企业客户呢？");
        followUp.put("conversationId", group);
        for (ObjectNode m : new ObjectNode[] {first, other, followUp}) {
            sdk.execute(new Delivery(Payloads.text(m)));
            assertThat(dingtalk.take()).isNotNull();
        }

        // What the coach remembers, read back from its memory under each sender's conversation key.
        var manager = app.conversations().recent("dingtalk:" + group + ":manager4821");
        var founder = app.conversations().recent("dingtalk:" + group + ":founder0002");
        assertThat(manager).extracting(t -> t.question()).containsExactly("我们的API产品该怎么定价？", "那企业客户呢？");
        assertThat(manager.get(1).searchedQuery()).as("read against the sender's own first question")
                .isNotEqualTo("那企业客户呢？").startsWith("那企业客户呢？");
        assertThat(founder).extracting(t -> t.question()).containsExactly("那企业客户呢？");
        assertThat(founder.get(0).searchedQuery()).as("another member's first question stands alone").isEqualTo("那企业客户呢？");
    }

    @Test
    void callbackThatIsNotABotMessageIsStillAcked() throws Exception {
        Delivery delivery = new Delivery("{\"specVersion\":\"1.0\",\"type\":\"unknown\"}");

        sdk.execute(delivery);

        assertThat(delivery.error).isNull();
        assertThat(delivery.ack).isInstanceOf(CallbackResponsePayload.class);
        assertThat(dingtalk.poll(200)).isNull();
    }

    @Test
    void oneToOneMessageInStreamModeIsAnsweredThroughItsWebhook() throws Exception {
        Delivery delivery = new Delivery(Payloads.text(Payloads.fresh(Payloads.SINGLE, dingtalk.webhook())));

        sdk.execute(delivery);

        assertThat(delivery.ack).isNotNull();
        JsonNode body = DingTalkMock.body(dingtalk.take());
        assertThat(body.has("at")).isFalse();
        assertThat(body.get("markdown").get("text").asText()).contains("**You could also ask:**");
    }

    @Test
    void officialClientAcceptsTheListenerWithoutConnecting() throws Exception {
        OpenDingTalkClient client = StreamClientFactory.official().create(APP_KEY, SECRET, streams.listeners);

        assertThat(client).isNotNull();
    }

    @Test
    void closingThePlatformStopsTheStreamClient() throws Exception {
        FakeStreams own = new FakeStreams();
        DingTalkSettings settings = DingTalkSettings.fromEnvironment(Map.of("DINGTALK_APP_KEY", APP_KEY,
                "DINGTALK_APP_SECRET", SECRET, "DINGTALK_API_URL", dingtalk.apiUrl()));
        DingTalkPlatform another = DingTalkPlatform.builder(settings, app.coach()).optStreamClientFactory(own).build();
        try (WebServer server = new WebServer("127.0.0.1", 0, 1, 1, 1024)) {
            another.start(server);
            another.close();
        }
        assertThat(own.started).isTrue();
        assertThat(own.stopped).isTrue();
        assertThat(another.ready()).isFalse();
    }

    /** Records what the platform asks the SDK for, and gives back a client that never connects. */
    static final class FakeStreams implements StreamClientFactory {
        String appKey;
        String appSecret;
        OpenDingTalkCallbackListener<String, ?> listener;
        Map<String, OpenDingTalkCallbackListener<String, ?>> listeners;
        boolean started;
        boolean stopped;

        @Override
        public OpenDingTalkClient create(String appKey, String appSecret,
                                         Map<String, OpenDingTalkCallbackListener<String, ?>> listeners) {
            this.appKey = appKey;
            this.appSecret = appSecret;
            this.listeners = Map.copyOf(listeners);
            this.listener = listeners.get(DingTalkStreamTopics.BOT_MESSAGE_TOPIC);
            return new OpenDingTalkClient() {
                @Override
                public void start() {
                    started = true;
                }

                @Override
                public void stop() {
                    stopped = true;
                }
            };
        }
    }

    /** One delivery from the gateway; remembers whether the SDK acked it or reported an error. */
    static final class Delivery implements Context {
        private final ProtocolRequestFacade request;
        Object ack;
        Throwable error;

        Delivery(String data) {
            this(DingTalkStreamTopics.BOT_MESSAGE_TOPIC, data);
        }

        Delivery(String topic, String data) {
            this.request = new BotMessageRequest(topic, data);
        }

        @Override
        public void replay(Object response) {
            ack = response;
        }

        @Override
        public void exception(Throwable t) {
            error = t;
        }

        @Override
        public String connectionId() {
            return "conn-1";
        }

        @Override
        public ProtocolRequestFacade getRequest() {
            return request;
        }
    }

    /** A CALLBACK frame on a topic (the bot messages, the card callbacks), JSON data, as the gateway sends it. */
    record BotMessageRequest(String topic, String data) implements ProtocolRequestFacade {

        @Override
        public String getMessageId() {
            return "c0a8011d_17_18b5f4a3e6c_0001";
        }

        @Override
        public String getContentType() {
            return "application/json";
        }

        @Override
        public String getTopic() {
            return topic;
        }

        @Override
        public CommandType getType() {
            return CommandType.CALLBACK;
        }

        @Override
        public String getData() {
            return data;
        }

        @Override
        public String getHeader(String name) {
            return null;
        }

        @Override
        public ProtocolRequest getRequest() {
            return null;
        }
    }
}
