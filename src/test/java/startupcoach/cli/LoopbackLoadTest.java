package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * A bounded loopback load generator against a real {@code serve} (hybrid retrieval, SQLite, Slack
 * and DingTalk over HTTP, both platforms' APIs on MockWebServer): signed Slack {@code app_mention}
 * events and DingTalk callbacks, alternating, at a fixed rate. Each event goes to its own channel or
 * group (Slack paces posts per channel), from one of 500 users (under the default rate limits).
 * Latency is measured from the moment a request was due, so a backlog counts against the server.
 *
 * <p>Must show: no errors (every acknowledgement 200), ack p99 under 100 ms, exactly one reply per
 * event. The default build runs 5 s at 50 req/s after 4 s of warm-up; the full run and the soak:
 * <pre>
 * ./mvnw -B test -Dtest=LoopbackLoadTest -Dload.rate=50 -Dload.seconds=60
 * ./mvnw -B test -Dtest=LoopbackLoadTest -Dload.rate=20 -Dload.seconds=600   # soak: heap after GC and threads, start vs end
 * </pre>
 */
class LoopbackLoadTest {

    @Test
    void acknowledgesEveryEventWithinAHundredMillisecondsAtP99AndRepliesExactlyOnce() throws Exception {
        int rate = Math.max(1, Integer.getInteger("load.rate", 50));
        int seconds = Math.min(900, Math.max(1, Integer.getInteger("load.seconds", 5)));
        // JIT-compiling both platforms' paths takes a few seconds of traffic: answered, not measured.
        int warmup = 4 * rate;
        int measured = rate * seconds;
        int total = warmup + measured;
        try (FakeChatServices fake = new FakeChatServices();
             CoachServer server = Serve.start(Serve.tempData("load"), Serve.env(fake, Map.of()))) {
            int port = server.port();
            String[] questions = {"价格战怎么打？", "How do we control market risk?", "品牌建设有哪些策略？", "融资", "团队管理",
                "How should we price an AI product?", "商业模式怎么设计", "如何做市场推广"};
            List<String> keys = new ArrayList<>(total);
            ExecutorService clients = Executors.newFixedThreadPool(16);
            long[] latency = new long[total];
            int[] status = new int[total];
            Snapshot start = null;
            List<Future<?>> sent = new ArrayList<>(total);
            long begin = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            try {
                for (int i = 0; i < total; i++) {
                    if (i == warmup) {
                        start = Snapshot.take();
                    }
                    String user = "u" + (i % 500);
                    String question = questions[i % questions.length];
                    HttpRequest request;
                    if (i % 2 == 0) {
                        String channel = "CL" + String.format("%07d", i);
                        keys.add(channel);
                        request = Serve.slackRequest(port, Serve.slackMention(channel, "U" + user, question).getBytes(StandardCharsets.UTF_8));
                    } else {
                        String group = "cidLoad" + i;
                        keys.add(group);
                        request = Serve.dingTalkRequest(port, Serve.dingTalkMessage(fake, group, user, question).getBytes(StandardCharsets.UTF_8));
                    }
                    long due = begin + i * interval;
                    LockSupport.parkNanos(due - System.nanoTime());
                    int n = i;
                    sent.add(clients.submit(() -> {
                        HttpResponse<Void> r = Serve.HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                        latency[n] = System.nanoTime() - due;
                        status[n] = r.statusCode();
                        return null;
                    }));
                }
                for (Future<?> f : sent) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                clients.shutdownNow();
            }
            long errors = Arrays.stream(status).filter(s -> s != 200).count();
            for (String key : keys) {
                assertThat(fake.next(key, Duration.ofSeconds(60))).as("reply to " + key).isNotNull();
            }
            assertThat(fake.next(keys.get(total - 1), Duration.ofMillis(500))).as("no second reply").isNull();
            int replies = fake.replies();
            Snapshot end = Snapshot.take();

            long[] ms = Arrays.stream(latency, warmup, total).sorted().toArray();
            System.out.printf("load rate=%d/s seconds=%d requests=%d (slack+dingtalk) errors=%d replies=%d"
                            + " ack p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms%n", rate, seconds, measured, errors, replies,
                    pct(ms, 0.50), pct(ms, 0.90), pct(ms, 0.99), ms[ms.length - 1] / 1e6);
            System.out.printf("load heapAfterGc start=%d MiB end=%d MiB threads start=%d end=%d rss=%d MiB (server and generator in one JVM)%n",
                    start.heapMiB, end.heapMiB, start.threads, end.threads, end.rssMiB);
            String metrics = server.metricsText();
            for (String route : List.of("/slack/events", "/dingtalk/callback")) {
                double count = ServeOperationsTest.valueIn(metrics, "http_server_requests_seconds_count", "route=\"" + route + "\"", "status=\"200\"");
                double sum = ServeOperationsTest.valueIn(metrics, "http_server_requests_seconds_sum", "route=\"" + route + "\"", "status=\"200\"");
                double max = ServeOperationsTest.valueIn(metrics, "http_server_requests_seconds_max", "route=\"" + route + "\"", "status=\"200\"");
                System.out.printf("load server-side %s mean=%.1f ms max=%.1f ms%n", route, 1000 * sum / count, 1000 * max);
            }
            for (String platform : List.of("slack", "dingtalk")) {
                double count = ServeOperationsTest.valueIn(metrics, "coach_requests_seconds_count", "platform=\"" + platform + "\"", "outcome=\"answer\"");
                double sum = ServeOperationsTest.valueIn(metrics, "coach_requests_seconds_sum", "platform=\"" + platform + "\"", "outcome=\"answer\"");
                System.out.printf("load answers %s count=%.0f mean=%.1f ms%n", platform, count, 1000 * sum / count);
            }
            assertThat(errors).as("non-200 acknowledgements").isZero();
            assertThat(replies).as("exactly one reply per event").isEqualTo(total);
            // The latency target is a benchmark claim, judged on the documented full run
            // (-Dload.seconds=60); the default build's short run checks correctness only, since a
            // timed assertion there would fail whenever another process shares the 2 cores.
            if (System.getProperty("load.seconds") != null) {
                assertThat(pct(ms, 0.99)).as("p99 acknowledgement latency in ms").isLessThan(100.0);
            }
        }
    }

    private record Snapshot(long heapMiB, int threads, long rssMiB) {

        static Snapshot take() {
            System.gc();
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            return new Snapshot(heap, ManagementFactory.getThreadMXBean().getThreadCount(), readRssMiB());
        }

        private static long readRssMiB() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) >> 10;
                    }
                }
            } catch (Exception e) {
                // not Linux: unknown
            }
            return -1;
        }
    }

    private static double pct(long[] sortedNanos, double p) {
        int i = (int) Math.ceil(p * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, i))] / 1e6;
    }
}
