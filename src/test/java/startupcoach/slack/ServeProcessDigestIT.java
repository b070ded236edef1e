package startupcoach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static startupcoach.slack.SlackPayloads.slashCommand;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real shaded jar as a separate process (failsafe runs this after {@code package}): subscribe a
 * channel to a digest every minute through a signed {@code /coach} request, let the first slot be
 * posted, SIGKILL the process, start it again on the same data directory, and show that the
 * subscription is still listed, the next slot is posted, and no slot was posted twice: every
 * {@code chat.postMessage} carries its slot in the message metadata, counted here across both runs.
 *
 * <p>Schedules normally fire at most hourly; {@code COACH_DIGEST_MIN_INTERVAL_MINUTES=1} allows
 * {@code "* * * * *"} and {@code COACH_DIGEST_TICK_SECONDS=1} makes a slot post within a second.
 * Two consecutive slots are a minute apart, so this takes 65–130 s depending on where in the
 * minute it starts.
 */
class ServeProcessDigestIT {

    static final Path JAR = Path.of("target", "startup-coach.jar");
    static final Duration STARTUP = Duration.ofSeconds(60);
    /** A minute between slots, plus ticks and start-up. */
    static final Duration NEXT_SLOT = Duration.ofSeconds(80);
    /** Several scheduler ticks: long enough for a duplicate post to show. */
    static final Duration QUIET = Duration.ofMillis(2500);

    @TempDir
    Path tmp;
    private FakeSlack slack;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void fakeSlack() throws IOException {
        assertThat(JAR).as("the shaded jar; run ./mvnw verify, which packages before integration tests").exists();
        slack = new FakeSlack();
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        slack.close();
    }

    @Test
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    void subscriptionSurvivesSigkillAndNoSlotIsPostedTwice() throws Exception {
        Path data = tmp.resolve("data");
        String channel = "CDIGEST" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

        Served first = serve(data, "first");
        String subscribed = command(first, channel, "digest cron \"* * * * *\" topics=risk");
        assertThat(subscribed).contains("Subscribed: digest #1", "cron \"* * * * *\"", "topics: risk");

        List<FakeSlack.Call> posts = new ArrayList<>(nextDigest(channel));
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);

        Served second = serve(data, "second");
        assertThat(command(second, channel, "digest list")).contains("#1 — cron \"* * * * *\" (UTC), topics: risk");
        posts.addAll(nextDigest(channel));
        assertThat(slack.next(channel, QUIET)).as("nothing after the second slot's post").isNull();

        // Keyed by slot and part: a digest too long for one message is several posts, each once.
        Map<String, Integer> postsPerSlotPart = new TreeMap<>();
        for (FakeSlack.Call post : posts) {
            postsPerSlotPart.merge(metadata(post, "slot") + " part " + metadata(post, "part"), 1, Integer::sum);
        }
        assertThat(postsPerSlotPart.values()).as("posts per slot %s", postsPerSlotPart).containsOnly(1);
        List<Instant> slots = posts.stream().map(p -> Instant.parse(metadata(p, "slot"))).distinct().sorted().toList();
        assertThat(slots).hasSize(2);
        assertThat(Duration.between(slots.get(0), slots.get(1))).as("consecutive slots: none skipped, none repeated")
                .isEqualTo(Duration.ofMinutes(1));
    }

    private record Served(Process process, int port) {
    }

    /** Starts {@code java -jar startup-coach.jar serve} and waits for {@code /healthz}. */
    private Served serve(Path data, String name) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", JAR.toAbsolutePath().toString(), "serve", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--data-dir", data.toString(), "--knowledge", Path.of("knowledge").toAbsolutePath().toString());
        // Nothing from the developer's shell may leak in (a DATABASE_URL, a real Slack token).
        pb.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("DINGTALK_") || k.startsWith("COACH_")
                || k.startsWith("DATABASE_") || k.startsWith("LLM_"));
        pb.environment().putAll(Map.of(
                "SLACK_SIGNING_SECRET", TestServers.SIGNING_SECRET,
                "SLACK_BOT_TOKEN", TestServers.BOT_TOKEN,
                "SLACK_API_URL", slack.apiUrl(),
                "SLACK_PLACEHOLDER_AFTER_MS", "30000",
                "COACH_RETRIEVAL_MODE", "bm25",
                "COACH_DIGEST_MIN_INTERVAL_MINUTES", "1",
                "COACH_DIGEST_TICK_SECONDS", "1"));
        Path log = tmp.resolve(name + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        processes.add(process);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (healthy(port)) {
                return new Served(process, port);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError(name + " not healthy within " + STARTUP + ":\n" + Files.readString(log));
    }

    private boolean healthy(int port) throws InterruptedException {
        try {
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(get, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code /coach <text>}, signed; returns the text of the reply posted to the response URL. */
    private String command(Served served, String channel, String text) throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> ack = new SignedClient(served.port(), TestServers.SIGNING_SECRET)
                .form(slashCommand(channel, "U1", text, slack.responseUrl(key)));
        assertThat(ack.statusCode()).isEqualTo(200);
        return slack.next(key).json().path("text").asText();
    }

    /** The next digest posted into the channel within a slot's time, all its parts. */
    private List<FakeSlack.Call> nextDigest(String channel) throws InterruptedException {
        FakeSlack.Call post = slack.next(channel, NEXT_SLOT);
        assertThat(post).as("a digest posted within %s", NEXT_SLOT).isNotNull();
        assertThat(post.method()).isEqualTo("chat.postMessage");
        assertThat(post.blocks().toString()).contains("Startup digest · risk", "《");
        List<FakeSlack.Call> parts = new ArrayList<>(List.of(post));
        for (int i = 1; i < Integer.parseInt(metadata(post, "parts")); i++) {
            parts.add(slack.next(channel));
        }
        return parts;
    }

    private static String metadata(FakeSlack.Call post, String field) {
        try {
            JsonNode metadata = SlackPayloads.JSON.readTree(post.param("metadata"));
            assertThat(metadata.path("event_type").asText()).isEqualTo(SlackDigestSink.EVENT_TYPE);
            return metadata.path("event_payload").path(field).asText();
        } catch (IOException e) {
            throw new AssertionError("no digest metadata on " + post, e);
        }
    }
}
