package startupcoach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Slack's side for the tests, on MockWebServer: the Web API methods the bot calls, response URLs
 * ({@code /respond/<key>}) and, for Socket Mode, {@code apps.connections.open} plus the WebSocket.
 * Every call is recorded in a queue per channel (or response-URL key), so tests sharing one
 * server never see each other's calls.
 */
final class FakeSlack implements AutoCloseable {

    static final String BOT_USER = "UBOT";
    static final String BOT_ID = "BBOT";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Prefix of the key under which a channel's {@code assistant.threads.*} calls are recorded. */
    static final String ASSISTANT = "assistant:";

    /**
     * One request the bot made.
     *
     * @param ts the message ts this fake answered with or the call names (chat.postMessage,
     *           chat.update, the chat.*Stream methods, chat.delete), else null
     */
    record Call(String method, Map<String, String> form, String body, long atNanos, String ts) {

        String param(String name) {
            return form.get(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        /** The blocks, from a form parameter (Web API) or a JSON body (response_url). */
        JsonNode blocks() {
            try {
                return form.containsKey("blocks") ? JSON.readTree(form.get("blocks")) : json().path("blocks");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    final MockWebServer server = new MockWebServer();
    private final Map<String, BlockingQueue<Call>> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> rateLimited = new ConcurrentHashMap<>();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000L);
    private final AtomicInteger total = new AtomicInteger();
    private volatile WebSocketListener socketListener;
    private volatile String streamRefusal;
    /** Messages that carry metadata, per channel, as conversations.replies/history return them. */
    private final Map<String, List<ObjectNode>> tagged = new ConcurrentHashMap<>();

    FakeSlack() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeSlack.this.dispatch(request);
            }
        });
        server.start();
    }

    /** What SLACK_API_URL should be. */
    String apiUrl() {
        return server.url("/").toString();
    }

    /** A response URL whose calls are recorded under {@code key}. */
    String responseUrl(String key) {
        return server.url("/respond/" + key).toString();
    }

    /** The next {@code chat.postMessage} into the channel answers 429 with Retry-After: 1, this many times. */
    void rateLimitNextPosts(String channel, int times) {
        rateLimited.put(channel, new AtomicInteger(times));
    }

    /** Every {@code chat.startStream} from now on answers {@code ok:false} with this error (as for a token that may not stream). */
    void refuseStreams(String error) {
        this.streamRefusal = error;
    }

    void acceptSocketMode(WebSocketListener listener) {
        this.socketListener = listener;
    }

