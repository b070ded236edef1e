package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bounded loopback load generator against a real {@code serve} (hybrid retrieval, SQLite, Slack
 * and DingTalk over HTTP, both platforms' APIs on MockWebServer): signed Slack {@code app_mention}
 * events and DingTalk callbacks, alternating, at a fixed rate, spread over 250 Slack channels and 250
 * DingTalk groups (Slack paces posts per channel: one every 10 s per channel at 50 req/s) from 500
 * users (under the default rate limits).
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

    /** From this length on a run is a soak: heap after GC and threads must end where they started. */
    private static final int SOAK_SECONDS = 300;
    /**
     * A busy workspace, not an ever-growing one: per-user and per-channel state (rate limits, pacing,
     * DingTalk's last answer for feedback) is bounded by these, so a soak measures leaks rather than
     * bounded caches filling up with new channels.
     */
    private static final int USERS = 500;
    private static final int CONVERSATIONS_PER_PLATFORM = 250;

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
            Map<String, Integer> expected = new LinkedHashMap<>();
            Snapshot start = null;
            PacedLoad load = new PacedLoad(rate, total, 16);
            try (load) {
                for (int i = 0; i < total; i++) {
                    if (i == warmup) {
                        start = Snapshot.take();
                    }
                    String user = "u" + (i % USERS);
                    String question = questions[i % questions.length];
                    int conversation = (i / 2) % CONVERSATIONS_PER_PLATFORM;
                    HttpRequest request;
                    if (i % 2 == 0) {
                        String channel = "CL" + String.format("%07d", conversation);
                        expected.merge(channel, 1, Integer::sum);
                        request = Serve.slackRequest(port, Serve.slackMention(channel, "U" + user, question).getBytes(StandardCharsets.UTF_8));
                    } else {
                        String group = "cidLoad" + conversation;
                        expected.merge(group, 1, Integer::sum);
                        request = Serve.dingTalkRequest(port, Serve.dingTalkMessage(fake, group, user, question).getBytes(StandardCharsets.UTF_8));
                    }
                    load.send(i, i, request);
                }
                load.awaitAll();
            }
            long errors = load.errors();
            for (Map.Entry<String, Integer> e : expected.entrySet()) {
                for (int n = 1; n <= e.getValue(); n++) {
                    assertThat(fake.next(e.getKey(), Duration.ofSeconds(60))).as("reply %d of %d in %s", n, e.getValue(), e.getKey()).isNotNull();
                }
            }
            Thread.sleep(1_000);
            for (String key : expected.keySet()) {
                assertThat(fake.next(key, Duration.ZERO)).as("a reply too many in " + key).isNull();
            }
            int replies = fake.replies();
            Snapshot end = Snapshot.take();

            long[] ms = load.sortedLatencies(warmup, total);
            System.out.printf("load rate=%d/s seconds=%d requests=%d (slack+dingtalk) errors=%d replies=%d"
                            + " ack p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms%n", rate, seconds, measured, errors, replies,
                    PacedLoad.percentileMs(ms, 0.50), PacedLoad.percentileMs(ms, 0.90), PacedLoad.percentileMs(ms, 0.99), ms[ms.length - 1] / 1e6);
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
                assertThat(PacedLoad.percentileMs(ms, 0.99)).as("p99 acknowledgement latency in ms").isLessThan(100.0);
            }
            if (seconds >= SOAK_SECONDS) {
                // A leak of even 1 KiB per request would add ~12 MiB over the 10-minute soak.
                assertThat(end.heapMiB).as("heap after GC at the end of the soak, MiB").isLessThanOrEqualTo(start.heapMiB + 16);
                assertThat(end.threads).as("live threads at the end of the soak").isLessThanOrEqualTo(start.threads + 4);
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
}
