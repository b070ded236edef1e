package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackPayloads.appMention;
import static startupcoach.slack.SlackPayloads.envelope;
import static startupcoach.slack.SlackPayloads.eventId;
import static startupcoach.slack.SlackPayloads.ts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import startupcoach.cli.CoachServer;

/**
 * Loopback benchmark of the acknowledgement path: signed {@code app_mention} requests at a fixed
 * rate, each into its own channel (so per-channel pacing does not apply), latency measured from
 * the moment a request was due (so a backlog counts against the server). Every event must get
 * exactly one answer.
 *
 * <p>Bounded: 50 requests/s for {@code -Dslack.bench.seconds} seconds (default 3, at most 60)
 * after two seconds of warm-up. The README quotes a 30-second run:
 * {@code ./mvnw -B -q test -Dtest=SlackAckLatencyBenchmarkTest -Dslack.bench.seconds=30}.
 */
class SlackAckLatencyBenchmarkTest {

    static final int RATE = 50;

    @Test
    void acknowledgesWithinAHundredMillisecondsAtP99AndAnswersEachEventOnce() throws Exception {
        int seconds = Math.min(60, Math.max(1, Integer.getInteger("slack.bench.seconds", 3)));
        int warmup = 2 * RATE; // JIT and connection warm-up, answered but not measured
        int measured = RATE * seconds;
        int total = warmup + measured;
        try (FakeSlack slack = new FakeSlack();
             CoachServer server = TestServers.startHttp(slack, Map.of("SLACK_PLACEHOLDER_AFTER_MS", "30000"))) {
            URI endpoint = URI.create("http://127.0.0.1:" + server.port() + "/slack/events");
            List<String> channels = new ArrayList<>();
            List<HttpRequest> requests = new ArrayList<>();
            String[] questions = {"价格战怎么打？", "How do we control market risk?", "品牌建设有哪些策略？", "融资", "团队管理"};
            for (int i = 0; i < total; i++) {
                String ch = "CB" + String.format("%07d", i);
                channels.add(ch);
                byte[] body = envelope(appMention(ch, "U1", questions[i % questions.length], ts()), eventId())
                        .getBytes(StandardCharsets.UTF_8);
                requests.add(signed(endpoint, body));
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ExecutorService clients = Executors.newFixedThreadPool(16);
            long[] latencyNanos = new long[total];
            int[] status = new int[total];
            List<Future<?>> sent = new ArrayList<>();
            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            try {
                for (int i = 0; i < total; i++) {
                    long due = start + i * interval;
                    LockSupport.parkNanos(due - System.nanoTime());
                    int n = i;
                    sent.add(clients.submit(() -> {
                        HttpResponse<Void> r = http.send(requests.get(n), HttpResponse.BodyHandlers.discarding());
                        latencyNanos[n] = System.nanoTime() - due;
                        status[n] = r.statusCode();
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(status).containsOnly(200);

            for (String ch : channels) {
                FakeSlack.Call answer = slack.next(ch);
                assertThat(answer.method()).isEqualTo("chat.postMessage");
            }
            assertThat(slack.next(channels.get(total - 1), Duration.ofMillis(300))).isNull();
            assertThat(slack.totalCalls()).as("auth.test plus exactly one answer per event").isEqualTo(1 + total);

            long[] ms = Arrays.stream(latencyNanos, warmup, total).sorted().toArray();
            double p50 = pct(ms, 0.50);
            double p99 = pct(ms, 0.99);
            System.out.printf("slack.bench requests=%d rate=%d/s seconds=%d cores=%d ack p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms"
                            + " answers=%d%n", measured, RATE, seconds, Runtime.getRuntime().availableProcessors(), p50,
                    pct(ms, 0.90), p99, ms[ms.length - 1] / 1e6, total);
            assertThat(p99).as("p99 acknowledgement latency in ms").isLessThan(100.0);
        }
    }

    private static HttpRequest signed(URI endpoint, byte[] body) {
        long now = SignedClient.now();
        return HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Slack-Request-Timestamp", Long.toString(now))
                .header("X-Slack-Signature", SignedClient.sign(TestServers.SIGNING_SECRET, now, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static double pct(long[] sortedNanos, double p) {
        int i = (int) Math.ceil(p * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
    }
}
