package startupcoach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** Request bodies shaped like Slack's own (Events API envelopes, slash-command forms, block_actions). */
final class SlackPayloads {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong TS = new AtomicLong(1_716_000_000_000_001L);

    private SlackPayloads() {
    }

    static String ts() {
        long n = TS.incrementAndGet();
        return (n / 1_000_000) + "." + String.format("%06d", n % 1_000_000);
    }

    static String eventId() {
        return "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
    }

    /** An {@code app_mention} as Slack sends it: text starts with the bot's mention. */
    static ObjectNode appMention(String channel, String user, String text, String ts) {
        ObjectNode e = JSON.createObjectNode()
                .put("type", "app_mention")
                .put("client_msg_id", UUID.randomUUID().toString())
                .put("text", "<@" + FakeSlack.BOT_USER + "> " + text)
                .put("user", user)
                .put("ts", ts)
                .put("team", "T1")
                .put("channel", channel)
                .put("event_ts", ts);
        e.putArray("blocks");
        return e;
    }

    /** A top-level direct message to the bot. */
    static ObjectNode directMessage(String channel, String user, String text, String ts) {
        ObjectNode e = JSON.createObjectNode()
                .put("client_msg_id", UUID.randomUUID().toString())
                .put("type", "message")
                .put("text", text)
                .put("user", user)
                .put("ts", ts)
                .put("team", "T1")
                .put("channel", channel)
                .put("event_ts", ts)
                .put("channel_type", "im");
        e.putArray("blocks");
        return e;
    }

    /** The {@code event_callback} envelope around an event. */
    static String envelope(JsonNode event, String eventId) {
        ObjectNode root = JSON.createObjectNode()
                .put("token", "XXYYZZ")
                .put("team_id", "T1")
                .put("context_team_id", "T1")
                .put("api_app_id", "A0COACH")
                .set("event", event);
        root.put("type", "event_callback")
                .put("event_id", eventId)
                .put("event_time", System.currentTimeMillis() / 1000)
                .put("event_context", "4-eyJldCI6ImFwcF9tZW50aW9uIn0")
                .put("is_ext_shared_channel", false);
        root.putArray("authorizations").addObject()
                .put("team_id", "T1").put("user_id", FakeSlack.BOT_USER).put("is_bot", true).put("is_enterprise_install", false);
        return root.toString();
    }

    /** A slash command's form body. */
    static String slashCommand(String channel, String user, String text, String responseUrl) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "XXYYZZ");
        f.put("team_id", "T1");
        f.put("team_domain", "acme");
        f.put("channel_id", channel);
        f.put("channel_name", "founders");
        f.put("user_id", user);
        f.put("user_name", "alice");
        f.put("command", "/coach");
        f.put("text", text);
        f.put("api_app_id", "A0COACH");
        f.put("is_enterprise_install", "false");
        f.put("response_url", responseUrl);
        f.put("trigger_id", "1234.5678.abcd");
        return form(f);
    }

    /** A button click ({@code block_actions}) on a message the bot posted. */
    static String blockAction(String channel, String user, String messageTs, JsonNode messageBlocks, String messageText,
                              String actionId, String value, String responseUrl) {
        return blockAction(channel, user, messageTs, messageBlocks, messageText, actionId, value, responseUrl, "button");
    }

    /** A click on an element of {@code elementType} ({@code button}, {@code feedback_buttons}). */
    static String blockAction(String channel, String user, String messageTs, JsonNode messageBlocks, String messageText,
                              String actionId, String value, String responseUrl, String elementType) {
        ObjectNode p = JSON.createObjectNode().put("type", "block_actions");
        p.putObject("user").put("id", user).put("username", "alice").put("name", "alice").put("team_id", "T1");
        p.put("api_app_id", "A0COACH").put("token", "XXYYZZ");
        p.putObject("container").put("type", "message").put("message_ts", messageTs).put("channel_id", channel)
                .put("is_ephemeral", false);
        p.put("trigger_id", "1234.5678.abcd");
        p.putObject("team").put("id", "T1").put("domain", "acme");
        p.putObject("channel").put("id", channel).put("name", "founders");
        ObjectNode message = p.putObject("message").put("type", "message").put("user", FakeSlack.BOT_USER)
                .put("ts", messageTs).put("bot_id", FakeSlack.BOT_ID).put("text", messageText);
        message.set("blocks", messageBlocks);
        p.put("response_url", responseUrl);
        p.putArray("actions").addObject().put("action_id", actionId).put("block_id", "b1").put("value", value)
                .put("type", elementType).put("action_ts", ts()).putObject("text").put("type", "plain_text").put("text", "x");
        return form(Map.of("payload", p.toString()));
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
