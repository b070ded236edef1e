package startupcoach.cli;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A bounded loopback load generator for a {@code serve} running as its own process: signed DingTalk
 * callbacks at a fixed rate to {@code 127.0.0.1:PORT}, whose session webhooks point at a sink this
 * program runs itself on {@code 127.0.0.1:SINK_PORT}. Prints errors, ack percentiles and replies.
 *
 * <pre>
 * DINGTALK_APP_SECRET=s3cret DINGTALK_MODE=http PORT=3000 java -jar target/startup-coach.jar serve &amp;
 * java -cp target/test-classes startupcoach.cli.CallbackLoadGenerator 3000 20 90 s3cret
 * </pre>
 */
public final class CallbackLoadGenerator {

    private static final int SINK_PORT = 18099;

    private CallbackLoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int rate = Math.max(1, Math.min(200, Integer.parseInt(args[1])));
        int seconds = Math.max(1, Math.min(900, Integer.parseInt(args[2])));
        String secret = args[3];
        AtomicInteger replies = new AtomicInteger();
        HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", SINK_PORT), 128);
        sink.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            replies.incrementAndGet();
            byte[] ok = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        sink.setExecutor(Executors.newFixedThreadPool(4));
        sink.start();
        HttpClient http = HttpClient.newHttpClient();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        int total = rate * seconds;
        long[] latency = new long[total];
        int[] status = new int[total];
        List<Future<?>> sent = new ArrayList<>(total);
        String[] questions = {"价格战怎么打？", "How do we control market risk?", "品牌建设有哪些策略？", "融资", "团队管理"};
        long begin = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        for (int i = 0; i < total; i++) {
            long now = System.currentTimeMillis();
            String body = "{\"conversationId\":\"cidGen" + i + "\",\"msgId\":\"gen" + UUID.randomUUID() + "\",\"senderStaffId\":\"u"
                    + (i % 500) + "\",\"senderId\":\"s" + (i % 500) + "\",\"conversationType\":\"2\",\"createAt\":" + now
                    + ",\"sessionWebhook\":\"http://127.0.0.1:" + SINK_PORT + "/s" + i + "\",\"sessionWebhookExpiredTime\":" + (now + 3_600_000)
                    + ",\"robotCode\":\"r\",\"msgtype\":\"text\",\"text\":{\"content\":\" " + questions[i % questions.length] + "\"}}";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dingtalk/callback"))
                    .header("timestamp", Long.toString(now)).header("sign", sign(secret, now))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long due = begin + i * interval;
            LockSupport.parkNanos(due - System.nanoTime());
            int n = i;
            sent.add(pool.submit(() -> {
                HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                latency[n] = System.nanoTime() - due;
                status[n] = r.statusCode();
                return null;
            }));
        }
        for (Future<?> f : sent) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        for (int i = 0; i < 100 && replies.get() < total; i++) {
            Thread.sleep(100);
        }
        long[] sorted = latency.clone();
        Arrays.sort(sorted);
        System.out.printf("callbacks=%d rate=%d/s errors=%d replies=%d ack p50=%.1f ms p99=%.1f ms max=%.1f ms%n", total, rate,
                Arrays.stream(status).filter(s -> s != 200).count(), replies.get(), sorted[total / 2] / 1e6,
                sorted[(int) Math.ceil(total * 0.99) - 1] / 1e6, sorted[total - 1] / 1e6);
        sink.stop(0);
        System.exit(0);
    }

    private static String sign(String secret, long timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
    }
}
