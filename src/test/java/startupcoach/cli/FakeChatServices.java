package startupcoach.cli;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Slack's Web API ({@code /api/…}) and DingTalk's session webhooks ({@code /dingtalk/session/<conversation>})
 * on one MockWebServer, recording every reply under its channel or conversation. A {@link #hold()}
 * makes the next replies wait until released, to keep an answer in flight; an {@link #outage} makes
 * both services fail (or crawl) for a while, as during an incident on Slack's or DingTalk's side.
 */
final class FakeChatServices implements AutoCloseable {

    /** One reply the bot sent. */
    record Call(String method, String key, String body, Map<String, String> form) {
    }

    /** How the services misbehave during an {@link #outage}. */
    enum Fault {
        /** HTTP 500, nothing recorded. */
        SERVER_ERROR,
        /** Slack: HTTP 429 with {@code Retry-After: 1}; DingTalk: errcode 130101 ("sending too fast"). Nothing recorded. */
        RATE_LIMITED,
        /** Every call takes two seconds, then succeeds. */
        SLOW
    }

    static final Duration SLOW_CALL = Duration.ofSeconds(2);

    final MockWebServer server = new MockWebServer();
    private final Map<String, BlockingQueue<Call>> calls = new ConcurrentHashMap<>();
    private final AtomicInteger replies = new AtomicInteger();
    private final AtomicLong ts = new AtomicLong(1_700_000_000_000L);
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile Fault fault;
    private volatile long faultUntilNanos;
    private final AtomicInteger refused = new AtomicInteger();

    FakeChatServices() throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return FakeChatServices.this.dispatch(request);
            }
        });
        server.start();
    }

    String slackApiUrl() {
        return server.url("/api/").toString();
    }

    String sessionWebhook(String conversation) {
        return server.url("/dingtalk/session/" + conversation).toString();
    }

    /** Replies after this wait until {@link #release()}; returns once one reply is waiting. */
    void hold() {
        hold = new CountDownLatch(1);
    }

    boolean awaitHeld(Duration timeout) throws InterruptedException {
        return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void release() {
        hold.countDown();
    }

    /** From now on and for {@code duration}, every reply call meets the fault. */
    void outage(Fault fault, Duration duration) {
        this.faultUntilNanos = System.nanoTime() + duration.toNanos();
        this.fault = fault;
    }

    /** Reply calls refused by an outage so far (each retry counts). */
    int refused() {
        return refused.get();
    }

    /** The next reply recorded under the key, or null after the timeout. */
    Call next(String key, Duration timeout) throws InterruptedException {
        return calls.computeIfAbsent(key, k -> new LinkedBlockingQueue<>()).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Replies (posts, updates, webhooks) recorded so far; auth.test is not one. */
    int replies() {
        return replies.get();
    }

    private MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String path = request.getPath() == null ? "" : request.getPath();
        String body = request.getBody().readUtf8();
        // MockWebServer keeps every request for takeRequest(), which nobody calls here: in a soak
        // that queue alone would grow by megabytes a minute and pass for a leak in the server.
        while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
            // drop it
        }
        if (path.startsWith("/api/auth.test")) {
            return json("{\"ok\":true,\"url\":\"https://acme.slack.com/\",\"team\":\"Acme\",\"user\":\"startup-coach\","
                    + "\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}");
        }
        held.countDown();
        hold.await();
        Fault now = fault;
        if (now != null && System.nanoTime() < faultUntilNanos) {
            if (now == Fault.SLOW) {
                Thread.sleep(SLOW_CALL.toMillis());
            } else {
                refused.incrementAndGet();
                return failure(now, path.startsWith("/dingtalk/"));
            }
        }
        if (path.startsWith("/dingtalk/session/")) {
            record(new Call("session", path.substring("/dingtalk/session/".length()), body, Map.of()));
            return json("{\"errcode\":0,\"errmsg\":\"ok\"}");
        }
        if (path.startsWith("/api/")) {
            String method = path.substring(5);
            Map<String, String> form = form(body);
            String channel = form.getOrDefault("channel", "?");
            record(new Call(method, channel, body, form));
            String messageTs = method.equals("chat.update") ? form.get("ts") : nextTs();
            return json("{\"ok\":true,\"channel\":\"" + channel + "\",\"ts\":\"" + messageTs + "\"}");
        }
        return new MockResponse().setResponseCode(404);
    }

    private static MockResponse failure(Fault fault, boolean dingTalk) {
        if (fault == Fault.SERVER_ERROR) {
            return new MockResponse().setResponseCode(500).setBody("upstream unavailable");
        }
        return dingTalk
                ? json("{\"errcode\":130101,\"errmsg\":\"send too fast, exceed 20 times per minute\"}")
                : new MockResponse().setResponseCode(429).setHeader("Retry-After", "1").setBody("{\"ok\":false,\"error\":\"ratelimited\"}");
    }

    private void record(Call call) {
        replies.incrementAndGet();
        calls.computeIfAbsent(call.key(), k -> new LinkedBlockingQueue<>()).add(call);
    }

    private String nextTs() {
        long n = ts.incrementAndGet();
        return n / 1_000_000 + "." + String.format("%06d", n % 1_000_000);
    }

    private static Map<String, String> form(String body) {
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

    private static MockResponse json(String body) {
        return new MockResponse().setHeader("Content-Type", "application/json; charset=utf-8").setBody(body);
    }

    @Override
    public void close() throws IOException {
        release();
        server.shutdown();
    }
}
