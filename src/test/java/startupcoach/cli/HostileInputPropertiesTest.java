package startupcoach.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing of {@code /slack/events} and {@code /dingtalk/callback} on a real
 * {@code serve}: malformed JSON, wrong types, huge fields, invalid UTF-8 and header tricks. Never a
 * 5xx (a parsing path must answer 4xx, or 200 for what it can acknowledge and ignore), and an
 * unsigned or wrongly signed request is refused with 401 and never answered. Bounded: a few
 * hundred tries in all, seconds.
 */
class HostileInputPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UNSIGNED_SLACK = "CUNSIGNED";
    private static final String UNSIGNED_DINGTALK = "cidUnsigned";
    private static FakeChatServices fake;
    private static CoachServer server;

    @BeforeContainer
    static void start() throws Exception {
        fake = new FakeChatServices();
        server = Serve.start(Serve.tempData("hostile"), Serve.env(fake, Map.of("COACH_RETRIEVAL_MODE", "bm25")));
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
        fake.close();
    }

    @Property(tries = 120)
    void unsignedOrWronglySignedSlackRequestsAreRefusedAndNeverAnswered(@ForAll("unsignedBodies") byte[] body,
                                                                        @ForAll("slackForgeries") Map<String, String> headers)
            throws InterruptedException {
        HttpResponse<String> r = post("/slack/events", body, headers);
        assertThat(r.statusCode()).as("forged slack headers %s", headers).isIn(401, 413);
        assertThat(fake.next(UNSIGNED_SLACK, Duration.ZERO)).as("a reply to an unsigned request").isNull();
    }

    @Property(tries = 120)
    void unsignedOrWronglySignedDingTalkCallbacksAreRefusedAndNeverAnswered(@ForAll("unsignedBodies") byte[] body,
                                                                            @ForAll("dingTalkForgeries") Map<String, String> headers)
            throws InterruptedException {
        HttpResponse<String> r = post("/dingtalk/callback", body, headers);
        assertThat(r.statusCode()).as("forged dingtalk headers %s", headers).isIn(401, 413);
        assertThat(fake.next(UNSIGNED_DINGTALK, Duration.ZERO)).as("a reply to an unsigned request").isNull();
    }

    @Property(tries = 120)
    void signedButMalformedSlackRequestsNeverGetA5xx(@ForAll("bodies") byte[] body) {
        HttpResponse<String> r = Serve.send(Serve.slackRequest(server.port(), body));
        assertThat(r.statusCode()).as("status for %d bytes", body.length).isLessThan(500);
    }

    @Property(tries = 120)
    void signedButMalformedDingTalkCallbacksNeverGetA5xx(@ForAll("bodies") byte[] body) {
        HttpResponse<String> r = Serve.send(Serve.dingTalkRequest(server.port(), body));
        assertThat(r.statusCode()).as("status for %d bytes", body.length).isLessThan(500);
    }

    // ---- generators ----

    /** Hostile bodies whose well-formed ones would be answered in the fuzz channel and group. */
    @Provide
    Arbitrary<byte[]> bodies() {
        return bodies("CFUZZ", "cidFuzz");
    }

    /**
     * The same for unsigned requests, in their own channel and group: a reply there would mean an
     * unsigned request was processed (one to a signed request may still be on its way elsewhere).
     */
    @Provide
    Arbitrary<byte[]> unsignedBodies() {
        return Arbitraries.oneOf(bodies(UNSIGNED_SLACK, UNSIGNED_DINGTALK),
                Arbitraries.just(UNSIGNED_SLACK).map(c -> Serve.slackMention(c, "U1", "价格战").getBytes(StandardCharsets.UTF_8)),
                Arbitraries.just(UNSIGNED_DINGTALK).map(c -> Serve.dingTalkMessage(fake, c, "u1", "价格战").getBytes(StandardCharsets.UTF_8)));
    }

    private static Arbitrary<byte[]> bodies(String slackChannel, String dingTalkGroup) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, mutations(() -> Serve.slackMention(slackChannel, "UFUZZ", "价格战怎么打？"))),
                net.jqwik.api.Tuple.of(3, mutations(() -> Serve.dingTalkMessage(fake, dingTalkGroup, "ufuzz", "价格战怎么打？"))),
                net.jqwik.api.Tuple.of(2, Arbitraries.bytes().array(byte[].class).ofMaxSize(2048)),
                net.jqwik.api.Tuple.of(1, invalidUtf8InJson()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(structural())),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(900_000, 1_200_000).map(HostileInputPropertiesTest::huge)));
    }

    private static List<byte[]> structural() {
        List<byte[]> out = new ArrayList<>();
        for (String s : List.of("", "{", "}", "[]", "null", "true", "0", "\"x\"", "{\"type\":null}", "{\"type\":\"url_verification\"}",
                "{\"type\":\"event_callback\",\"event\":[]}", "{\"type\":\"event_callback\",\"event\":{\"type\":7}}",
                "payload=%7B%22type%22%3A%22block_actions%22%7D", "payload=%ZZ", "command=/coach&text=", "{\"msgtype\":{\"a\":1}}",
                "[".repeat(10_000) + "]".repeat(10_000), "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000),
                "{\"text\":{\"content\":\"\\ud800\"}}", "\u0000\u0000\u0000")) {
            out.add(s.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A valid payload with one field (top level or nested) replaced by a value of the wrong type, or truncated. */
    private static Arbitrary<byte[]> mutations(java.util.function.Supplier<String> valid) {
        Arbitrary<Object> wrong = Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.just((Object) List.of(1, "a", Map.of())),
                Arbitraries.just((Object) Map.of("nested", List.of())),
                Arbitraries.just((Object) "x".repeat(200_000)),
                Arbitraries.strings().all().ofMaxLength(64).map(s -> (Object) s),
                Arbitraries.just(null));
        Arbitrary<Integer> which = Arbitraries.integers().between(0, 40);
        Arbitrary<Integer> cut = Arbitraries.integers().between(-1, 400);
        return Combinators.combine(wrong, which, cut).as((value, index, truncate) -> {
            try {
                ObjectNode root = (ObjectNode) JSON.readTree(valid.get());
                List<ObjectNode> owners = new ArrayList<>();
                List<String> names = new ArrayList<>();
                collect(root, owners, names);
                int i = index % names.size();
                owners.get(i).set(names.get(i), JSON.valueToTree(value));
                byte[] bytes = JSON.writeValueAsBytes(root);
                return truncate >= 0 && truncate < bytes.length ? java.util.Arrays.copyOf(bytes, truncate) : bytes;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void collect(ObjectNode node, List<ObjectNode> owners, List<String> names) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            owners.add(node);
            names.add(name);
            if (node.get(name) instanceof ObjectNode child) {
                collect(child, owners, names);
            }
        }
    }

    private static Arbitrary<byte[]> invalidUtf8InJson() {
        return Arbitraries.bytes().between((byte) 0x80, (byte) 0xFF).array(byte[].class).ofMinSize(1).ofMaxSize(16).map(bad -> {
            byte[] head = "{\"type\":\"event_callback\",\"event\":{\"type\":\"app_mention\",\"text\":\"".getBytes(StandardCharsets.UTF_8);
            byte[] tail = "\",\"channel\":\"C1\",\"user\":\"U1\",\"ts\":\"1.1\"}}".getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[head.length + bad.length + tail.length];
            System.arraycopy(head, 0, out, 0, head.length);
            System.arraycopy(bad, 0, out, head.length, bad.length);
            System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
            return out;
        });
    }

    /** A JSON body around one long string: above 1 MiB it must be refused with 413, below it parsed. */
    private static byte[] huge(int size) {
        return ("{\"type\":\"event_callback\",\"text\":{\"content\":\"" + "字".repeat(size / 3) + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    @Provide
    Arbitrary<Map<String, String>> slackForgeries() {
        long now = System.currentTimeMillis() / 1000;
        Arbitrary<String> timestamps = Arbitraries.of("", " ", "abc", "-1", "0", "1e10", "99999999999999999999",
                Long.toString(now - 301), Long.toString(now + 301), Long.toString(now), " " + now + " ");
        Arbitrary<String> signatures = Arbitraries.oneOf(
                Arbitraries.of("", "v0=", "v1=" + "0".repeat(64), "v0=" + "0".repeat(64), "V0=" + "A".repeat(64), "v0=zz",
                        "v0=" + "0".repeat(63), Serve.slackSignature(now, "{}".getBytes(StandardCharsets.UTF_8))),
                Arbitraries.strings().ascii().ofMaxLength(80));
        return Combinators.combine(timestamps, signatures, Arbitraries.integers().between(0, 2)).as((ts, sig, omit) ->
                omit == 0 ? Map.of("X-Slack-Signature", sig)
                        : omit == 1 ? Map.of("X-Slack-Request-Timestamp", ts)
                        : Map.of("X-Slack-Request-Timestamp", ts, "X-Slack-Signature", sig));
    }

    @Provide
    Arbitrary<Map<String, String>> dingTalkForgeries() {
        long now = System.currentTimeMillis();
        Arbitrary<String> timestamps = Arbitraries.of("", "abc", "-1", "0", Long.toString(now - 3_700_000),
                Long.toString(now + 3_700_000), Long.toString(now), "1e13");
        Arbitrary<String> signs = Arbitraries.oneOf(
                Arbitraries.of("", "====", Serve.dingTalkSign(now - 1), Serve.dingTalkSign(now).toLowerCase(),
                        "%2B" + Serve.dingTalkSign(now).substring(3), Serve.DINGTALK_SECRET),
                Arbitraries.strings().ascii().ofMaxLength(60));
        return Combinators.combine(timestamps, signs, Arbitraries.integers().between(0, 2)).as((ts, sign, omit) ->
                omit == 0 ? Map.of("sign", sign) : omit == 1 ? Map.of("timestamp", ts) : Map.of("timestamp", ts, "sign", sign));
    }

    private static HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((k, v) -> {
            if (v.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                b.header(k, v);
            }
        });
        return Serve.send(b.build());
    }
}