    /** Waits for the next call recorded under the key (channel or response-URL key), or null. */
    Call next(String key, Duration timeout) throws InterruptedException {
        return queue(key).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Call next(String key) throws InterruptedException {
        Call call = next(key, Duration.ofSeconds(10));
        if (call == null) {
            throw new AssertionError("no Slack call for " + key + " within 10 s");
        }
        return call;
    }

    /** Every call the bot made so far, auth.test included. */
    int totalCalls() {
        return total.get();
    }

    private BlockingQueue<Call> queue(String key) {
        return calls.computeIfAbsent(key, k -> new LinkedBlockingQueue<>());
    }

    private MockResponse dispatch(RecordedRequest request) {
        total.incrementAndGet();
        String path = request.getPath() == null ? "" : request.getPath();
        String body = request.getBody().readUtf8();
        long at = System.nanoTime();
        if (path.startsWith("/respond/")) {
            queue(path.substring("/respond/".length())).add(new Call("response_url", Map.of(), body, at, null));
            return new MockResponse().setBody("ok");
        }
        if (path.startsWith("/socket")) {
            WebSocketListener listener = socketListener;
            return listener == null ? new MockResponse().setResponseCode(404) : new MockResponse().withWebSocketUpgrade(listener);
        }
        String method = path.substring(1);
        Map<String, String> form = parseForm(body);
        switch (method) {
            case "auth.test":
                return json("{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"startup-coach\","
                        + "\"team_id\":\"T1\",\"user_id\":\"" + BOT_USER + "\",\"bot_id\":\"" + BOT_ID + "\"}");
            case "apps.connections.open":
                return json("{\"ok\":true,\"url\":\"ws://127.0.0.1:" + server.getPort() + "/socket\"}");
            case "chat.postMessage":
            case "chat.update":
            case "chat.postEphemeral": {
                String channel = form.getOrDefault("channel", "?");
                AtomicInteger limited = rateLimited.get(channel);
                if (method.equals("chat.postMessage") && limited != null && limited.getAndDecrement() > 0) {
                    queue(channel).add(new Call(method, form, body, at, null));
                    return new MockResponse().setResponseCode(429).setHeader("Retry-After", "1")
                            .setBody("{\"ok\":false,\"error\":\"ratelimited\"}");
                }
                String messageTs = method.equals("chat.update") ? form.get("ts") : nextTs();
                remember(channel, messageTs, form);
                queue(channel).add(new Call(method, form, body, at, messageTs));
                return json("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + messageTs + "\"}");
            }
            case "chat.startStream": {
                String channel = form.getOrDefault("channel", "?");
                String refusal = streamRefusal;
                if (refusal != null) {
                    queue(channel).add(new Call(method, form, body, at, null));
                    return json("{\"ok\":false,\"error\":\"" + refusal + "\"}");
                }
                String messageTs = nextTs();
                queue(channel).add(new Call(method, form, body, at, messageTs));
                return json("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + messageTs + "\"}");
            }
            case "chat.appendStream":
            case "chat.stopStream":
            case "chat.delete": {
                String channel = form.getOrDefault("channel", "?");
                queue(channel).add(new Call(method, form, body, at, form.get("ts")));
                return json("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + form.get("ts") + "\"}");
            }
            case "conversations.replies":
            case "conversations.history": {
                String channel = form.getOrDefault("channel", "?");
                queue("lookup:" + channel).add(new Call(method, form, body, at, null));
                ObjectNode answer = JSON.createObjectNode().put("ok", true);
                ArrayNode messages = answer.putArray("messages");
                tagged.getOrDefault(channel, List.of()).stream()
                        .filter(m -> method.equals("conversations.history") || form.get("ts").equals(m.path("thread_ts").asText()))
                        .forEach(messages::add);
                return json(answer.toString());
            }
            case "assistant.threads.setStatus":
            case "assistant.threads.setTitle":
            case "assistant.threads.setSuggestedPrompts":
                // Under their own key, so the channel's queue holds only its messages.
                queue(ASSISTANT + form.getOrDefault("channel_id", "?")).add(new Call(method, form, body, at, null));
                return json("{\"ok\":true}");
            default:
                queue("unexpected").add(new Call(method, form, body, at, null));
                return json("{\"ok\":false,\"error\":\"unknown_method\"}");
        }
    }

    private void remember(String channel, String messageTs, Map<String, String> form) {
        String metadata = form.get("metadata");
        if (metadata == null) {
            return;
        }
        try {
            ObjectNode m = JSON.createObjectNode().put("type", "message").put("ts", messageTs).put("bot_id", BOT_ID);
            if (form.get("thread_ts") != null) {
                m.put("thread_ts", form.get("thread_ts"));
            }
            m.set("metadata", JSON.readTree(metadata));
            tagged.computeIfAbsent(channel, c -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(m);
        } catch (IOException e) {
            throw new AssertionError("metadata is not JSON: " + metadata, e);
        }
    }

    private String nextTs() {
        long n = ts.incrementAndGet();
        return (n / 1_000_000) + "." + String.format("%06d", n % 1_000_000);
    }

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json; charset=utf-8").setBody(body);
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty() || body.startsWith("{")) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** All mrkdwn/plain texts inside the blocks, joined by newlines, for assertions. */
    static String texts(JsonNode blocks) {
        StringBuilder out = new StringBuilder();
        for (JsonNode t : blocks.findValues("text")) {
            if (t.isTextual()) {
                out.append(t.asText()).append('\n');
            } else if (t.has("text")) {
                out.append(t.get("text").asText()).append('\n');
            }
        }
        return out.toString();
    }

    static List<String> types(JsonNode blocks) {
        return blocks.findValues("type").stream().map(JsonNode::asText).toList();
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
    }
}
