package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL behind a real {@code serve} goes down for 30 s and comes back on the same address.
 * While it is down the bot says so clearly (readiness 503 naming the database, Slack events answered
 * 503 at once so Slack redelivers, DingTalk HTTP callbacks 503 plus a "try again" note to the sender,
 * one {@code store.unavailable} error line); when it is back it recovers without a restart: the
 * redelivered event is answered once, new events are answered, and nothing is answered twice.
 *
 * <p>{@code -Dfault.dbDownSeconds=N} changes the length of the outage (default 30).
 */
class DatabaseOutageTest {

    private static final Duration SLACK_ACK_DEADLINE = Duration.ofSeconds(3);

    @Test
    void anOutageOfThirtySecondsGivesClearErrorsAndRecoversWithoutARestart() throws Exception {
        Duration outage = Duration.ofSeconds(Integer.getInteger("fault.dbDownSeconds", 30));
        Path pgData = Files.createTempDirectory("pg-outage");
        int pgPort = freePort();
        EmbeddedPostgres pg = startPostgres(pgData, pgPort);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE coach");
        }
        String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/coach?user=postgres";
        try (FakeChatServices fake = new FakeChatServices(); LogLines logs = new LogLines();
             CoachServer server = Serve.start(Serve.tempData("outage"), Serve.env(fake, Map.of("DATABASE_URL", url)))) {
            int port = server.port();
            assertThat(slack(port, "C0BEFORE").statusCode()).isEqualTo(200);
            assertThat(fake.next("C0BEFORE", Duration.ofSeconds(30))).as("answer while healthy").isNotNull();

            pg.close();
            long downSince = System.nanoTime();

            HttpResponse<String> ready = Serve.get(port, "/readyz");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"database\":\"down");

            byte[] deferred = Serve.slackMention("C0DURING", "UD1", "价格战怎么打？").getBytes(StandardCharsets.UTF_8);
            long start = System.nanoTime();
            HttpResponse<String> refused = Serve.send(Serve.slackRequest(port, deferred));
            assertThat(refused.statusCode()).as("Slack is asked to redeliver").isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused within Slack's deadline").isLessThan(SLACK_ACK_DEADLINE);

            String dingTalk = Serve.dingTalkMessage(fake, "cidDuring", "ud1", "How do we control market risk?");
            assertThat(Serve.send(Serve.dingTalkRequest(port, dingTalk.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(503);
            FakeChatServices.Call apology = fake.next("cidDuring", Duration.ofSeconds(30));
            assertThat(apology).as("the DingTalk sender is told to ask again").isNotNull();
            assertThat(apology.body()).contains("try again in a minute");

            // Every further event during the outage is refused fast too (the circuit breaker), never hangs.
            int during = 0;
            while (System.nanoTime() - downSince < outage.toNanos()) {
                long t = System.nanoTime();
                assertThat(slack(port, "C0WAIT" + during++).statusCode()).isEqualTo(503);
                assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(SLACK_ACK_DEADLINE);
                Thread.sleep(2_000);
            }

            pg = startPostgres(pgData, pgPort);
            waitUntilReady(port, Duration.ofSeconds(30));

            // Slack's redelivery of the refused event is answered, once.
            assertThat(Serve.send(Serve.slackRequest(port, deferred)).statusCode()).isEqualTo(200);
            assertThat(fake.next("C0DURING", Duration.ofSeconds(30))).as("answer to the redelivered event").isNotNull();
            assertThat(Serve.send(Serve.slackRequest(port, deferred)).statusCode()).as("a second redelivery").isEqualTo(200);
            assertThat(slack(port, "C0AFTER").statusCode()).isEqualTo(200);
            assertThat(fake.next("C0AFTER", Duration.ofSeconds(30))).as("answer after recovery").isNotNull();
            assertThat(fake.next("C0DURING", Duration.ofSeconds(2))).as("second answer to the redelivered event").isNull();

            List<String> lines = logs.rendered();
            assertThat(lines).as("one clear line when the database went away and one when it came back")
                    .anyMatch(l -> l.contains("store.unavailable")).anyMatch(l -> l.contains("store.recovered"));
            assertThat(lines).as("every refused event is logged with its reason")
                    .anyMatch(l -> l.contains("slack.event.deferred") && l.contains("database_unavailable"));
        } finally {
            pg.close();
        }
    }

    private static HttpResponse<String> slack(int port, String channel) {
        return Serve.send(Serve.slackRequest(port, Serve.slackMention(channel, "U" + channel, "融资").getBytes(StandardCharsets.UTF_8)));
    }

    private static void waitUntilReady(int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Serve.get(port, "/readyz").statusCode() != 200) {
            assertThat(System.nanoTime()).as("ready again within " + timeout).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** A PostgreSQL that keeps its data directory when stopped, so it can come back with the same data. */
    private static EmbeddedPostgres startPostgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
