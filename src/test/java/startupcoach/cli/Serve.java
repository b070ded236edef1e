package startupcoach.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import startupcoach.SharedTestCache;
import startupcoach.config.CoachConfig;
import startupcoach.retrieve.IndexProgress;

/**
 * A real {@code serve} (CoachServer: HTTP, Slack in HTTP mode, DingTalk HTTP callback, SQLite) on
 * the shipped knowledge base, against {@link FakeChatServices}, and the requests Slack and DingTalk
 * send, signed here independently of the code under test.
 */
final class Serve {

    static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String SLACK_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
    static final String DINGTALK_SECRET = "dtSecret-7Hq2kL9xV3mN8pR4tW6yZ1bC5";
    static final String DINGTALK_KEY = "dingappkey0001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong TS = new AtomicLong(1_716_000_000_000_001L);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Serve() {
    }

    /** The environment of a replica with both platforms over HTTP; {@code extra} wins. */
    static Map<String, String> env(FakeChatServices fake, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_SIGNING_SECRET", SLACK_SECRET);
        env.put("SLACK_BOT_TOKEN", SLACK_TOKEN);
        env.put("SLACK_API_URL", fake.slackApiUrl());
        env.put("SLACK_PLACEHOLDER_AFTER_MS", "30000");
        env.put("DINGTALK_APP_SECRET", DINGTALK_SECRET);
        env.put("DINGTALK_APP_KEY", DINGTALK_KEY);
        env.put("DINGTALK_MODE", "http");
        // The fake answers session webhooks and the robot OpenAPI, not the card OpenAPI.
        env.put("COACH_DINGTALK_REPLY", "markdown");
        env.putAll(extra);
        return env;
    }

    static CoachServer start(Path dataDir, Map<String, String> env) throws Exception {
        CoachConfig config = SharedTestCache.config(Path.of("knowledge"), dataDir);
        return CoachServer.start(config, env, "127.0.0.1", 0, IndexProgress.SILENT);
    }

    static Path tempData(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- Slack ----

    static String slackTs() {
        long n = TS.incrementAndGet();
        return n / 1_000_000 + "." + String.format("%06d", n % 1_000_000);
    }

    /** An {@code app_mention} event callback, with a new event id. */
    static String slackMention(String channel, String user, String text) {
        String ts = slackTs();
        ObjectNode e = JSON.createObjectNode().put("type", "app_mention").put("client_msg_id", UUID.randomUUID().toString())
                .put("text", "<@UBOT> " + text).put("user", user).put("ts", ts).put("team", "T1").put("channel", channel)
                .put("event_ts", ts);
        ObjectNode root = JSON.createObjectNode().put("token", "XXYYZZ").put("team_id", "T1").put("api_app_id", "A0COACH");
        root.set("event", e);
        root.put("type", "event_callback").put("event_id", "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .put("event_time", System.currentTimeMillis() / 1000);
        root.putArray("authorizations").addObject().put("team_id", "T1").put("user_id", "UBOT").put("is_bot", true);
        return root.toString();
    }

    static String slackSignature(long timestamp, byte[] body) {
        byte[] base = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[base.length + body.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(body, 0, all, base.length, body.length);
        return "v0=" + HexFormat.of().formatHex(hmac(SLACK_SECRET, all));
    }

    static HttpRequest slackRequest(int port, byte[] body) {
        long now = System.currentTimeMillis() / 1000;
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", slackSignature(now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    // ---- DingTalk ----

    /** A group text message mentioning the bot, replying to the fake's session webhook for the conversation. */
    static String dingTalkMessage(FakeChatServices fake, String conversation, String user, String text) {
        long now = System.currentTimeMillis();
        ObjectNode m = JSON.createObjectNode().put("conversationId", conversation).put("chatbotCorpId", "ding9f50")
                .put("chatbotUserId", "$:LWCP_v1:$Robot3k==").put("msgId", "msg" + UUID.randomUUID().toString().replace("-", ""))
                .put("senderNick", "张三").put("isAdmin", false).put("senderStaffId", user)
                .put("sessionWebhookExpiredTime", now + 90 * 60_000L).put("createAt", now).put("senderCorpId", "ding9f50")
                .put("conversationType", "2").put("senderId", "$:LWCP_v1:$" + user).put("conversationTitle", "AI 创业者交流群")
                .put("isInAtList", true).put("sessionWebhook", fake.sessionWebhook(conversation)).put("robotCode", "dingrobot2b")
                .put("msgtype", "text");
        m.putObject("text").put("content", " " + text);
        return m.toString();
    }

    static String dingTalkSign(long timestamp) {
        return Base64.getEncoder().encodeToString(hmac(DINGTALK_SECRET,
                (timestamp + "\n" + DINGTALK_SECRET).getBytes(StandardCharsets.UTF_8)));
    }

    static HttpRequest dingTalkRequest(int port, byte[] body) {
        long now = System.currentTimeMillis();
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dingtalk/callback")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("timestamp", Long.toString(now))
                .header("sign", dingTalkSign(now))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
