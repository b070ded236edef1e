package startupcoach.dingtalk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import startupcoach.cli.CoachServer;
import startupcoach.retrieve.IndexProgress;

/**
 * The HTTP callback accepts only requests signed with the app secret within the hour: everything
 * else is 401, never reaches the coach, and is logged without any secret or signature.
 */
class DingTalkSignatureTest {

    static final String SECRET = "Zp3Qw8-Lm1Xv6Rt9Kc2Bn5Hy0Jd4Fs7Ga_UeWoPiYt";

    private static DingTalkMock dingtalk;
    private static CoachServer server;

    @BeforeAll
    static void start() throws Exception {
        dingtalk = new DingTalkMock();
        server = CoachServer.start(TestData.config(), Map.of("DINGTALK_APP_SECRET", SECRET, "DINGTALK_MODE", "http",
                "DINGTALK_API_URL", dingtalk.apiUrl()), "127.0.0.1", 0, IndexProgress.SILENT);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        dingtalk.close();
    }

    /** Name, timestamp header, sign header (null = header absent), the verdict to log. */
    static Stream<Arguments> rejected() {
        long now = System.currentTimeMillis();
        String ts = Long.toString(now);
        String good = Signed.sign(SECRET, now);
        long stale = now - 61 * 60_000L;
        char[] flipped = good.toCharArray();
        flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
        return Stream.of(
                Arguments.of("forged with another secret", ts, Signed.sign("not-the-secret", now), "MISMATCH"),
                Arguments.of("stale, signed 61 minutes ago", Long.toString(stale), Signed.sign(SECRET, stale), "STALE"),
                Arguments.of("from the future", Long.toString(now + 61 * 60_000L), Signed.sign(SECRET, now + 61 * 60_000L), "STALE"),
                Arguments.of("missing both headers", null, null, "MISSING"),
                Arguments.of("missing the sign", ts, null, "MISSING"),
                Arguments.of("missing the timestamp", null, good, "MISSING"),
                Arguments.of("timestamp altered after signing", Long.toString(now + 1), good, "MISMATCH"),
                Arguments.of("sign altered", ts, new String(flipped), "MISMATCH"),
                Arguments.of("timestamp not a number", "yesterday", good, "NOT_A_TIMESTAMP"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void unsignedOrBadlySignedCallbackIs401AndNothingIsProcessed(String name, String timestamp, String sign, String verdict)
            throws Exception {
        ObjectNode message = Payloads.fresh(Payloads.GROUP, dingtalk.webhook());
        List<String> lines;
        try (LogCapture logs = new LogCapture("startupcoach")) {
            HttpResponse<String> response = Signed.post(server.port(), Payloads.text(message), timestamp, sign);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(dingtalk.poll(200)).as("nothing sent to DingTalk").isNull();
            lines = logs.lines();
        }
        assertThat(lines).contains("dingtalk.callback_rejected reason=" + verdict + " bytes="
                + Payloads.text(message).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(String.join("\n", lines)).doesNotContain(SECRET);
        if (sign != null) {
            assertThat(String.join("\n", lines)).doesNotContain(sign);
        }
        // Not even remembered as seen: the same message, properly signed, is answered.
        assertThat(Signed.post(server.port(), SECRET, Payloads.text(message)).statusCode()).isEqualTo(200);
        assertThat(DingTalkMock.body(dingtalk.take()).get("msgtype").asText()).isEqualTo("markdown");
    }

    @Test
    void validSignatureIs200AndAnswered() throws Exception {
        ObjectNode message = Payloads.fresh(Payloads.SINGLE, dingtalk.webhook());
        long signedAMinuteAgo = System.currentTimeMillis() - 60_000;

        HttpResponse<String> response = Signed.post(server.port(), Payloads.text(message), Long.toString(signedAMinuteAgo),
                Signed.sign(SECRET, signedAMinuteAgo));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(DingTalkMock.body(dingtalk.take()).get("markdown").get("text").asText()).contains("《");
    }

    @Test
    void getIsNotACallback() throws Exception {
        assertThat(Signed.get(server.port(), "/dingtalk/callback").statusCode()).isEqualTo(405);
    }
}
